import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { Price } from './entities'
import { migrations } from './migrations'
import { PricingService } from './service'

export const pricingModule = definePlugin({
  name: 'core.pricing',
  entities: [Price],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({ pricingService: asFunction(({ db }) => new PricingService(db)).singleton() })
  },
})
