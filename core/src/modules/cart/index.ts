import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { cartEntities } from './entities'
import { migrations } from './migrations'
import { CartService, type CartServiceDeps } from './service'
import { cartStoreRoutes } from './store-routes'

export const cartModule = definePlugin({
  name: 'core.cart',
  entities: cartEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      cartService: asFunction((deps: CartServiceDeps) => new CartService(deps)).singleton(),
    })
    ctx.addRoutes(...cartStoreRoutes)
  },
})
