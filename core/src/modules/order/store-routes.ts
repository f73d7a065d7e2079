// The Store API's checkout end and orders, as Medusa answers them: completing a cart, and the
// shopper's own orders (a guest's only briefly after placing it, or with its access token).
import { z } from 'zod'
import { currentCustomerId, requireCustomerId } from '../../http/actor'
import { listQuery, listResponse } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute, idParams } from '../../http/route'
import type { SalesChannelService } from '../sales-channel/service'
import type { CartCompletion } from './completion'
import { orderSchema } from './schemas'
import type { OrderService } from './service'

export const completeCart = defineRoute({
  method: 'post',
  path: '/store/carts/:id/complete',
  summary: 'Complete a cart: pay and place the order',
  tags: ['Store: carts'],
  params: idParams,
  response: z.union([
    z.object({
      type: z.literal('order'),
      order: orderSchema.extend({ access_token: z.string().optional() }),
    }),
    z.object({
      type: z.literal('cart'),
      cart: z.record(z.string(), z.unknown()),
      error: z.object({ type: z.string(), name: z.string(), message: z.string() }),
    }),
  ]),
  idempotent: true,
  handler: async ({ params, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    return resolve<CartCompletion>('cartCompletion').completeCart(params.id, {
      customerId: currentCustomerId(koa),
    })
  },
})

export const listStoreOrders = defineRoute({
  method: 'get',
  path: '/store/orders',
  summary: "List the signed-in customer's orders",
  tags: ['Store: orders'],
  query: listQuery(20).extend({ fields: z.string().optional() }),
  response: listResponse('orders', orderSchema),
  handler: async ({ query, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    return resolve<OrderService>('orderService').listOrders({
      ...query,
      customer_id: [requireCustomerId(koa)],
    })
  },
})

export const retrieveStoreOrder = defineRoute({
  method: 'get',
  path: '/store/orders/:id',
  summary: 'Get an order',
  tags: ['Store: orders'],
  params: idParams,
  query: z.object({ fields: z.string().optional(), access_token: z.string().max(128).optional() }),
  response: z.object({ order: orderSchema }),
  handler: async ({ params, query, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    return {
      order: await resolve<OrderService>('orderService').retrieveForShopper(
        params.id,
        currentCustomerId(koa),
        query.access_token,
      ),
    }
  },
})
