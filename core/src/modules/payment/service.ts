// Payments: collections and sessions for a cart, authorization at checkout, and the captures,
// refunds and cancellations of admin orders. Provider calls happen outside database transactions,
// each with an idempotency key derived from what it is about (the session, the nth capture), so a
// call retried after the provider was unavailable, or after a crash, never moves money twice.
import type { InferEntity } from '@mikro-orm/core'
import type { Logger } from 'pino'
import { type Database, type EntityManager, isUniqueViolation, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { ConflictError, InvalidDataError, NotFoundError, ShopwrightError } from '../../kernel/errors'
import type { Providers } from '../../kernel/providers'
import type { RegionService } from '../region/service'
import { Payment, PaymentCapture, PaymentCollection, PaymentRefund, PaymentSession } from './entities'
import { PaymentEvents } from './events'
import {
  PaymentDeclinedError,
  type PaymentProvider,
  PaymentProviderUnavailableError,
  type PaymentResult,
} from './provider'

/** What payments need to know of a cart; its total is the server's, never the client's. */
export interface PayableCart {
  id: string
  region_id: string
  currency_code: string
  total: number
  email?: string | null
  customer_id?: string | null
}

export type PaymentRow = InferEntity<typeof Payment>
export type PaymentSessionRow = InferEntity<typeof PaymentSession>

export type PaymentSessionView = {
  id: string
  amount: number
  currency_code: string
  provider_id: string
  data: Record<string, unknown>
  status: string
  authorized_at: string | null
  created_at: string
  updated_at: string
}

export type PaymentCollectionView = {
  id: string
  currency_code: string
  amount: number
  status: string
  payment_providers: Array<{ id: string }>
  payment_sessions: PaymentSessionView[]
  created_at: string
  updated_at: string
}

export interface PaymentView {
  id: string
  provider_id: string
  amount: number
  currency_code: string
  captured_amount: number
  refunded_amount: number
  /** What can still be captured: neither captured nor released by the provider. */
  capturable_amount: number
  authorized_at: string
  captured_at: string | null
  canceled_at: string | null
  captures: Array<{ id: string; amount: number; created_at: string }>
  refunds: Array<{ id: string; amount: number; note: string | null; created_at: string }>
}

/** The provider wants more from the shopper (3-D Secure, a redirect) before it authorizes. */
export class PaymentNotAuthorizedError extends ShopwrightError {
  constructor(status: string) {
    super(
      'invalid_data',
      `Payment was not authorized (status: ${status}); the shopper must complete it first`,
      400,
    )
  }
}

const RETRIES = 3
const RETRY_DELAY_MS = 50
const LIVE_SESSION = ['pending', 'requires_more', 'authorized', 'captured']

/** Calls a provider, retrying the very same call (same idempotency key) while it is unavailable. */
export async function callProvider<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!(error instanceof PaymentProviderUnavailableError) || attempt >= RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * 2 ** (attempt - 1)))
    }
  }
}

/** What is authorized and neither captured nor released by the provider. */
function capturableOf(payment: PaymentRow): number {
  return payment.amount - payment.captured_amount - payment.released_amount
}

function iso(date: Date | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null
}

