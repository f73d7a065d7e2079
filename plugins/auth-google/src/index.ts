// @shopwright/plugin-auth-google: "Sign in with Google" for customers (POST /auth/customer/google).
import { definePlugin } from '@shopwright/core'
import { GoogleAuthProvider, googleOptionsSchema } from './google-provider'

export type { GoogleOptions } from './google-provider'
export { GoogleAuthProvider, googleOptionsSchema } from './google-provider'

export default definePlugin({
  name: 'auth-google',
  options: googleOptionsSchema,
  register(ctx) {
    ctx.providers.auth.register(new GoogleAuthProvider(ctx.options))
  },
})
