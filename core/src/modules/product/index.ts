import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import type { PricingService } from '../pricing/service'
import { adminProductRoutes } from './admin-routes'
import { CatalogVersion } from './catalog-version'
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
      catalogVersion: asFunction(
        ({ kv }) =>
          new CatalogVersion(kv, () =>
            // Resolved on use: pricing itself bumps the catalog version.
            ctx.container.resolve<PricingService>('pricingService').priceListBoundaries(),
          ),
      ).singleton(),
      productService: asFunction(
        ({ db, events, pricingService, cache, catalogVersion, inventoryService }) =>
          new ProductService(db, events, pricingService, cache, catalogVersion, inventoryService),
      ).singleton(),
      productCsv: asFunction(({ db, productService }) => new ProductCsv(db, productService)).singleton(),
    })
    ctx.addRoutes(...storeProductRoutes, ...adminProductRoutes)
  },
})
