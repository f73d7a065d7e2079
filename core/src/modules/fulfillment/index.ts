import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { fulfillmentAdminRoutes } from './admin-routes'
import { fulfillmentEntities } from './entities'
import { migrations } from './migrations'
import { FulfillmentService } from './service'
import { listStoreShippingOptions } from './store-routes'

export const fulfillmentModule = definePlugin({
  name: 'core.fulfillment',
  entities: fulfillmentEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      fulfillmentService: asFunction(
        ({ db, events, regionService, kv }) => new FulfillmentService(db, events, regionService, kv),
      ).singleton(),
    })
    ctx.addRoutes(listStoreShippingOptions, ...fulfillmentAdminRoutes)
  },
})
