// The payment contract: what every payment provider (the built-in system provider, Stripe, PayPal, …)
// implements. Shaped after Medusa's payment provider so that its concepts carry over: a payment
// session holds the provider's `data`, and every call gets that data back and returns the new data.
// Calls happen outside database transactions and carry an idempotency key the provider passes on.
import { ShopwrightError } from '../../kernel/errors'
import type { Provider } from '../../kernel/providers'

export type PaymentSessionStatus =
  | 'pending'
  | 'requires_more'
  | 'authorized'
  | 'captured'
  | 'canceled'
  | 'error'

export type PaymentData = Record<string, unknown>

export interface PaymentCallContext {
  /** Passed on to the provider's API (Stripe's Idempotency-Key, PayPal's PayPal-Request-Id), so a retry never pays twice. */
  idempotency_key: string
  customer?: { id?: string; email?: string | null }
}

export interface InitiatePaymentInput {
  /** In the currency's minor unit. */
  amount: number
  currency_code: string
  /** What the storefront sent when it created the session (e.g. a payment method id). */
  data?: PaymentData
  context: PaymentCallContext
}

export interface PaymentResult {
  data: PaymentData
  status: PaymentSessionStatus
}

export interface CaptureResult extends PaymentResult {
  /**
   * What the authorization still holds to capture later, when the provider decides it: Stripe
   * releases the rest at a partial capture (0). Absent, the rest stays capturable, as with PayPal.
   */
  capturable?: number
}

export interface InitiatePaymentResult extends PaymentResult {
  /** The provider's id for this payment (a PaymentIntent id, a PayPal order id). */
  id: string
}

export interface PaymentCallInput {
  data: PaymentData
  context: PaymentCallContext
}

export interface PaymentAmountInput extends PaymentCallInput {
  /** In the currency's minor unit. */
  amount: number
  currency_code: string
}

export type WebhookAction = 'authorized' | 'captured' | 'failed' | 'canceled' | 'not_supported'

export interface WebhookActionResult {
  action: WebhookAction
  /** The provider's payment id (as returned by initiatePayment) and the amount the event concerns. */
  data?: { provider_payment_id: string; amount: number }
}

export interface WebhookPayload {
  /** The exact bytes received: signatures are checked over them. */
  rawBody: Buffer
  headers: Record<string, string | string[] | undefined>
}

/** Public values a storefront needs to pay with a provider in the browser, e.g. a publishable key. */
export type PaymentBrowserConfig = Record<string, string>

export interface PaymentProvider extends Provider {
  /** e.g. `pp_system_default`, `pp_stripe`, `pp_paypal`. */
  readonly id: string
  /**
   * What the storefront's page may know to pay with this provider (Stripe's publishable key,
   * PayPal's client id, where their scripts load from): public by design, never a secret. Absent
   * for a provider with no browser step, or one not set up for it.
   */
  browserConfig?(): PaymentBrowserConfig | undefined
  initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentResult>
  updatePayment(input: PaymentAmountInput): Promise<PaymentResult>
  authorizePayment(input: PaymentCallInput): Promise<PaymentResult>
  /** Captures the whole authorized amount, or `amount` of it, and says what is left capturable. */
  capturePayment(input: PaymentCallInput & { amount?: number }): Promise<CaptureResult>
  refundPayment(input: PaymentAmountInput): Promise<PaymentResult>
  cancelPayment(input: PaymentCallInput): Promise<PaymentResult>
  getPaymentStatus(input: PaymentCallInput): Promise<PaymentResult>
  /** Verifies the signature (throws WebhookSignatureError when it is wrong) and says what happened. */
  getWebhookActionAndData(payload: WebhookPayload): Promise<WebhookActionResult>
}

/** The provider refused the payment (card declined, insufficient funds): the shopper may try again. */
export class PaymentDeclinedError extends ShopwrightError {
  constructor(message: string) {
    super('invalid_data', message, 402)
  }
}

/** The provider could not be reached or failed on its side: the same call may be retried with the same idempotency key. */
export class PaymentProviderUnavailableError extends ShopwrightError {
  constructor(message: string) {
    super('service_unavailable', message, 503)
  }
}

/** A webhook whose signature does not verify: rejected, nothing changes. */
export class WebhookSignatureError extends ShopwrightError {
  constructor(message = 'Webhook signature verification failed') {
    super('unauthorized', message, 401)
  }
}
