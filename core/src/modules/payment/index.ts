import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { paymentEntities } from './entities'
import { paymentWebhook } from './hook-routes'
import { migrations } from './migrations'
import { PaymentService } from './service'
import { createPaymentCollection, initiatePaymentSession, listPaymentProviders } from './store-routes'
import { SystemPaymentProvider } from './system-provider'

export const paymentModule = definePlugin({
  name: 'core.payment',
  entities: paymentEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.providers.payment.register(new SystemPaymentProvider())
    ctx.container.register({
      paymentService: asFunction(
        ({ db, events, providers, logger }) => new PaymentService(db, events, providers, logger),
      ).singleton(),
    })
    ctx.addRoutes(listPaymentProviders, createPaymentCollection, initiatePaymentSession, paymentWebhook)
  },
})
