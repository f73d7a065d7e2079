import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { adminProductRoutes } from './admin-routes'
import { ProductCsv } from './csv'
import { productEntities } from './entities'
import { migrations } from './migrations'
import { ProductService } from './service'
import { storeProductRoutes } from './store-routes'

export const productModule = definePlugin({
  name: 'core.product',
  entities: [...productEntities],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      productService: asFunction(
        ({ db, events, pricingService, cache, kv }) =>
          new ProductService(db, events, pricingService, cache, kv),
      ).singleton(),
      productCsv: asFunction(({ db, productService }) => new ProductCsv(db, productService)).singleton(),
    })
    ctx.addRoutes(...storeProductRoutes, ...adminProductRoutes)
  },
})
