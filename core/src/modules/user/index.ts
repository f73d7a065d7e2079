// The user module: staff users, roles and permissions, invites, secret API keys, and the admin check.
import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import type { AuthService } from '../auth/service'
import { userRoutes } from './admin-routes'
import { Invite, SecretKey, User, UserRole } from './entities'
import { migrations } from './migrations'
import { UserService } from './service'

export const userModule = definePlugin({
  name: 'core.user',
  entities: [User, UserRole, Invite, SecretKey],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    const auth = () => ctx.container.resolve<AuthService>('authService')
    ctx.container.register({
      userService: asFunction(({ db, events }) => new UserService(db, events, auth)).singleton(),
      // The staff check for every /admin route, and the secret keys the sign-in middleware accepts.
      adminAuth: asFunction(({ userService }) => userService).singleton(),
      secretKeyVerifier: asFunction(({ userService }) => userService).singleton(),
    })
    ctx.addRoutes(...userRoutes)
  },
})
