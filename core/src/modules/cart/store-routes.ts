// The Store API's cart routes, as Medusa answers them: every answer is `{ cart }` with its totals.
import type { Context } from 'koa'
import { z } from 'zod'
import { currentCustomerId } from '../../http/actor'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute, idParams } from '../../http/route'
import { UnauthorizedError } from '../../kernel/errors'
import type { SalesChannelService } from '../sales-channel/service'
import type { CartView } from './schemas'
import {
  cartCreateSchema,
  cartSchema,
  cartUpdateSchema,
  lineItemInputSchema,
  lineItemUpdateSchema,
  promoCodesSchema,
  shippingMethodInputSchema,
} from './schemas'
import type { CartService } from './service'

const tags = ['Store: carts']
const lineParams = idParams.extend({ line_id: z.string().max(64) })
const fieldsQuery = z.object({ fields: z.string().max(2000).optional() })
const cartResponse = z.object({ cart: cartSchema })

/** The publishable key's sales channels, and who is calling. */
async function caller(koa: Context, resolve: <T>(name: string) => T) {
  const key = await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
  return { sales_channel_ids: key.sales_channel_ids, customer_id: currentCustomerId(koa) }
}

export const createStoreCart = defineRoute({
  method: 'post',
  path: '/store/carts',
  summary: 'Create a cart',
  tags,
  query: fieldsQuery,
  body: cartCreateSchema,
  response: cartResponse,
  handler: async ({ body, koa, resolve }) => ({
    cart: await resolve<CartService>('cartService').createCart(body, await caller(koa, resolve)),
  }),
})

/**
 * A route on one cart: checks the publishable key, calls the cart service for the caller (a cart that
 * belongs to another customer is a 404) and answers `{ cart }`.
 */
function cartRoute<P extends z.ZodType, B extends z.ZodType = z.ZodUndefined>(route: {
  method: 'get' | 'post' | 'delete'
  path: string
  summary: string
  params: P
  body?: B
  run: (
    carts: CartService,
    input: { params: z.output<P>; body: z.output<B>; customerId: string | null },
  ) => Promise<CartView>
}) {
  return defineRoute({
    method: route.method,
    path: route.path,
    summary: route.summary,
    tags,
    params: route.params,
    query: fieldsQuery,
    body: route.body,
    response: cartResponse,
    handler: async ({ params, body, koa, resolve }) => {
      const { customer_id } = await caller(koa, resolve)
      const carts = resolve<CartService>('cartService')
      return { cart: await route.run(carts, { params, body: body as z.output<B>, customerId: customer_id }) }
    },
  })
}

export const retrieveStoreCart = cartRoute({
  method: 'get',
  path: '/store/carts/:id',
  summary: 'Get a cart',
  params: idParams,
  run: (carts, { params, customerId }) => carts.retrieveCart(params.id, customerId),
})

export const updateStoreCart = cartRoute({
  method: 'post',
  path: '/store/carts/:id',
  summary: 'Update a cart: email, addresses, region (re-prices every line), promotion codes',
  params: idParams,
  body: cartUpdateSchema,
  run: (carts, { params, body, customerId }) => carts.updateCart(params.id, customerId, body),
})

export const addStoreLineItem = cartRoute({
  method: 'post',
  path: '/store/carts/:id/line-items',
  summary: 'Add a variant to a cart (the same variant again adds to its line)',
  params: idParams,
  body: lineItemInputSchema,
  run: (carts, { params, body, customerId }) => carts.addLineItem(params.id, customerId, body),
})

export const updateStoreLineItem = cartRoute({
  method: 'post',
  path: '/store/carts/:id/line-items/:line_id',
  summary: "Change a line's quantity (0 removes it)",
  params: lineParams,
  body: lineItemUpdateSchema,
  run: (carts, { params, body, customerId }) =>
    carts.updateLineItem(params.id, customerId, params.line_id, body),
})

export const deleteStoreLineItem = defineRoute({
  method: 'delete',
  path: '/store/carts/:id/line-items/:line_id',
  summary: 'Remove a line from a cart',
  tags,
  params: lineParams,
  query: fieldsQuery,
  response: z.object({
    id: z.string(),
    object: z.literal('line-item'),
    deleted: z.literal(true),
    parent: cartSchema,
  }),
  handler: async ({ params, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    const cart = await resolve<CartService>('cartService').deleteLineItem(
      params.id,
      customer_id,
      params.line_id,
    )
    return { id: params.line_id, object: 'line-item' as const, deleted: true as const, parent: cart }
  },
})

export const setStoreCartCustomer = cartRoute({
  method: 'post',
  path: '/store/carts/:id/customer',
  summary: 'Give a guest cart to the signed-in customer',
  params: idParams,
  run: async (carts, { params, customerId }) => {
    if (!customerId) throw new UnauthorizedError('Sign in as a customer to take over a cart')
    return carts.setCustomer(params.id, customerId)
  },
})

export const addStoreShippingMethod = cartRoute({
  method: 'post',
  path: '/store/carts/:id/shipping-methods',
  summary: "Choose a shipping option for a cart (it must serve the cart's region and address)",
  params: idParams,
  body: shippingMethodInputSchema,
  run: (carts, { params, body, customerId }) => carts.addShippingMethod(params.id, customerId, body),
})

export const addStoreCartPromotions = cartRoute({
  method: 'post',
  path: '/store/carts/:id/promotions',
  summary: 'Apply promotion codes to a cart',
  params: idParams,
  body: promoCodesSchema,
  run: (carts, { params, body, customerId }) => carts.addPromotions(params.id, customerId, body.promo_codes),
})

export const removeStoreCartPromotions = cartRoute({
  method: 'delete',
  path: '/store/carts/:id/promotions',
  summary: 'Remove promotion codes from a cart',
  params: idParams,
  body: promoCodesSchema,
  run: (carts, { params, body, customerId }) =>
    carts.removePromotions(params.id, customerId, body.promo_codes),
})

export const cartStoreRoutes = [
  createStoreCart,
  retrieveStoreCart,
  updateStoreCart,
  addStoreLineItem,
  updateStoreLineItem,
  deleteStoreLineItem,
  setStoreCartCustomer,
  addStoreShippingMethod,
  addStoreCartPromotions,
  removeStoreCartPromotions,
]
