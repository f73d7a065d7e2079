import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { listAdminPaymentProviders } from './admin-routes'
import { paymentEntities } from './entities'
import { paymentWebhook } from './hook-routes'
import { migrations } from './migrations'
import { PaymentService } from './service'
import { createPaymentCollection, initiatePaymentSession, listPaymentProviders } from './store-routes'
import { SystemPaymentProvider } from './system-provider'

interface CartWithPayments {
  usePaymentCollections?(
    loader: (cart: { id: string; region_id: string }) => Promise<Record<string, unknown> | undefined>,
  ): void
}

export const paymentModule = definePlugin({
  name: 'core.payment',
  entities: paymentEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.providers.payment.register(new SystemPaymentProvider())
    ctx.container.register({
      paymentService: asFunction(
        ({ db, events, providers, logger, regionService }) =>
          new PaymentService(db, events, providers, logger, regionService),
      ).singleton(),
    })
    ctx.addRoutes(
      listPaymentProviders,
      createPaymentCollection,
      initiatePaymentSession,
      paymentWebhook,
      listAdminPaymentProviders,
    )
  },
  boot(ctx) {
    // A cart shows its payment collection (storefronts, and Medusa's SDK, read cart.payment_collection).
    const carts = ctx.container.hasRegistration('cartService')
      ? ctx.container.resolve<CartWithPayments>('cartService')
      : undefined
    const payments = ctx.container.resolve<PaymentService>('paymentService')
    carts?.usePaymentCollections?.((cart) => payments.collectionOfCart(cart))
  },
})