export class PaymentService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly providers: Providers,
    private readonly logger: Logger,
    private readonly regions: Pick<RegionService, 'paymentProviderIds'>,
  ) {}

  provider(id: string): PaymentProvider {
    return this.providers.payment.get(id)
  }

  /** Every installed provider (an installed one is enabled; each region chooses which it offers). */
  listProviders(): Array<{ id: string; is_enabled: boolean }> {
    return this.providers.payment
      .list()
      .map((provider) => ({ id: provider.id, is_enabled: true }))
      .sort((a, b) => a.id.localeCompare(b.id))
  }

  /** The providers a region offers its shoppers (none for a region that does not exist, as Medusa). */
  async listRegionProviders(regionId: string): Promise<Array<{ id: string; is_enabled: boolean }>> {
    const offered = new Set(await this.regions.paymentProviderIds(regionId))
    return this.listProviders().filter((provider) => offered.has(provider.id))
  }

  /** The cart's one payment collection, made on first use; its amount follows the cart's total. */
  async collectionForCart(cart: PayableCart): Promise<PaymentCollectionView> {
    const id = await this.db.transaction(async (em) => {
      const existing = await em.findOne(PaymentCollection, { cart_id: cart.id })
      if (existing) {
        existing.amount = cart.total
        existing.currency_code = cart.currency_code
        existing.customer_id = cart.customer_id ?? null
        return existing.id
      }
      const collection = em.create(PaymentCollection, {
        id: generateId('pay_col'),
        cart_id: cart.id,
        customer_id: cart.customer_id ?? null,
        currency_code: cart.currency_code,
        amount: cart.total,
        status: 'not_paid',
      })
      this.events.emit(em, PaymentEvents.collectionCreated, { id: collection.id, cart_id: cart.id })
      return collection.id
    })
    return this.retrieveCollection(id, cart.region_id)
  }

  async collectionCartId(collectionId: string): Promise<string> {
    const collection = await this.db.em().findOne(PaymentCollection, { id: collectionId })
    if (!collection) throw new NotFoundError(`Payment collection with id: ${collectionId} was not found`)
    return collection.cart_id
  }

  /** Whose cart it is, as last seen when its payment began (null for a guest). */
  async cartCustomerId(cartId: string): Promise<string | null> {
    const collection = await this.db.em().findOne(PaymentCollection, { cart_id: cartId })
    return collection?.customer_id ?? null
  }

  /** The cart's payment collection as the cart shows it, if it has one. */
  async collectionOfCart(cart: {
    id: string
    region_id: string
  }): Promise<(PaymentCollectionView & Record<string, unknown>) | undefined> {
    const em = this.db.em()
    const collection = await em.findOne(PaymentCollection, { cart_id: cart.id })
    return collection ? this.collectionView(em, collection, cart.region_id) : undefined
  }

  /** The collection, offering the providers of the region its cart is in. */
  async retrieveCollection(id: string, regionId: string): Promise<PaymentCollectionView> {
    const em = this.db.em()
    const collection = await em.findOne(PaymentCollection, { id })
    if (!collection) throw new NotFoundError(`Payment collection with id: ${id} was not found`)
    return this.collectionView(em, collection, regionId)
  }

  private async collectionView(
    em: EntityManager,
    collection: InferEntity<typeof PaymentCollection>,
    regionId: string,
  ): Promise<PaymentCollectionView> {
    const [sessions, providers] = await Promise.all([
      em.find(
        PaymentSession,
        { payment_collection_id: collection.id, status: { $in: LIVE_SESSION } },
        { orderBy: { created_at: 'asc', id: 'asc' } },
      ),
      this.listRegionProviders(regionId),
    ])
    return {
      id: collection.id,
      currency_code: collection.currency_code,
      amount: collection.amount,
      status: collection.status,
      payment_providers: providers.map(({ id: providerId }) => ({ id: providerId })),
      payment_sessions: sessions.map((session) => this.sessionView(session)),
      created_at: collection.created_at.toISOString(),
      updated_at: collection.updated_at.toISOString(),
    }
  }

  /**
   * Starts paying with a provider: replaces the collection's earlier sessions and asks the provider
   * for a new payment of the cart's current total (its answer, e.g. a client secret, is in `data`).
   */
  async initiateSession(
    collectionId: string,
    cart: PayableCart,
    input: { provider_id: string; data?: Record<string, unknown> },
  ): Promise<PaymentCollectionView> {
    const provider = this.provider(input.provider_id)
    if (!(await this.regions.paymentProviderIds(cart.region_id)).includes(provider.id)) {
      throw new InvalidDataError(
        `The payment provider ${provider.id} is not offered in the cart's region; choose one that GET /store/payment-providers lists for it`,
        [{ field: 'provider_id', message: 'not offered in this region' }],
      )
    }
    const session = await this.db.transaction(async (em) => {
      const collection = await em.findOne(PaymentCollection, { id: collectionId })
      if (!collection) throw new NotFoundError(`Payment collection with id: ${collectionId} was not found`)
      if (collection.status === 'completed')
        throw new ConflictError('The cart of this payment is already completed')
      collection.amount = cart.total
      collection.currency_code = cart.currency_code
      collection.customer_id = cart.customer_id ?? null
      // Earlier sessions are read first and updated by id: an UPDATE over an index range would take
      // gap locks on MySQL that deadlock with other carts' inserts.
      const earlier = await em.find(
        PaymentSession,
        { payment_collection_id: collectionId, status: { $in: ['pending', 'requires_more'] } },
        { fields: ['id'] },
      )
      if (earlier.length) {
        await em.nativeUpdate(
          PaymentSession,
          { id: { $in: earlier.map((row) => row.id) } },
          { status: 'canceled' },
        )
      }
      const created = em.create(PaymentSession, {
        id: generateId('payses'),
        payment_collection_id: collectionId,
        provider_id: provider.id,
        provider_payment_id: null,
        currency_code: cart.currency_code,
        amount: cart.total,
        data: {},
        status: 'pending',
      })
      this.events.emit(em, PaymentEvents.sessionCreated, {
        id: created.id,
        payment_collection_id: collectionId,
      })
      return created
    })
    try {
      const result = await callProvider(() =>
        provider.initiatePayment({
          amount: session.amount,
          currency_code: session.currency_code,
          data: input.data,
          context: {
            idempotency_key: `${session.id}:initiate`,
            customer: { id: cart.customer_id ?? undefined, email: cart.email ?? null },
          },
        }),
      )
      await this.updateSession(session.id, {
        provider_payment_id: result.id,
        data: result.data,
        status: result.status,
      })
    } catch (error) {
      await this.updateSession(session.id, { status: 'error' })
      throw error
    }
    return this.retrieveCollection(collectionId, cart.region_id)
  }

  /** The session a webhook names by the provider's payment id, with its cart. */
  async findSessionByProviderPaymentId(
    providerId: string,
    providerPaymentId: string,
  ): Promise<{ session: PaymentSessionRow; cart_id: string } | undefined> {
    const em = this.db.em()
    const session = await em.findOne(PaymentSession, {
      provider_id: providerId,
      provider_payment_id: providerPaymentId,
    })
    if (!session) return undefined
    const collection = await em.findOneOrFail(PaymentCollection, { id: session.payment_collection_id })
    return { session, cart_id: collection.cart_id }
  }

  /**
   * Authorizes the cart's current payment session with its provider, outside any transaction, and
   * records the payment. Authorizing again returns the payment already recorded.
   */
  async authorizeCart(cart: PayableCart): Promise<PaymentRow> {
    const em = this.db.em()
    const collection = await em.findOne(PaymentCollection, { cart_id: cart.id })
    const session = collection
      ? await em.findOne(
          PaymentSession,
          { payment_collection_id: collection.id, status: { $in: LIVE_SESSION } },
          { orderBy: { created_at: 'desc', id: 'desc' } },
        )
      : null
    if (!collection || !session) throw new InvalidDataError('The cart has no payment session to pay with')
    const existing = await em.findOne(Payment, { payment_session_id: session.id, canceled_at: null })
    if (!(await this.regions.paymentProviderIds(cart.region_id)).includes(session.provider_id)) {
      await this.withdrawSession(session, existing)
      throw new InvalidDataError(
        `The payment provider ${session.provider_id} is no longer offered in the cart's region; start paying again with one that GET /store/payment-providers lists for it`,
        [{ field: 'provider_id', message: 'no longer offered in this region' }],
      )
    }
    if (existing) return existing
    const provider = this.provider(session.provider_id)
    const context = { idempotency_key: `${session.id}:authorize` }
    let data = session.data
    if (session.amount !== cart.total || session.currency_code !== cart.currency_code) {
      const updated = await callProvider(() =>
        provider.updatePayment({
          data,
          amount: cart.total,
          currency_code: cart.currency_code,
          context: { idempotency_key: `${session.id}:amount:${cart.currency_code}:${cart.total}` },
        }),
      )
      data = updated.data
      await this.updateSession(session.id, { amount: cart.total, currency_code: cart.currency_code, data })
    }
    let result: PaymentResult
    try {
      result = await callProvider(() => provider.authorizePayment({ data, context }))
    } catch (error) {
      if (error instanceof PaymentDeclinedError) {
        await this.updateSession(session.id, { status: 'error' })
      }
      throw error
    }
    if (result.status !== 'authorized' && result.status !== 'captured') {
      await this.updateSession(session.id, {
        status: result.status === 'pending' ? 'requires_more' : result.status,
        data: result.data,
      })
      throw new PaymentNotAuthorizedError(result.status)
    }
    try {
      return await this.db.transaction(async (tx) => {
        const now = new Date()
        const captured = result.status === 'captured'
        const payment = tx.create(Payment, {
          id: generateId('pay'),
          payment_collection_id: collection.id,
          payment_session_id: session.id,
          cart_id: cart.id,
          order_id: null,
          provider_id: provider.id,
          currency_code: cart.currency_code,
          amount: cart.total,
          captured_amount: captured ? cart.total : 0,
          refunded_amount: 0,
          data: result.data,
          authorized_at: now,
          captured_at: captured ? now : null,
          canceled_at: null,
        })
        if (captured)
          tx.create(PaymentCapture, { id: generateId('capt'), payment_id: payment.id, amount: cart.total })
        await tx.nativeUpdate(
          PaymentSession,
          { id: session.id },
          { status: result.status, data: result.data, authorized_at: now, amount: cart.total },
        )
        await tx.nativeUpdate(
          PaymentCollection,
          { id: collection.id },
          { status: 'authorized', amount: cart.total },
        )
        this.events.emit(tx, PaymentEvents.authorized, { id: payment.id, cart_id: cart.id })
        return payment
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return em.findOneOrFail(Payment, { payment_session_id: session.id })
    }
  }

  /** Ties a payment to the order placed with it, in the order's transaction. */
  async attachToOrder(em: EntityManager, payment: PaymentRow, orderId: string): Promise<void> {
    const paymentId = payment.id
    const changed = await knexOf(em)('payment')
      .where({ id: paymentId })
      .whereNull('order_id')
      .whereNull('canceled_at')
      .update({ order_id: orderId })
    if (changed !== 1)
      throw new ConflictError(`Payment ${paymentId} already belongs to an order or was canceled`)
    await em.nativeUpdate(PaymentCollection, { id: payment.payment_collection_id }, { status: 'completed' })
  }

  async retrievePayment(id: string): Promise<PaymentRow> {
    const payment = await this.db.em().findOne(Payment, { id })
    if (!payment) throw new NotFoundError(`Payment with id: ${id} was not found`)
    return payment
  }

  async paymentsOfOrders(orderIds: string[]): Promise<Map<string, PaymentView[]>> {
    const byOrder = new Map<string, PaymentView[]>()
    if (!orderIds.length) return byOrder
    const em = this.db.em()
    const payments = await em.find(
      Payment,
      { order_id: { $in: orderIds } },
      { orderBy: { created_at: 'asc' } },
    )
    // A payment has capture (refund) rows exactly when it has a captured (refunded) amount.
    const captured = payments.filter((payment) => payment.captured_amount > 0).map((payment) => payment.id)
    const refunded = payments.filter((payment) => payment.refunded_amount > 0).map((payment) => payment.id)
    const [captures, refunds] = await Promise.all([
      captured.length ? em.find(PaymentCapture, { payment_id: { $in: captured } }) : [],
      refunded.length ? em.find(PaymentRefund, { payment_id: { $in: refunded } }) : [],
    ])
    for (const payment of payments) {
      const list = byOrder.get(payment.order_id!) ?? []
      list.push({
        id: payment.id,
        provider_id: payment.provider_id,
        amount: payment.amount,
        currency_code: payment.currency_code,
        captured_amount: payment.captured_amount,
        refunded_amount: payment.refunded_amount,
        capturable_amount: payment.canceled_at ? 0 : capturableOf(payment),
        authorized_at: payment.authorized_at.toISOString(),
        captured_at: iso(payment.captured_at),
        canceled_at: iso(payment.canceled_at),
        captures: captures
          .filter((capture) => capture.payment_id === payment.id)
          .map((capture) => ({
            id: capture.id,
            amount: capture.amount,
            created_at: capture.created_at.toISOString(),
          })),
        refunds: refunds
          .filter((refund) => refund.payment_id === payment.id)
          .map((refund) => ({
            id: refund.id,
            amount: refund.amount,
            note: refund.note ?? null,
            created_at: refund.created_at.toISOString(),
          })),
      })
      byOrder.set(payment.order_id!, list)
    }
    return byOrder
  }

  /** Payments authorized more than `olderThanMs` ago that never got an order, nor were canceled. */
  async orphanedPayments(olderThanMs: number): Promise<PaymentRow[]> {
    return this.db
      .em()
      .find(
        Payment,
        { order_id: null, canceled_at: null, authorized_at: { $lt: new Date(Date.now() - olderThanMs) } },
        { orderBy: { authorized_at: 'asc' }, limit: 100 },
      )
  }

  /**
   * Captures `amount` (default: all that is left) with the provider, then records it; `record` runs
   * in the same transaction (the order's timeline and event). Callers serialise per payment.
   */
  async capture(
    paymentId: string,
    amount: number | undefined,
    record?: (em: EntityManager, captured: number) => Promise<void>,
  ): Promise<number> {
    const payment = await this.retrievePayment(paymentId)
    if (payment.canceled_at) throw new ConflictError('The payment was canceled and cannot be captured')
    const capturable = capturableOf(payment)
    const toCapture = amount ?? capturable
    if (capturable <= 0 && payment.released_amount > 0) {
      throw new InvalidDataError(
        `Nothing is left to capture: ${payment.provider_id} released the other ${payment.released_amount} of the authorization when part of it was captured`,
      )
    }
    if (capturable <= 0) throw new ConflictError('The payment is already captured in full')
    if (toCapture <= 0 || toCapture > capturable) {
      throw new ConflictError(`Cannot capture ${toCapture}: only ${capturable} is left to capture`)
    }
    const captures = await this.db.em().count(PaymentCapture, { payment_id: paymentId })
    const provider = this.provider(payment.provider_id)
    const result = await callProvider(() =>
      provider.capturePayment({
        data: payment.data,
        amount: toCapture,
        context: { idempotency_key: `${payment.id}:capture:${captures + 1}` },
      }),
    )
    // The provider may have released what this capture left (Stripe does at a partial capture).
    const released =
      result.capturable === undefined ? 0 : Math.max(0, capturable - toCapture - result.capturable)
    await this.db.transaction(async (em) => {
      const changed = await knexOf(em)('payment')
        .where({ id: paymentId })
        .andWhereRaw('captured_amount + released_amount + ? <= amount', [toCapture])
        .update({ captured_amount: knexOf(em).raw('captured_amount + ?', [toCapture]) })
      if (changed !== 1) throw new ConflictError('The payment changed while capturing; try again')
      await em.nativeUpdate(
        Payment,
        { id: paymentId },
        {
          captured_at: new Date(),
          data: result.data,
          released_amount: payment.released_amount + released,
          updated_at: new Date(),
        },
      )
      em.create(PaymentCapture, { id: generateId('capt'), payment_id: paymentId, amount: toCapture })
      this.events.emit(em, PaymentEvents.captured, { id: paymentId, amount: toCapture })
      await record?.(em, toCapture)
    })
    return toCapture
  }

  /**
   * Records a capture the provider reports having made on its own (a `captured` webhook), once:
   * nothing happens when the payment is already captured in full.
   */
  async recordProviderCapture(
    paymentId: string,
    record?: (em: EntityManager, captured: number) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (em) => {
      const payment = await em.findOneOrFail(Payment, { id: paymentId })
      const left = capturableOf(payment)
      if (left <= 0 || payment.canceled_at) return 0
      const changed = await knexOf(em)('payment')
        .where({ id: paymentId, captured_amount: payment.captured_amount })
        .update({ captured_amount: payment.captured_amount + left })
      if (changed !== 1) return 0
      await em.nativeUpdate(Payment, { id: paymentId }, { captured_at: new Date(), updated_at: new Date() })
      em.create(PaymentCapture, { id: generateId('capt'), payment_id: paymentId, amount: left })
      this.events.emit(em, PaymentEvents.captured, { id: paymentId, amount: left })
      await record?.(em, left)
      return left
    })
  }

  /** Refunds part or all of what was captured and not yet refunded. */
  async refund(
    paymentId: string,
    amount: number,
    note: string | null,
    record?: (em: EntityManager, refunded: number) => Promise<void>,
  ): Promise<number> {
    const payment = await this.retrievePayment(paymentId)
    const refundable = payment.captured_amount - payment.refunded_amount
    if (amount <= 0) throw new InvalidDataError('The refund amount must be greater than 0')
    if (amount > refundable) {
      throw new ConflictError(`Cannot refund ${amount}: only ${refundable} was captured and not yet refunded`)
    }
    const refunds = await this.db.em().count(PaymentRefund, { payment_id: paymentId })
    const provider = this.provider(payment.provider_id)
    const result = await callProvider(() =>
      provider.refundPayment({
        data: payment.data,
        amount,
        currency_code: payment.currency_code,
        context: { idempotency_key: `${payment.id}:refund:${refunds + 1}` },
      }),
    )
    await this.db.transaction(async (em) => {
      const changed = await knexOf(em)('payment')
        .where({ id: paymentId })
        .andWhereRaw('refunded_amount + ? <= captured_amount', [amount])
        .update({ refunded_amount: knexOf(em).raw('refunded_amount + ?', [amount]) })
      if (changed !== 1) throw new ConflictError('The payment changed while refunding; try again')
      await em.nativeUpdate(Payment, { id: paymentId }, { data: result.data, updated_at: new Date() })
      em.create(PaymentRefund, { id: generateId('ref'), payment_id: paymentId, amount, note })
      this.events.emit(em, PaymentEvents.refunded, { id: paymentId, amount })
      await record?.(em, amount)
    })
    return amount
  }

  /**
   * Gives the money back: refunds what is captured and not refunded, and voids what is authorized and
   * still capturable, the rest of a partial capture included (unless the provider released that rest
   * itself when it captured, as Stripe does). Used when an order is canceled, and when a payment ends
   * up without an order.
   */
  async cancelOrRefund(
    paymentId: string,
    record?: (em: EntityManager, outcome: { refunded: number; voided: boolean }) => Promise<void>,
  ): Promise<{ refunded: number; voided: boolean }> {
    let payment = await this.retrievePayment(paymentId)
    let refunded = 0
    if (payment.captured_amount > payment.refunded_amount) {
      refunded = await this.refund(paymentId, payment.captured_amount - payment.refunded_amount, 'canceled')
      payment = await this.retrievePayment(paymentId)
    }
    const voided = !payment.canceled_at && capturableOf(payment) > 0
    if (voided) {
      const provider = this.provider(payment.provider_id)
      await callProvider(() =>
        provider.cancelPayment({ data: payment.data, context: { idempotency_key: `${payment.id}:cancel` } }),
      )
    }
    await this.db.transaction(async (em) => {
      await em.nativeUpdate(
        Payment,
        { id: paymentId, canceled_at: null },
        { canceled_at: new Date(), updated_at: new Date() },
      )
      await em.nativeUpdate(PaymentSession, { id: payment.payment_session_id }, { status: 'canceled' })
      await em.nativeUpdate(
        PaymentCollection,
        { id: payment.payment_collection_id, status: { $ne: 'completed' } },
        { status: 'not_paid' },
      )
      this.events.emit(em, PaymentEvents.canceled, { id: paymentId, refunded, voided })
      await record?.(em, { refunded, voided })
    })
    this.logger.info({ paymentId, refunded, voided }, 'payment canceled')
    return { refunded, voided }
  }

  /**
   * Gives back what a session the cart can no longer pay with holds: its recorded payment is voided
   * (or refunded), else the provider's payment is canceled so no authorization is left on the card.
   * Should the provider fail, that is logged and the session stays as it was: the next try at
   * completing withdraws it again (a recorded payment is also left to the reconciling job).
   */
  private async withdrawSession(session: PaymentSessionRow, payment: PaymentRow | null): Promise<void> {
    try {
      if (payment) {
        await this.cancelOrRefund(payment.id)
        return
      }
      if (session.provider_payment_id) {
        const provider = this.provider(session.provider_id)
        await callProvider(() =>
          provider.cancelPayment({
            data: session.data,
            context: { idempotency_key: `${session.id}:cancel` },
          }),
        )
      }
      await this.updateSession(session.id, { status: 'canceled' })
    } catch (error) {
      this.logger.error(
        { err: error, sessionId: session.id },
        'could not give back the payment of a provider its region no longer offers',
      )
    }
  }

  private async updateSession(id: string, changes: Partial<PaymentSessionRow>): Promise<void> {
    await this.db.em().nativeUpdate(PaymentSession, { id }, { ...changes, updated_at: new Date() })
  }

  private sessionView(session: PaymentSessionRow): PaymentSessionView {
    return {
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      provider_id: session.provider_id,
      data: session.data,
      status: session.status,
      authorized_at: iso(session.authorized_at),
      created_at: session.created_at.toISOString(),
      updated_at: session.updated_at.toISOString(),
    }
  }
}
