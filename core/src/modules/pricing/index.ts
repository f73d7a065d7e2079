import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import type { ProductService } from '../product/service'
import { adminPricingRoutes } from './admin-routes'
import { Price, PriceList } from './entities'
import { migrations } from './migrations'
import { PricingService } from './service'

export const pricingModule = definePlugin({
  name: 'core.pricing',
  entities: [Price, PriceList],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      pricingService: asFunction(
        ({ db, events, catalogVersion, regionService }) =>
          new PricingService(db, events, catalogVersion, regionService, (ids) =>
            // Resolved on use: the product service itself depends on pricing.
            ctx.container.resolve<ProductService>('productService').existingVariantIds(ids),
          ),
      ).singleton(),
    })
    ctx.addRoutes(...adminPricingRoutes)
  },
})
