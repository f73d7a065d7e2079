// Admin routes for orders: the list with filters, an order with its timeline, and every change staff
// make to it. Each money movement honours an Idempotency-Key.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import { itemQuantityInput, moneyInput, orderSchema, timelineEntrySchema } from './schemas'
import type { OrderService } from './service'

const ids = idListQuery()
const fulfillmentParams = idParams.extend({ fulfillment_id: z.string().max(64) })
const orderResponse = z.object({ order: orderSchema })
const orders = (resolve: <T>(name: string) => T) => resolve<OrderService>('orderService')
const tags = ['Admin: orders']

const dateRange = z
  .object({
    gte: z.iso.datetime({ offset: true }).optional(),
    lte: z.iso.datetime({ offset: true }).optional(),
    gt: z.iso.datetime({ offset: true }).optional(),
    lt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
const amount = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional()
const amountRange = z.object({ gte: amount, lte: amount, gt: amount, lt: amount }).strict()

export const listAdminOrders = defineRoute({
  method: 'get',
  path: '/admin/orders',
  permission: 'order:read',
  summary: 'List orders',
  tags,
  query: listQuery().extend({
    id: ids.optional(),
    status: ids.optional(),
    payment_status: ids.optional(),
    fulfillment_status: ids.optional(),
    customer_id: ids.optional(),
    email: ids.optional(),
    created_at: dateRange.optional(),
    total: amountRange.optional(),
    q: z.string().max(191).optional(),
  }),
  response: listResponse('orders', orderSchema),
  handler: ({ query, resolve }) => orders(resolve).listOrders(query),
})

export const retrieveAdminOrder = defineRoute({
  method: 'get',
  path: '/admin/orders/:id',
  permission: 'order:read',
  summary: 'Get an order with its timeline',
  tags,
  params: idParams,
  response: z.object({ order: orderSchema.extend({ timeline: z.array(timelineEntrySchema) }) }),
  handler: async ({ params, resolve }) => {
    const order = await orders(resolve).retrieveOrder(params.id)
    return { order: { ...order, timeline: await orders(resolve).timeline(params.id) } }
  },
})

export const captureOrderPayment = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/capture',
  permission: 'order:write',
  summary: "Capture the order's payment, in full or `amount` of it",
  tags,
  params: idParams,
  body: z.object({ amount: moneyInput.optional() }),
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, body, resolve }) => ({
    order: await orders(resolve).capture(params.id, body.amount),
  }),
})

export const refundOrderPayment = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/refund',
  permission: 'order:write',
  summary: 'Refund part or all of what was captured',
  tags,
  params: idParams,
  body: z.object({ amount: moneyInput, note: z.string().max(500).optional() }),
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, body, resolve }) => ({
    order: await orders(resolve).refund(params.id, body.amount, body.note ?? null),
  }),
})

export const cancelOrder = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/cancel',
  permission: 'order:write',
  summary: 'Cancel an unfulfilled order: releases its stock, voids or refunds its payment',
  tags,
  params: idParams,
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, resolve }) => ({ order: await orders(resolve).cancel(params.id) }),
})

export const createOrderFulfillment = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/fulfillments',
  permission: 'order:write',
  summary: 'Fulfil items of the order (all that are left when none are named)',
  tags,
  params: idParams,
  body: z.object({ items: itemQuantityInput.optional() }),
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, body, resolve }) => ({
    order: await orders(resolve).createFulfillment(params.id, body.items),
  }),
})

export const createOrderShipment = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/fulfillments/:fulfillment_id/shipments',
  permission: 'order:write',
  summary: 'Mark a fulfillment shipped, with its tracking numbers',
  tags,
  params: fulfillmentParams,
  body: z.object({ tracking_numbers: z.array(z.string().min(1).max(191)).max(50).default([]) }),
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, body, resolve }) => ({
    order: await orders(resolve).createShipment(params.id, params.fulfillment_id, body.tracking_numbers),
  }),
})

export const markOrderDelivered = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/fulfillments/:fulfillment_id/mark-as-delivered',
  permission: 'order:write',
  summary: 'Mark a shipped fulfillment delivered',
  tags,
  params: fulfillmentParams,
  response: orderResponse,
  handler: async ({ params, resolve }) => ({
    order: await orders(resolve).markDelivered(params.id, params.fulfillment_id),
  }),
})

export const requestOrderReturn = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/returns',
  permission: 'order:write',
  summary: 'Request the return of shipped items',
  tags,
  params: idParams,
  body: z.object({ items: itemQuantityInput }),
  response: orderResponse.extend({ return_id: z.string() }),
  idempotent: true,
  handler: async ({ params, body, resolve }) => {
    const { order, return_id } = await orders(resolve).requestReturn(params.id, body.items)
    return { order, return_id }
  },
})

export const receiveOrderReturn = defineRoute({
  method: 'post',
  path: '/admin/orders/:id/returns/:return_id/receive',
  permission: 'order:write',
  summary: 'Receive a return: optionally restock its items and refund',
  tags,
  params: idParams.extend({ return_id: z.string().max(64) }),
  body: z.object({ restock: z.boolean().default(true), refund_amount: moneyInput.optional() }),
  response: orderResponse,
  idempotent: true,
  handler: async ({ params, body, resolve }) => ({
    order: await orders(resolve).receiveReturn(params.id, params.return_id, body),
  }),
})
