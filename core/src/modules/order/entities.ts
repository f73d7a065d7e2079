// Orders: what was bought (items, addresses, shipping and totals, snapshotted from the cart when it
// was placed), where it stands (status, payment and fulfillment status), its fulfillments and
// returns, and a timeline with one entry for every change.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

type Json = Record<string, unknown>

export const Order = defineEntity({
  name: 'Order',
  tableName: 'order',
  properties: {
    id: p.string().length(40).primary(),
    display_id: p.integer().unique(),
    cart_id: p.string().length(40).nullable().unique(),
    customer_id: p.string().length(40).nullable().index(),
    email: p.string().length(191).nullable().index(),
    region_id: p.string().length(40).nullable(),
    sales_channel_id: p.string().length(40).nullable(),
    currency_code: p.string().length(3),
    /** pending, completed, canceled, archived, requires_action */
    status: p.string().length(24).default('pending').index(),
    /** not_paid, authorized, partially_captured, captured, partially_refunded, refunded, canceled */
    payment_status: p.string().length(24).default('not_paid').index(),
    /** not_fulfilled, partially_fulfilled, fulfilled, partially_shipped, shipped, partially_delivered, delivered, canceled */
    fulfillment_status: p.string().length(24).default('not_fulfilled').index(),
    item_total: p.integer(),
    subtotal: p.integer(),
    tax_total: p.integer(),
    shipping_total: p.integer(),
    discount_total: p.integer(),
    total: p.integer().index(),
    /** Every total the cart had when the order was placed, by Medusa's names. */
    totals: p.json<Record<string, number>>(),
    shipping_address: p.json<Json>().nullable(),
    billing_address: p.json<Json>().nullable(),
    promotions: p.json<Array<{ id: string; code?: string | null }>>().nullable(),
    /** SHA-256 of the token returned when the order was placed: lets a guest read it later. */
    access_token_hash: p.string().length(64).nullable(),
    metadata: p.json<Json>().nullable(),
    canceled_at: p.datetime().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['created_at'] }],
})

/** Hands out display ids (1, 2, 3, …) safely under concurrent checkouts. */
export const OrderDisplayId = defineEntity({
  name: 'OrderDisplayId',
  tableName: 'order_display_id',
  properties: {
    id: p.integer().primary().autoincrement(),
    order_id: p.string().length(40),
  },
})

export const OrderLineItem = defineEntity({
  name: 'OrderLineItem',
  tableName: 'order_line_item',
  properties: {
    id: p.string().length(40).primary(),
    order_id: p.string().length(40).index(),
    variant_id: p.string().length(40).nullable().index(),
    product_id: p.string().length(40).nullable(),
    title: p.string().length(255),
    quantity: p.integer(),
    unit_price: p.integer(),
    /** The stock location holding this item's reservation; null when its stock is not managed. */
    location_id: p.string().length(40).nullable(),
    /** Still reserved at the location: lowered as items ship or the order is canceled. */
    reserved_quantity: p.integer().default(0),
    fulfilled_quantity: p.integer().default(0),
    shipped_quantity: p.integer().default(0),
    delivered_quantity: p.integer().default(0),
    return_requested_quantity: p.integer().default(0),
    return_received_quantity: p.integer().default(0),
    /** The cart's line item (titles, options, totals, adjustments, tax lines) as it was. */
    snapshot: p.json<Json>(),
    rank: p.integer().default(0),
  },
})

export const OrderShippingMethod = defineEntity({
  name: 'OrderShippingMethod',
  tableName: 'order_shipping_method',
  properties: {
    id: p.string().length(40).primary(),
    order_id: p.string().length(40).index(),
    name: p.string().length(255),
    amount: p.integer(),
    shipping_option_id: p.string().length(40).nullable(),
    snapshot: p.json<Json>(),
  },
})

export const OrderFulfillment = defineEntity({
  name: 'OrderFulfillment',
  tableName: 'order_fulfillment',
  properties: {
    id: p.string().length(40).primary(),
    order_id: p.string().length(40).index(),
    items: p.json<Array<{ item_id: string; quantity: number }>>(),
    tracking_numbers: p.json<string[]>(),
    shipped_at: p.datetime().nullable(),
    delivered_at: p.datetime().nullable(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const OrderReturn = defineEntity({
  name: 'OrderReturn',
  tableName: 'order_return',
  properties: {
    id: p.string().length(40).primary(),
    order_id: p.string().length(40).index(),
    items: p.json<Array<{ item_id: string; quantity: number }>>(),
    /** requested, received */
    status: p.string().length(24).default('requested'),
    restocked: p.boolean().default(false),
    refund_amount: p.integer().default(0),
    received_at: p.datetime().nullable(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

/** The order's timeline: one row per change, written with the change and its outbox event. */
export const OrderChange = defineEntity({
  name: 'OrderChange',
  tableName: 'order_change',
  properties: {
    id: p.string().length(40).primary(),
    order_id: p.string().length(40).index(),
    event: p.string().length(64),
    data: p.json<Json>(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const orderEntities = [
  Order,
  OrderDisplayId,
  OrderLineItem,
  OrderShippingMethod,
  OrderFulfillment,
  OrderReturn,
  OrderChange,
]
