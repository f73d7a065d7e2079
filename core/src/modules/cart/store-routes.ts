// The Store API's cart routes, as Medusa answers them: every answer is `{ cart }` with its totals.
import type { Context } from 'koa'
import { z } from 'zod'
import { currentCustomerId } from '../../http/actor'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute } from '../../http/route'
import { UnauthorizedError } from '../../kernel/errors'
import type { SalesChannelService } from '../sales-channel/service'
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
const cartParams = z.object({ id: z.string().max(64) })
const lineParams = cartParams.extend({ line_id: z.string().max(64) })
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

export const retrieveStoreCart = defineRoute({
  method: 'get',
  path: '/store/carts/:id',
  summary: 'Get a cart',
  tags,
  params: cartParams,
  query: fieldsQuery,
  response: cartResponse,
  handler: async ({ params, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return { cart: await resolve<CartService>('cartService').retrieveCart(params.id, customer_id) }
  },
})

export const updateStoreCart = defineRoute({
  method: 'post',
  path: '/store/carts/:id',
  summary: 'Update a cart: email, addresses, region (re-prices every line), promotion codes',
  tags,
  params: cartParams,
  query: fieldsQuery,
  body: cartUpdateSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return { cart: await resolve<CartService>('cartService').updateCart(params.id, customer_id, body) }
  },
})

export const addStoreLineItem = defineRoute({
  method: 'post',
  path: '/store/carts/:id/line-items',
  summary: 'Add a variant to a cart (the same variant again adds to its line)',
  tags,
  params: cartParams,
  query: fieldsQuery,
  body: lineItemInputSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return { cart: await resolve<CartService>('cartService').addLineItem(params.id, customer_id, body) }
  },
})

export const updateStoreLineItem = defineRoute({
  method: 'post',
  path: '/store/carts/:id/line-items/:line_id',
  summary: "Change a line's quantity (0 removes it)",
  tags,
  params: lineParams,
  query: fieldsQuery,
  body: lineItemUpdateSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return {
      cart: await resolve<CartService>('cartService').updateLineItem(
        params.id,
        customer_id,
        params.line_id,
        body,
      ),
    }
  },
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

export const setStoreCartCustomer = defineRoute({
  method: 'post',
  path: '/store/carts/:id/customer',
  summary: 'Give a guest cart to the signed-in customer',
  tags,
  params: cartParams,
  query: fieldsQuery,
  response: cartResponse,
  handler: async ({ params, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    if (!customer_id) throw new UnauthorizedError('Sign in as a customer to take over a cart')
    return { cart: await resolve<CartService>('cartService').setCustomer(params.id, customer_id) }
  },
})

export const addStoreShippingMethod = defineRoute({
  method: 'post',
  path: '/store/carts/:id/shipping-methods',
  summary: "Choose a shipping option for a cart (it must serve the cart's region and address)",
  tags,
  params: cartParams,
  query: fieldsQuery,
  body: shippingMethodInputSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return { cart: await resolve<CartService>('cartService').addShippingMethod(params.id, customer_id, body) }
  },
})

export const addStoreCartPromotions = defineRoute({
  method: 'post',
  path: '/store/carts/:id/promotions',
  summary: 'Apply promotion codes to a cart',
  tags,
  params: cartParams,
  query: fieldsQuery,
  body: promoCodesSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return {
      cart: await resolve<CartService>('cartService').addPromotions(params.id, customer_id, body.promo_codes),
    }
  },
})

export const removeStoreCartPromotions = defineRoute({
  method: 'delete',
  path: '/store/carts/:id/promotions',
  summary: 'Remove promotion codes from a cart',
  tags,
  params: cartParams,
  query: fieldsQuery,
  body: promoCodesSchema,
  response: cartResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const { customer_id } = await caller(koa, resolve)
    return {
      cart: await resolve<CartService>('cartService').removePromotions(
        params.id,
        customer_id,
        body.promo_codes,
      ),
    }
  },
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
