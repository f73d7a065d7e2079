import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { listStores, retrieveStore, updateStore } from './admin-routes'
import { Store } from './entities'
import { migrations } from './migrations'
import { StoreService } from './service'

export const storeModule = definePlugin({
  name: 'core.store',
  entities: [Store],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      storeService: asFunction(({ db, events }) => new StoreService(db, events)).singleton(),
    })
    ctx.addRoutes(listStores, retrieveStore, updateStore)
  },
})
