// Orders: placed from a completed cart (in the completion's transaction), then captured, refunded,
// fulfilled, shipped, delivered, canceled and returned by staff. Each change runs under the order's
// lock, checks that the transition is allowed, and records a timeline entry with its outbox event in
// the transaction that makes it.

import { createHash, randomBytes } from 'node:crypto'
import type { InferEntity } from '@mikro-orm/core'
import { type Database, type EntityManager, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import type { Locks } from '../../infra/locks'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { CartView } from '../cart/schemas'
import { InsufficientStockError, type InventoryService } from '../inventory/service'
import { Payment } from '../payment/entities'
import type { PaymentRow, PaymentService, PaymentView } from '../payment/service'
import {
  Order,
  OrderChange,
  OrderFulfillment,
  OrderLineItem,
  OrderReturn,
  OrderShippingMethod,
} from './entities'
import { type OrderEventName, OrderEvents } from './events'

type Json = Record<string, unknown>
type OrderRow = InferEntity<typeof Order>
type ItemRow = InferEntity<typeof OrderLineItem>

export interface ItemQuantity {
  id: string
  quantity: number
}

/** Where each variant may be reserved from, best first: read before the placing transaction. */
export type StockPlan = Map<string, string[]>

export interface OrderListQuery {
  limit: number
  offset: number
  id?: string[]
  status?: string[]
  payment_status?: string[]
  fulfillment_status?: string[]
  customer_id?: string[]
  email?: string[]
  created_at?: { gte?: string; lte?: string; gt?: string; lt?: string }
  total?: { gte?: number; lte?: number; gt?: number; lt?: number }
  q?: string
}

/** How long after placing an order a guest may read it by id alone (the confirmation page). */
export const GUEST_ORDER_WINDOW_MS = 60 * 60 * 1000

const TOTAL_NAMES = [
  'item_total',
  'item_subtotal',
  'item_tax_total',
  'original_item_total',
  'original_item_subtotal',
  'original_item_tax_total',
  'item_discount_total',
  'subtotal',
  'tax_total',
  'total',
  'original_total',
  'original_subtotal',
  'original_tax_total',
  'discount_total',
  'discount_subtotal',
  'discount_tax_total',
  'shipping_total',
  'shipping_subtotal',
  'shipping_tax_total',
  'shipping_discount_total',
  'original_shipping_total',
  'original_shipping_subtotal',
  'original_shipping_tax_total',
  'gift_card_total',
  'gift_card_tax_total',
  'credit_line_total',
] as const

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function iso(date: Date | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null
}

/**
 * The cart's variants whose stock is managed and not backordered, as the cart just read them from
 * the catalog. A variant gone from the catalog since it was put in the cart is held to its stock
 * all the same.
 */
function managedVariants(cart: CartView): string[] {
  const managed = new Set<string>()
  for (const item of cart.items) {
    if (!item.variant_id) continue
    const variant = item.variant
    if (!variant || (variant.manage_inventory && !variant.allow_backorder)) managed.add(item.variant_id)
  }
  return [...managed]
}

/** The payment status an order shows, from its payment. */
export function paymentStatusOf(payment: PaymentRow | null | undefined): string {
  if (!payment) return 'not_paid'
  if (payment.refunded_amount > 0) {
    return payment.refunded_amount >= payment.captured_amount ? 'refunded' : 'partially_refunded'
  }
  if (payment.canceled_at) return 'canceled'
  if (payment.captured_amount > 0) {
    return payment.captured_amount >= payment.amount ? 'captured' : 'partially_captured'
  }
  return 'authorized'
}

/** The fulfillment status an order shows, from its items' quantities. */
export function fulfillmentStatusOf(items: ItemRow[]): string {
  const sum = (pick: (item: ItemRow) => number) => items.reduce((total, item) => total + pick(item), 0)
  const ordered = sum((item) => item.quantity)
  for (const [field, status] of [
    ['delivered_quantity', 'delivered'],
    ['shipped_quantity', 'shipped'],
    ['fulfilled_quantity', 'fulfilled'],
  ] as const) {
    const done = sum((item) => item[field])
    if (done > 0) return done >= ordered ? status : `partially_${status}`
  }
  return 'not_fulfilled'
}

/** The promotion module's part in an order's life: the uses an order counted, given back on cancel. */
export interface PromotionUsageRelease {
  releaseUsage(
    em: EntityManager,
    order: { promotions: Array<{ id: string }>; customer_id?: string | null; email?: string | null },
  ): Promise<void>
}

export class OrderService {
  private promotionUsage: PromotionUsageRelease | undefined

  /** Lets the promotion module give back an order's promotion uses when it is canceled. */
  usePromotionUsage(usage: PromotionUsageRelease): void {
    this.promotionUsage = usage
  }

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly locks: Locks,
    private readonly inventory: InventoryService,
    private readonly payments: PaymentService,
  ) {}

  /**
   * For each variant of the cart whose stock is managed (and not backordered), the locations serving
   * the cart's sales channel that hold stock of it, the most available first. Read before the placing
   * transaction.
   */
  async stockPlan(cart: CartView): Promise<StockPlan> {
    const managed = managedVariants(cart)
    const levels = await this.inventory.levels(managed, [cart.sales_channel_id])
    const plan: StockPlan = new Map()
    for (const variantId of managed) {
      const candidates = levels
        .filter((level) => level.variant_id === variantId && level.available_quantity > 0)
        .sort(
          (a, b) => b.available_quantity - a.available_quantity || a.location_id.localeCompare(b.location_id),
        )
      plan.set(
        variantId,
        candidates.map((level) => level.location_id),
      )
    }
    return plan
  }

  /**
   * Places the order for a cart in the caller's transaction: reserves stock (conditional updates, in
   * a fixed order), snapshots items, addresses, shipping and totals, and ties the payment to it.
   */
  async placeOrder(
    em: EntityManager,
    cart: CartView,
    payment: PaymentRow,
    plan: StockPlan,
  ): Promise<{ id: string; access_token: string }> {
    const id = generateId('order')
    const items = [...cart.items].sort((a, b) => (a.variant_id ?? '').localeCompare(b.variant_id ?? ''))
    const locations = new Map<string, string | null>()
    for (const item of items) {
      if (!item.variant_id || !plan.has(item.variant_id)) {
        locations.set(item.id, null)
        continue
      }
      locations.set(item.id, await this.reserveSomewhere(em, item.variant_id, item.quantity, plan))
    }
    const [displayId] = await knexOf(em)('order_display_id').insert({ order_id: id })
    const accessToken = randomBytes(24).toString('base64url')
    const amounts = cart as unknown as Record<string, unknown>
    const totals = Object.fromEntries(
      TOTAL_NAMES.filter((name) => typeof amounts[name] === 'number').map((name) => [
        name,
        amounts[name] as number,
      ]),
    )
    em.create(Order, {
      id,
      display_id: Number(displayId),
      cart_id: cart.id,
      customer_id: cart.customer_id ?? null,
      email: cart.email?.toLowerCase() ?? null,
      region_id: cart.region_id,
      sales_channel_id: cart.sales_channel_id,
      currency_code: cart.currency_code,
      status: 'pending',
      payment_status: paymentStatusOf(payment),
      fulfillment_status: 'not_fulfilled',
      item_total: cart.item_total,
      subtotal: cart.subtotal,
      tax_total: cart.tax_total,
      shipping_total: cart.shipping_total,
      discount_total: cart.discount_total,
      total: cart.total,
      totals,
      shipping_address: cart.shipping_address ?? null,
      billing_address: cart.billing_address ?? cart.shipping_address ?? null,
      promotions: cart.promotions.map((promotion) => ({ id: promotion.id, code: promotion.code ?? null })),
      access_token_hash: sha256(accessToken),
      metadata: null,
      canceled_at: null,
    })
    cart.items.forEach((item, rank) => {
      const location = locations.get(item.id) ?? null
      em.create(OrderLineItem, {
        id: generateId('ordli'),
        order_id: id,
        variant_id: item.variant_id,
        product_id: item.product_id ?? null,
        title: item.title,
        quantity: item.quantity,
        unit_price: item.unit_price,
        location_id: location,
        reserved_quantity: location ? item.quantity : 0,
        // Given, not left to the column defaults, which MySQL would read back after the insert.
        fulfilled_quantity: 0,
        shipped_quantity: 0,
        delivered_quantity: 0,
        return_requested_quantity: 0,
        return_received_quantity: 0,
        snapshot: item as Json,
        rank,
      })
    })
    for (const method of cart.shipping_methods) {
      em.create(OrderShippingMethod, {
        id: generateId('ordsm'),
        order_id: id,
        name: method.name,
        amount: method.amount,
        shipping_option_id: method.shipping_option_id ?? null,
        snapshot: method as Json,
      })
    }
    await this.payments.attachToOrder(em, payment, id)
    this.record(em, id, OrderEvents.placed, {
      cart_id: cart.id,
      display_id: Number(displayId),
      total: cart.total,
      payment_id: payment.id,
    })
    return { id, access_token: accessToken }
  }

  private async reserveSomewhere(em: EntityManager, variantId: string, quantity: number, plan: StockPlan) {
    for (const locationId of plan.get(variantId) ?? []) {
      try {
        await this.inventory.reserve(em, variantId, locationId, quantity)
        return locationId
      } catch (error) {
        if (!(error instanceof InsufficientStockError)) throw error
      }
    }
    throw new InsufficientStockError(variantId)
  }

  async findOrderIdForCart(cartId: string): Promise<string | undefined> {
    return (await this.db.em().findOne(Order, { cart_id: cartId }, { fields: ['id'] }))?.id
  }

  async retrieveOrder(id: string): Promise<OrderView> {
    const [order] = await this.views(await this.db.em().find(Order, { id }))
    if (!order) throw new NotFoundError(`Order with id: ${id} was not found`)
    return order
  }

  /**
   * An order as a shopper may see it: the customer's own; a guest order for a short while after it
   * was placed, or with its access token. Everyone else gets a 404, as if it did not exist.
   */
  async retrieveForShopper(id: string, customerId: string | null, accessToken?: string): Promise<OrderView> {
    const order = await this.db.em().findOne(Order, { id })
    const notFound = new NotFoundError(`Order with id: ${id} was not found`)
    if (!order) throw notFound
    if (order.customer_id) {
      if (order.customer_id !== customerId) throw notFound
    } else {
      const recent = Date.now() - order.created_at.getTime() < GUEST_ORDER_WINDOW_MS
      const tokenMatches = !!accessToken && sha256(accessToken) === order.access_token_hash
      if (!recent && !tokenMatches) throw notFound
    }
    return (await this.views([order]))[0]!
  }

  async listOrders(query: OrderListQuery) {
    const where: Record<string, unknown> = {}
    for (const field of ['id', 'status', 'payment_status', 'fulfillment_status', 'customer_id'] as const) {
      if (query[field]?.length) where[field] = { $in: query[field] }
    }
    if (query.email?.length) where.email = { $in: query.email.map((email) => email.toLowerCase()) }
    const range = (bounds: Record<string, unknown> | undefined, convert: (value: never) => unknown) =>
      bounds &&
      Object.fromEntries(
        Object.entries(bounds)
          .filter(([, value]) => value !== undefined)
          .map(([op, value]) => [`$${op}`, convert(value as never)]),
      )
    if (query.created_at) where.created_at = range(query.created_at, (value: string) => new Date(value))
    if (query.total) where.total = range(query.total, (value: number) => value)
    if (query.q) {
      const q = query.q.trim()
      where.$or = [
        { email: { $like: `%${q.toLowerCase()}%` } },
        { id: q },
        ...(/^\d+$/.test(q) ? [{ display_id: Number(q) }] : []),
      ]
    }
    const [orders, count] = await this.db.em().findAndCount(Order, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'desc', id: 'desc' },
    })
    return { orders: await this.views(orders), count, offset: query.offset, limit: query.limit }
  }

  /**
   * Gives a customer the guest orders placed with an email they have proven they own. Each order is
   * taken with a conditional update, so a repeated or concurrent call links it once, with one timeline
   * entry; an order that already belongs to a customer is never moved.
   */
  async linkGuestOrders(customerId: string, email: string): Promise<string[]> {
    const address = email.trim().toLowerCase()
    return this.db.transaction(async (em) => {
      const guestOrders = await em.find(
        Order,
        { customer_id: null, email: address },
        { fields: ['id'], orderBy: { created_at: 'asc', id: 'asc' } },
      )
      const linked: string[] = []
      for (const { id } of guestOrders) {
        const taken = await em.nativeUpdate(
          Order,
          { id, customer_id: null },
          { customer_id: customerId, updated_at: new Date() },
        )
        if (taken !== 1) continue
        this.record(em, id, OrderEvents.customerLinked, { customer_id: customerId, email: address })
        linked.push(id)
      }
      return linked
    })
  }

  async timeline(orderId: string) {
    await this.retrieveRow(orderId)
    const changes = await this.db
      .em()
      .find(OrderChange, { order_id: orderId }, { orderBy: { created_at: 'asc', id: 'asc' } })
    return changes.map((change) => ({
      id: change.id,
      event: change.event,
      data: change.data,
      created_at: change.created_at.toISOString(),
    }))
  }

  /** Captures all that is left of the order's payment, or `amount` of it. */
  async capture(orderId: string, amount?: number): Promise<OrderView> {
    await this.locks.withLock(`order:${orderId}`, async () => {
      const order = await this.retrieveRow(orderId)
      if (order.status === 'canceled') throw new ConflictError('A canceled order cannot be captured')
      const payment = await this.paymentOf(orderId)
      await this.payments.capture(payment.id, amount, async (em, captured) => {
        await this.syncPaymentStatus(em, orderId)
        this.record(em, orderId, OrderEvents.paymentCaptured, { payment_id: payment.id, amount: captured })
      })
    })
    return this.retrieveOrder(orderId)
  }

  /** Refunds part or all of what was captured; never more. */
  async refund(orderId: string, amount: number, note: string | null): Promise<OrderView> {
    await this.locks.withLock(`order:${orderId}`, async () => {
      await this.retrieveRow(orderId)
      const payment = await this.paymentOf(orderId)
      await this.payments.refund(payment.id, amount, note, async (em, refunded) => {
        await this.syncPaymentStatus(em, orderId)
        this.record(em, orderId, OrderEvents.refunded, { payment_id: payment.id, amount: refunded, note })
      })
    })
    return this.retrieveOrder(orderId)
  }

  /**
   * Cancels an order nothing of which was fulfilled: releases its stock, voids the authorization or
   * refunds what was captured.
   */
  async cancel(orderId: string): Promise<OrderView> {
    await this.locks.withLock(`order:${orderId}`, async () => {
      const order = await this.retrieveRow(orderId)
      if (order.status === 'canceled') throw new ConflictError('The order is already canceled')
      if (order.fulfillment_status !== 'not_fulfilled') {
        throw new ConflictError(
          `An order that is ${order.fulfillment_status.replace('_', ' ')} cannot be canceled; create a return instead`,
        )
      }
      const payment = await this.db
        .em()
        .findOne(Payment, { order_id: orderId }, { orderBy: { created_at: 'desc' } })
      const cancelInTransaction = async (em: EntityManager, outcome = { refunded: 0, voided: false }) => {
        const items = await em.find(OrderLineItem, { order_id: orderId })
        for (const item of [...items].sort((a, b) =>
          (a.variant_id ?? '').localeCompare(b.variant_id ?? ''),
        )) {
          if (item.location_id && item.variant_id && item.reserved_quantity > 0) {
            await this.inventory.release(em, item.variant_id, item.location_id, item.reserved_quantity)
            item.reserved_quantity = 0
          }
        }
        const changed = await em.nativeUpdate(
          Order,
          { id: orderId, status: { $ne: 'canceled' } },
          {
            status: 'canceled',
            fulfillment_status: 'canceled',
            canceled_at: new Date(),
            updated_at: new Date(),
          },
        )
        if (changed !== 1) throw new ConflictError('The order is already canceled')
        await this.promotionUsage?.releaseUsage(em, { ...order, promotions: order.promotions ?? [] })
        await this.syncPaymentStatus(em, orderId)
        this.record(em, orderId, OrderEvents.canceled, outcome)
      }
      if (payment && !payment.canceled_at) {
        await this.payments.cancelOrRefund(payment.id, cancelInTransaction)
      } else {
        await this.db.transaction((em) => cancelInTransaction(em))
      }
    })
    return this.retrieveOrder(orderId)
  }

  /** Fulfils items (all of them when none are named): their reserved stock leaves the location. */
  async createFulfillment(orderId: string, requested?: ItemQuantity[]): Promise<OrderView> {
    await this.locks.withLock(`order:${orderId}`, () =>
      this.db.transaction(async (em) => {
        const order = await this.retrieveRow(orderId, em)
        if (order.status === 'canceled') throw new ConflictError('A canceled order cannot be fulfilled')
        const items = await em.find(OrderLineItem, { order_id: orderId }, { orderBy: { rank: 'asc' } })
        const wanted =
          requested ??
          items
            .filter((item) => item.quantity > item.fulfilled_quantity)
            .map((item) => ({ id: item.id, quantity: item.quantity - item.fulfilled_quantity }))
        if (!wanted.length) throw new ConflictError('Every item of the order is already fulfilled')
        const lines = this.matchItems(
          items,
          wanted,
          (item) => item.quantity - item.fulfilled_quantity,
          'fulfil',
        )
        for (const [item, quantity] of lines) {
          if (item.location_id && item.variant_id) {
            await this.inventory.consume(em, item.variant_id, item.location_id, quantity)
            item.reserved_quantity -= quantity
          }
          item.fulfilled_quantity += quantity
        }
        const fulfillment = em.create(OrderFulfillment, {
          id: generateId('ful'),
          order_id: orderId,
          items: lines.map(([item, quantity]) => ({ item_id: item.id, quantity })),
          tracking_numbers: [],
          shipped_at: null,
          delivered_at: null,
        })
        order.fulfillment_status = fulfillmentStatusOf(items)
        this.record(em, orderId, OrderEvents.fulfillmentCreated, {
          fulfillment_id: fulfillment.id,
          items: fulfillment.items,
        })
      }),
    )
    return this.retrieveOrder(orderId)
  }

  async createShipment(
    orderId: string,
    fulfillmentId: string,
    trackingNumbers: string[],
  ): Promise<OrderView> {
    await this.changeFulfillment(orderId, fulfillmentId, async (em, order, fulfillment, items) => {
      if (fulfillment.shipped_at) throw new ConflictError('This fulfillment is already shipped')
      fulfillment.shipped_at = new Date()
      fulfillment.tracking_numbers = trackingNumbers
      this.moveQuantities(items, fulfillment.items, 'shipped_quantity')
      order.fulfillment_status = fulfillmentStatusOf(items)
      this.record(em, orderId, OrderEvents.shipmentCreated, {
        fulfillment_id: fulfillmentId,
        tracking_numbers: trackingNumbers,
      })
    })
    return this.retrieveOrder(orderId)
  }

  async markDelivered(orderId: string, fulfillmentId: string): Promise<OrderView> {
    await this.changeFulfillment(orderId, fulfillmentId, async (em, order, fulfillment, items) => {
      if (!fulfillment.shipped_at) throw new ConflictError('This fulfillment is not shipped yet')
      if (fulfillment.delivered_at) throw new ConflictError('This fulfillment is already delivered')
      fulfillment.delivered_at = new Date()
      this.moveQuantities(items, fulfillment.items, 'delivered_quantity')
      order.fulfillment_status = fulfillmentStatusOf(items)
      if (order.fulfillment_status === 'delivered') order.status = 'completed'
      this.record(em, orderId, OrderEvents.delivered, { fulfillment_id: fulfillmentId })
    })
    return this.retrieveOrder(orderId)
  }

  /** A return of shipped items, awaiting their arrival. */
  async requestReturn(
    orderId: string,
    requested: ItemQuantity[],
  ): Promise<{ order: OrderView; return_id: string }> {
    const returnId = generateId('ret')
    await this.locks.withLock(`order:${orderId}`, () =>
      this.db.transaction(async (em) => {
        const order = await this.retrieveRow(orderId, em)
        if (order.status === 'canceled') throw new ConflictError('A canceled order cannot have returns')
        const items = await em.find(OrderLineItem, { order_id: orderId })
        const lines = this.matchItems(
          items,
          requested,
          (item) => item.shipped_quantity - item.return_requested_quantity,
          'return',
        )
        for (const [item, quantity] of lines) item.return_requested_quantity += quantity
        em.create(OrderReturn, {
          id: returnId,
          order_id: orderId,
          items: lines.map(([item, quantity]) => ({ item_id: item.id, quantity })),
          status: 'requested',
          restocked: false,
          refund_amount: 0,
          received_at: null,
        })
        order.updated_at = new Date()
        this.record(em, orderId, OrderEvents.returnRequested, {
          return_id: returnId,
          items: lines.map(([item, quantity]) => ({ item_id: item.id, quantity })),
        })
      }),
    )
    return { order: await this.retrieveOrder(orderId), return_id: returnId }
  }

  /** The returned items arrived: optionally back on the shelf, optionally refunded (never more than captured). */
  async receiveReturn(
    orderId: string,
    returnId: string,
    input: { restock: boolean; refund_amount?: number },
  ): Promise<OrderView> {
    await this.locks.withLock(`order:${orderId}`, async () => {
      const found = await this.db.em().findOne(OrderReturn, { id: returnId, order_id: orderId })
      if (!found) throw new NotFoundError(`Return with id: ${returnId} was not found on order ${orderId}`)
      if (found.status !== 'requested') throw new ConflictError('This return was already received')
      const receive = async (em: EntityManager, refunded: number) => {
        const changed = await em.nativeUpdate(
          OrderReturn,
          { id: returnId, status: 'requested' },
          { status: 'received', restocked: input.restock, refund_amount: refunded, received_at: new Date() },
        )
        if (changed !== 1) throw new ConflictError('This return was already received')
        const items = await em.find(OrderLineItem, { order_id: orderId })
        for (const line of found.items) {
          const item = items.find((candidate) => candidate.id === line.item_id)!
          item.return_received_quantity += line.quantity
          if (input.restock && item.variant_id && item.location_id) {
            await this.inventory.restock(em, item.variant_id, item.location_id, line.quantity)
          }
        }
        await this.syncPaymentStatus(em, orderId)
        this.record(em, orderId, OrderEvents.returnReceived, {
          return_id: returnId,
          restocked: input.restock,
          refund_amount: refunded,
        })
      }
      if (input.refund_amount) {
        const payment = await this.paymentOf(orderId)
        await this.payments.refund(
          payment.id,
          input.refund_amount,
          `return ${returnId}`,
          async (em, refunded) => {
            this.record(em, orderId, OrderEvents.refunded, {
              payment_id: payment.id,
              amount: refunded,
              return_id: returnId,
            })
            await receive(em, refunded)
          },
        )
      } else {
        await this.db.transaction((em) => receive(em, 0))
      }
    })
    return this.retrieveOrder(orderId)
  }

  /** Records that the provider captured the order's payment by itself (a webhook), once. */
  async recordProviderCapture(paymentId: string): Promise<void> {
    const payment = await this.payments.retrievePayment(paymentId)
    if (!payment.order_id) return
    const orderId = payment.order_id
    await this.locks.withLock(`order:${orderId}`, () =>
      this.payments.recordProviderCapture(paymentId, async (em, captured) => {
        await this.syncPaymentStatus(em, orderId)
        this.record(em, orderId, OrderEvents.paymentCaptured, { payment_id: paymentId, amount: captured })
      }),
    )
  }

  private async changeFulfillment(
    orderId: string,
    fulfillmentId: string,
    change: (
      em: EntityManager,
      order: OrderRow,
      fulfillment: InferEntity<typeof OrderFulfillment>,
      items: ItemRow[],
    ) => Promise<void>,
  ): Promise<void> {
    await this.locks.withLock(`order:${orderId}`, () =>
      this.db.transaction(async (em) => {
        const order = await this.retrieveRow(orderId, em)
        const fulfillment = await em.findOne(OrderFulfillment, { id: fulfillmentId, order_id: orderId })
        if (!fulfillment) {
          throw new NotFoundError(`Fulfillment with id: ${fulfillmentId} was not found on order ${orderId}`)
        }
        const items = await em.find(OrderLineItem, { order_id: orderId })
        order.updated_at = new Date()
        await change(em, order, fulfillment, items)
      }),
    )
  }

  private moveQuantities(
    items: ItemRow[],
    lines: Array<{ item_id: string; quantity: number }>,
    field: 'shipped_quantity' | 'delivered_quantity',
  ): void {
    for (const line of lines) {
      const item = items.find((candidate) => candidate.id === line.item_id)
      if (item) item[field] += line.quantity
    }
  }

  /** Pairs requested item ids and quantities with the order's items, refusing more than `available`. */
  private matchItems(
    items: ItemRow[],
    requested: ItemQuantity[],
    available: (item: ItemRow) => number,
    verb: string,
  ): Array<[ItemRow, number]> {
    const seen = new Set<string>()
    return requested.map((line) => {
      const item = items.find((candidate) => candidate.id === line.id)
      if (!item) throw new InvalidDataError(`Item ${line.id} is not part of this order`)
      if (seen.has(line.id)) throw new InvalidDataError(`Item ${line.id} is listed twice`)
      seen.add(line.id)
      if (line.quantity > available(item)) {
        throw new ConflictError(
          `Cannot ${verb} ${line.quantity} of item ${line.id}: only ${available(item)} can be`,
        )
      }
      return [item, line.quantity]
    })
  }

  private async syncPaymentStatus(em: EntityManager, orderId: string): Promise<void> {
    const payment = await em.findOne(Payment, { order_id: orderId }, { orderBy: { created_at: 'desc' } })
    await em.nativeUpdate(
      Order,
      { id: orderId },
      { payment_status: paymentStatusOf(payment), updated_at: new Date() },
    )
  }

  private async paymentOf(orderId: string): Promise<PaymentRow> {
    const payment = await this.db
      .em()
      .findOne(Payment, { order_id: orderId }, { orderBy: { created_at: 'desc' } })
    if (!payment) throw new ConflictError('The order has no payment')
    return payment
  }

  private async retrieveRow(id: string, em = this.db.em()): Promise<OrderRow> {
    const order = await em.findOne(Order, { id })
    if (!order) throw new NotFoundError(`Order with id: ${id} was not found`)
    return order
  }

  private record(em: EntityManager, orderId: string, event: OrderEventName, data: Json): void {
    em.create(OrderChange, { id: generateId('ordch'), order_id: orderId, event, data })
    this.events.emit(em, event, { id: orderId, ...data })
  }

  private async views(orders: OrderRow[]): Promise<OrderView[]> {
    if (!orders.length) return []
    const em = this.db.em()
    const ids = orders.map((order) => order.id)
    const [items, methods, fulfillments, returns, payments] = await Promise.all([
      em.find(OrderLineItem, { order_id: { $in: ids } }, { orderBy: { rank: 'asc' } }),
      em.find(OrderShippingMethod, { order_id: { $in: ids } }),
      em.find(OrderFulfillment, { order_id: { $in: ids } }, { orderBy: { created_at: 'asc', id: 'asc' } }),
      em.find(OrderReturn, { order_id: { $in: ids } }, { orderBy: { created_at: 'asc', id: 'asc' } }),
      this.payments.paymentsOfOrders(ids),
    ])
    return orders.map((order) =>
      orderView(order, {
        items: items.filter((item) => item.order_id === order.id),
        methods: methods.filter((method) => method.order_id === order.id),
        fulfillments: fulfillments.filter((fulfillment) => fulfillment.order_id === order.id),
        returns: returns.filter((found) => found.order_id === order.id),
        payments: payments.get(order.id) ?? [],
      }),
    )
  }
}

