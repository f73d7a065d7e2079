import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
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
    ctx.schedule({
      name: 'order.reconcile-payments',
      cron: '*/5 * * * *',
      handler: async () => {
        await ctx.container.resolve<CartCompletion>('cartCompletion').reconcile(RECONCILE_AFTER_MS)
      },
    })
  },
})
