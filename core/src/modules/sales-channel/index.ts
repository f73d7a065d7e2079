import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { adminSalesChannelRoutes } from './admin-routes'
import { PublishableKey, PublishableKeyChannel, SalesChannel } from './entities'
import { migrations } from './migrations'
import { SalesChannelService } from './service'

export const salesChannelModule = definePlugin({
  name: 'core.sales-channel',
  entities: [SalesChannel, PublishableKey, PublishableKeyChannel],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      salesChannelService: asFunction(({ db, events }) => new SalesChannelService(db, events)).singleton(),
    })
    ctx.addRoutes(...adminSalesChannelRoutes)
  },
})
