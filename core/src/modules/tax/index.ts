import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { taxAdminRoutes } from './admin-routes'
import { taxEntities } from './entities'
import { migrations } from './migrations'
import { TaxService } from './service'

export const taxModule = definePlugin({
  name: 'core.tax',
  entities: taxEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      taxService: asFunction(({ db, events, kv }) => new TaxService(db, events, kv)).singleton(),
    })
    ctx.addRoutes(...taxAdminRoutes)
  },
})
