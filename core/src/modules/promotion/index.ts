import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { promotionAdminRoutes } from './admin-routes'
import { promotionEntities } from './entities'
import { migrations } from './migrations'
import { PromotionService } from './service'

interface OrdersWithPromotions {
  usePromotionUsage?(usage: PromotionService): void
}

export const promotionModule = definePlugin({
  name: 'core.promotion',
  entities: promotionEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      promotionService: asFunction(({ db, events }) => new PromotionService(db, events)).singleton(),
    })
    ctx.addRoutes(...promotionAdminRoutes)
  },
  boot(ctx) {
    // A canceled order gives back the promotion uses it counted.
    const orders = ctx.container.hasRegistration('orderService')
      ? ctx.container.resolve<OrdersWithPromotions>('orderService')
      : undefined
    orders?.usePromotionUsage?.(ctx.container.resolve<PromotionService>('promotionService'))
  },
})
