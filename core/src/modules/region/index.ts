import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { adminRegionRoutes } from './admin-routes'
import { Region, RegionCountry, RegionPaymentProvider } from './entities'
import { migrations } from './migrations'
import { RegionService } from './service'
import { listStoreRegions, retrieveStoreRegion } from './store-routes'

export const regionModule = definePlugin({
  name: 'core.region',
  entities: [Region, RegionCountry, RegionPaymentProvider],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      regionService: asFunction(
        ({ db, events, catalogVersion, providers }) =>
          new RegionService(db, events, catalogVersion, providers),
      ).singleton(),
    })
    ctx.addRoutes(listStoreRegions, retrieveStoreRegion, ...adminRegionRoutes)
  },
})
