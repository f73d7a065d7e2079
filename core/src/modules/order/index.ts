import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { AuthEvents, type EmailVerified } from '../auth/events'
import {
  cancelOrder,
  captureOrderPayment,
  createOrderFulfillment,
  createOrderShipment,
  listAdminOrders,
  markOrderDelivered,
  receiveOrderReturn,
  refundOrderPayment,
  requestOrderReturn,
  retrieveAdminOrder,
} from './admin-routes'
import { CartCompletion } from './completion'
import { orderEntities } from './entities'
import { migrations } from './migrations'
import { OrderService } from './service'
import { completeCart, listStoreOrders, retrieveStoreOrder } from './store-routes'

/** A payment this old without an order is reconciled: its cart completed, or the money given back. */
export const RECONCILE_AFTER_MS = 15 * 60 * 1000

export const orderModule = definePlugin({
  name: 'core.order',
  entities: orderEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      orderService: asFunction(
        ({ db, events, locks, inventoryService, paymentService }) =>
          new OrderService(db, events, locks, inventoryService, paymentService),
      ).singleton(),
      cartCompletion: asFunction(
        ({ db, locks, logger, orderService, paymentService }) =>
          new CartCompletion(ctx.container, db, locks, logger, orderService, paymentService),
      ).singleton(),
    })
    ctx.addRoutes(
      completeCart,
      listStoreOrders,
      retrieveStoreOrder,
      listAdminOrders,
      retrieveAdminOrder,
      captureOrderPayment,
      refundOrderPayment,
      cancelOrder,
      createOrderFulfillment,
      createOrderShipment,
      markOrderDelivered,
      requestOrderReturn,
      receiveOrderReturn,
    )
    ctx.subscribe({
      id: 'order.link-guest-orders',
      event: AuthEvents.emailVerified,
      // A customer who proved they own an email gets the guest orders placed with it (never on a bare
      // registration: anyone can register any email). Linking is conditional, so a redelivery is harmless.
      handler: async (event) => {
        const { actor_type, actor_id, email } = event.data as EmailVerified
        if (actor_type !== 'customer' || !actor_id || !email) return
        await ctx.container.resolve<OrderService>('orderService').linkGuestOrders(actor_id, email)
      },
    })
    ctx.schedule({
      name: 'order.reconcile-payments',
      cron: '*/5 * * * *',
      handler: async () => {
        await ctx.container.resolve<CartCompletion>('cartCompletion').reconcile(RECONCILE_AFTER_MS)
      },
    })
  },
})
