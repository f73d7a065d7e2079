// The auth module: sign-in identities, tokens, sessions, one-time codes and outside providers.
import { fileURLToPath } from 'node:url'
import { asFunction, asValue } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { authRoutes } from './auth-routes'
import { AuthIdentity, RefreshToken } from './entities'
import { TokenCallerIdentifier } from './identify'
import { migrations } from './migrations'
import { OneTimeCodes } from './one-time-codes'
import { AuthService } from './service'
import { loadJwtSecret, TokenSigner } from './tokens'

export const authModule = definePlugin({
  name: 'core.auth',
  entities: [AuthIdentity, RefreshToken],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    const secret = loadJwtSecret(ctx.config, ctx.logger)
    ctx.container.register({
      tokenSigner: asValue(new TokenSigner(secret)),
      oneTimeCodes: asFunction(({ kv }) => new OneTimeCodes(kv, secret)).singleton(),
      callerIdentifier: asFunction(
        ({ tokenSigner, kv, config }) => new TokenCallerIdentifier(tokenSigner, kv, config, ctx.container),
      ).singleton(),
      authService: asFunction(
        ({ db, events, kv, rateLimits, tokenSigner, oneTimeCodes, providers, config, logger }) =>
          new AuthService(
            db,
            events,
            kv,
            rateLimits,
            tokenSigner,
            oneTimeCodes,
            providers,
            config,
            logger,
            ctx.container,
          ),
      ).singleton(),
    })
    ctx.addRoutes(...authRoutes)
  },
})
