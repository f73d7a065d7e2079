// The Store API's payment routes, as Medusa answers them: providers, the cart's payment collection,
// and a payment session with a provider. Amounts come from the cart on the server, never the client.
import { z } from 'zod'
import { currentCustomerId } from '../../http/actor'
import { listResponse } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute, idParams } from '../../http/route'
import type { CartService } from '../cart/service'
import type { SalesChannelService } from '../sales-channel/service'
import { paymentCollectionSchema } from './schemas'
import type { PaymentService } from './service'

export const listPaymentProviders = defineRoute({
  method: 'get',
  path: '/store/payment-providers',
  summary: 'List the payment providers of a region',
  tags: ['Store: payments'],
  query: z.object({ region_id: z.string().max(64), fields: z.string().optional() }),
  response: listResponse('payment_providers', z.object({ id: z.string(), is_enabled: z.boolean() })),
  handler: async ({ query, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const providers = await resolve<PaymentService>('paymentService').listRegionProviders(query.region_id)
    return { payment_providers: providers, count: providers.length, offset: 0, limit: providers.length }
  },
})

export const createPaymentCollection = defineRoute({
  method: 'post',
  path: '/store/payment-collections',
  summary: "Create (or get) a cart's payment collection",
  tags: ['Store: payments'],
  body: z.object({ cart_id: z.string().max(64) }),
  response: z.object({ payment_collection: paymentCollectionSchema }),
  handler: async ({ body, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const cart = await resolve<CartService>('cartService').retrieveCart(body.cart_id, currentCustomerId(koa))
    return { payment_collection: await resolve<PaymentService>('paymentService').collectionForCart(cart) }
  },
})

export const initiatePaymentSession = defineRoute({
  method: 'post',
  path: '/store/payment-collections/:id/payment-sessions',
  summary: 'Start paying with a provider',
  tags: ['Store: payments'],
  params: idParams,
  body: z.object({
    provider_id: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  response: z.object({ payment_collection: paymentCollectionSchema }),
  idempotent: true,
  handler: async ({ params, body, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const payments = resolve<PaymentService>('paymentService')
    const cartId = await payments.collectionCartId(params.id)
    const cart = await resolve<CartService>('cartService').retrieveCart(cartId, currentCustomerId(koa))
    return { payment_collection: await payments.initiateSession(params.id, cart, body) }
  },
})