export type OrderView = ReturnType<typeof orderView>

function orderView(
  order: OrderRow,
  parts: {
    items: ItemRow[]
    methods: Array<InferEntity<typeof OrderShippingMethod>>
    fulfillments: Array<InferEntity<typeof OrderFulfillment>>
    returns: Array<InferEntity<typeof OrderReturn>>
    payments: PaymentView[]
  },
) {
  const created = order.created_at.toISOString()
  const updated = order.updated_at.toISOString()
  const captured = parts.payments.reduce((sum, payment) => sum + payment.captured_amount, 0)
  const refunded = parts.payments.reduce((sum, payment) => sum + payment.refunded_amount, 0)
  return {
    ...order.totals,
    id: order.id,
    display_id: order.display_id,
    status: order.status,
    payment_status: order.payment_status,
    fulfillment_status: order.fulfillment_status,
    email: order.email ?? null,
    customer_id: order.customer_id ?? null,
    region_id: order.region_id ?? null,
    sales_channel_id: order.sales_channel_id ?? null,
    currency_code: order.currency_code,
    item_total: order.item_total,
    subtotal: order.subtotal,
    tax_total: order.tax_total,
    shipping_total: order.shipping_total,
    discount_total: order.discount_total,
    total: order.total,
    items: parts.items.map((item) => ({
      ...item.snapshot,
      id: item.id,
      order_id: order.id,
      variant_id: item.variant_id ?? null,
      product_id: item.product_id ?? null,
      title: item.title,
      quantity: item.quantity,
      unit_price: item.unit_price,
      detail: {
        quantity: item.quantity,
        fulfilled_quantity: item.fulfilled_quantity,
        shipped_quantity: item.shipped_quantity,
        delivered_quantity: item.delivered_quantity,
        return_requested_quantity: item.return_requested_quantity,
        return_received_quantity: item.return_received_quantity,
      },
      created_at: created,
      updated_at: updated,
    })),
    shipping_methods: parts.methods.map((method) => ({
      ...method.snapshot,
      id: method.id,
      order_id: order.id,
      name: method.name,
      amount: method.amount,
      shipping_option_id: method.shipping_option_id ?? null,
    })),
    shipping_address: order.shipping_address ?? null,
    billing_address: order.billing_address ?? null,
    promotions: order.promotions ?? [],
    fulfillments: parts.fulfillments.map((fulfillment) => ({
      id: fulfillment.id,
      items: fulfillment.items,
      tracking_numbers: fulfillment.tracking_numbers,
      shipped_at: iso(fulfillment.shipped_at),
      delivered_at: iso(fulfillment.delivered_at),
      created_at: fulfillment.created_at.toISOString(),
    })),
    returns: parts.returns.map((found) => ({
      id: found.id,
      items: found.items,
      status: found.status,
      restocked: found.restocked,
      refund_amount: found.refund_amount,
      received_at: iso(found.received_at),
      created_at: found.created_at.toISOString(),
    })),
    payments: parts.payments,
    summary: {
      paid_total: captured,
      refunded_total: refunded,
      transaction_total: captured - refunded,
      current_order_total: order.total,
      original_order_total: order.total,
      pending_difference: order.status === 'canceled' ? 0 : order.total - (captured - refunded),
      accounting_total: order.total,
    },
    metadata: order.metadata ?? null,
    canceled_at: iso(order.canceled_at),
    created_at: created,
    updated_at: updated,
  }
}
