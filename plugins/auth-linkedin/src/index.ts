// @shopwright/plugin-auth-linkedin: "Sign in with LinkedIn" for customers (POST /auth/customer/linkedin).
import { definePlugin } from '@shopwright/core'
import { LinkedInAuthProvider, linkedinOptionsSchema } from './linkedin-provider'

export type { LinkedInOptions } from './linkedin-provider'
export { LinkedInAuthProvider, linkedinOptionsSchema } from './linkedin-provider'

export default definePlugin({
  name: 'auth-linkedin',
  options: linkedinOptionsSchema,
  register(ctx) {
    ctx.providers.auth.register(new LinkedInAuthProvider(ctx.options))
  },
})
