// Completing a cart, serialised per cart: validate → authorize the payment (outside any transaction,
// with a key derived from the payment session) → one transaction that reserves stock, places the
// order, registers promotion usage, marks the cart completed and emits order.placed. When anything
// after the authorization fails, the authorization is given back and the cart stays usable. The
// shopper, a retry, a payment webhook and the reconciling job all come through here, so a cart
// yields one order whoever completes it and however often.
import type { AwilixContainer } from 'awilix'
import type { Logger } from 'pino'
import type { Database, EntityManager } from '../../infra/database'
import type { Locks } from '../../infra/locks'
import { ConflictError, InvalidDataError, ShopwrightError } from '../../kernel/errors'
import type { CartView } from '../cart/schemas'
import type { CartService } from '../cart/service'
import { PaymentDeclinedError, type WebhookPayload } from '../payment/provider'
import { PaymentNotAuthorizedError, type PaymentService } from '../payment/service'
import type { OrderService, OrderView } from './service'

export type CompletionResult =
  | { type: 'order'; order: OrderView & { access_token?: string } }
  | { type: 'cart'; cart: CartView; error: { type: string; name: string; message: string } }

/** Who completes: the shopper (a customer id, or null for a guest), or Shopwright itself (webhooks, jobs). */
export type Completer = { customerId: string | null } | 'system'

interface PromotionUsage {
  registerUsage(em: EntityManager, cart: CartView): Promise<void>
}

const LOCK = { ttlMs: 60_000, waitMs: 30_000 }

export class CartCompletion {
  constructor(
    private readonly container: AwilixContainer,
    private readonly db: Database,
    private readonly locks: Locks,
    private readonly logger: Logger,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
  ) {}

  private get carts(): CartService {
    return this.container.resolve('cartService')
  }

  private get promotions(): PromotionUsage | undefined {
    return this.container.hasRegistration('promotionService')
      ? this.container.resolve<PromotionUsage>('promotionService')
      : undefined
  }

  async completeCart(cartId: string, completer: Completer): Promise<CompletionResult> {
    return this.locks.withLock(lockKey(cartId), () => this.completeLocked(cartId, completer), LOCK)
  }

  /**
   * A payment provider's webhook (its signature checked by the provider): a payment authorized or
   * captured for a cart not yet completed completes it; a capture is recorded on the order once.
   */
  async onPaymentWebhook(providerId: string, payload: WebhookPayload): Promise<void> {
    const provider = this.payments.provider(providerId)
    const { action, data } = await provider.getWebhookActionAndData(payload)
    if (!data || (action !== 'authorized' && action !== 'captured')) return
    const found = await this.payments.findSessionByProviderPaymentId(provider.id, data.provider_payment_id)
    if (!found) {
      this.logger.warn(
        { providerId, action, payment: data.provider_payment_id },
        'webhook for an unknown payment',
      )
      return
    }
    await this.locks.withLock(
      lockKey(found.cart_id),
      async () => {
        const result = await this.completeLocked(found.cart_id, 'system')
        if (result.type === 'cart') {
          this.logger.warn(
            { cartId: found.cart_id, error: result.error },
            'webhook could not complete the cart',
          )
          return
        }
        if (action === 'captured') {
          const payment = result.order.payments.find((candidate) => candidate.provider_id === provider.id)
          if (payment) await this.orders.recordProviderCapture(payment.id)
        }
      },
      LOCK,
    )
  }

  /**
   * Payments that succeeded long enough ago without an order (a crash between authorizing and
   * placing): complete the cart when it still can be, otherwise give the money back.
   */
  async reconcile(olderThanMs: number): Promise<{ completed: number; canceled: number }> {
    let completed = 0
    let canceled = 0
    for (const orphan of await this.payments.orphanedPayments(olderThanMs)) {
      await this.locks.withLock(
        lockKey(orphan.cart_id),
        async () => {
          if (!(await this.orders.findOrderIdForCart(orphan.cart_id))) {
            const result = await this.completeLocked(orphan.cart_id, 'system').catch((error: unknown) => {
              this.logger.warn(
                { err: error, paymentId: orphan.id },
                'reconciling: cart could not be completed',
              )
              return undefined
            })
            if (
              result?.type === 'order' &&
              result.order.payments.some((payment) => payment.id === orphan.id)
            ) {
              completed += 1
              return
            }
          }
          const payment = await this.payments.retrievePayment(orphan.id)
          if (payment.order_id || payment.canceled_at) return
          await this.payments.cancelOrRefund(payment.id)
          canceled += 1
        },
        LOCK,
      )
    }
    return { completed, canceled }
  }

  private async retrieve(cartId: string, completer: Completer): Promise<CartView> {
    // Webhooks and jobs act for the shopper who started paying (the payment collection remembers who).
    const customerId =
      completer === 'system' ? await this.payments.cartCustomerId(cartId) : completer.customerId
    return this.carts.retrieveCart(cartId, customerId)
  }

  private async completeLocked(cartId: string, completer: Completer): Promise<CompletionResult> {
    const cart = await this.retrieve(cartId, completer)
    // The order and the cart's completion are written in one transaction: an open cart has no order.
    const existing = cart.completed_at && (await this.orders.findOrderIdForCart(cartId))
    if (existing) return { type: 'order', order: await this.orders.retrieveOrder(existing) }
    assertReady(cart)
    let payment: Awaited<ReturnType<PaymentService['authorizeCart']>>
    try {
      payment = await this.payments.authorizeCart(cart)
    } catch (error) {
      if (error instanceof PaymentDeclinedError || error instanceof PaymentNotAuthorizedError) {
        return cartError(cart, error)
      }
      throw error
    }
    const plan = await this.orders.stockPlan(cart)
    try {
      const placed = await this.db.transaction(async (em) => {
        const order = await this.orders.placeOrder(em, cart, payment, plan)
        await this.promotions?.registerUsage(em, cart)
        if (!(await this.carts.markCompleted(em, cart.id))) throw new CartAlreadyCompletedError(cart.id)
        return order
      })
      const order = await this.orders.retrieveOrder(placed.id)
      return { type: 'order', order: { ...order, access_token: placed.access_token } }
    } catch (error) {
      // Nothing was written: give the authorization back. Should that fail too, the reconciling job will.
      await this.payments.cancelOrRefund(payment.id).catch((cancelError: unknown) => {
        this.logger.error(
          { err: cancelError, paymentId: payment.id },
          'could not cancel the payment of a failed checkout',
        )
      })
      if (error instanceof ShopwrightError && error.status < 500) {
        return cartError(await this.retrieve(cartId, completer), error)
      }
      throw error
    }
  }
}

/** The cart module's own lock: completion waits for, and holds off, every other write to the cart. */
function lockKey(cartId: string): string {
  return `cart:${cartId}`
}

class CartAlreadyCompletedError extends ConflictError {
  constructor(cartId: string) {
    super(`Cart ${cartId} is already completed`)
  }
}

function cartError(cart: CartView, error: ShopwrightError): CompletionResult {
  return { type: 'cart', cart, error: { type: error.type, name: error.name, message: error.message } }
}

/** What a cart needs before it can become an order; a clear 400 naming what is missing. */
function assertReady(cart: CartView): void {
  if (cart.completed_at) throw new InvalidDataError('The cart is already completed')
  if (!cart.items.length) throw new InvalidDataError('The cart has no items')
  if (!cart.email) throw new InvalidDataError('The cart needs an email before it can be completed')
  if (!cart.shipping_address) throw new InvalidDataError('The cart needs a shipping address')
  if (!cart.shipping_methods.length) throw new InvalidDataError('The cart needs a shipping method')
}
