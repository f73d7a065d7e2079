import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { adminInventoryRoutes } from './admin-routes'
import { InventoryLevel, StockLocation, StockLocationSalesChannel } from './entities'
import { migrations } from './migrations'
import { InventoryService } from './service'

export const inventoryModule = definePlugin({
  name: 'core.inventory',
  entities: [StockLocation, InventoryLevel, StockLocationSalesChannel],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      inventoryService: asFunction(({ db, events }) => new InventoryService(db, events)).singleton(),
    })
    ctx.addRoutes(...adminInventoryRoutes)
  },
})
