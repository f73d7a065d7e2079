// GET /store/shipping-options?cart_id=: the options a cart may choose, priced for it, as Medusa lists them.
import { z } from 'zod'
import { currentCustomerId } from '../../http/actor'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute } from '../../http/route'
import type { CartService } from '../cart/service'
import { calculatedPriceSchema } from '../product/schemas'
import type { SalesChannelService } from '../sales-channel/service'
import type { FulfillmentService } from './service'

export const storeShippingOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  price_type: z.literal('flat'),
  service_zone_id: z.string().nullable(),
  shipping_profile_id: z.string().nullable(),
  provider_id: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  type: z.object({ id: z.string(), label: z.string(), description: z.string(), code: z.string() }),
  provider: z.object({ id: z.string(), is_enabled: z.boolean() }),
  amount: z.number().int(),
  is_tax_inclusive: z.boolean(),
  prices: z.array(
    z.object({
      id: z.string(),
      currency_code: z.string(),
      amount: z.number().int(),
      min_quantity: z.null(),
      max_quantity: z.null(),
      price_rules: z.array(z.never()),
    }),
  ),
  calculated_price: calculatedPriceSchema,
  insufficient_inventory: z.boolean(),
  service_zone: z
    .object({
      id: z.string(),
      name: z.string(),
      fulfillment_set_id: z.null(),
      countries: z.array(z.string()),
    })
    .nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
})

export const listStoreShippingOptions = defineRoute({
  method: 'get',
  path: '/store/shipping-options',
  summary: 'List the shipping options a cart may choose, priced for it',
  tags: ['Store: shipping'],
  query: z.object({
    cart_id: z.string().min(1).max(64),
    is_return: z.enum(['true', 'false']).optional(),
    fields: z.string().max(2000).optional(),
  }),
  response: z.object({ shipping_options: z.array(storeShippingOptionSchema) }),
  handler: async ({ query, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const carts = resolve<CartService>('cartService')
    const fulfillment = resolve<FulfillmentService>('fulfillmentService')
    const cart = await carts.retrieveCart(query.cart_id, currentCustomerId(koa))
    if (query.is_return === 'true') return { shipping_options: [] }
    const context = carts.shippingContext(cart)
    const options = await fulfillment.optionsFor(context)
    return {
      shipping_options: options.map(({ option, zone }) => fulfillment.storeView(option, zone, context)),
    }
  },
})

export type StoreShippingOptionView = z.output<typeof storeShippingOptionSchema>
