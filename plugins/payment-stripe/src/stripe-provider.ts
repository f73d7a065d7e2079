// pp_stripe: Shopwright's payment contract translated to Stripe PaymentIntents. A session's intent is
// created with manual capture; the storefront confirms it with Stripe Elements (it needs the
// client_secret in the session's data) or sends a payment method id that is confirmed here.
import {
  type CaptureResult,
  ConflictError,
  type InitiatePaymentInput,
  type InitiatePaymentResult,
  InvalidDataError,
  NotFoundError,
  type PaymentAmountInput,
  type PaymentBrowserConfig,
  type PaymentCallInput,
  type PaymentData,
  PaymentDeclinedError,
  type PaymentProvider,
  PaymentProviderUnavailableError,
  type PaymentResult,
  type PaymentSessionStatus,
  type WebhookActionResult,
  type WebhookPayload,
  WebhookSignatureError,
} from '@shopwright/core'
import Stripe from 'stripe'
import { z } from 'zod'

export const stripeOptionsSchema = z
  .object({
    apiKey: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_…, sk_live_…, rk_…)')
      .describe('A secret (`sk_…`) or restricted (`rk_…`) API key.'),
    publishableKey: z
      .string()
      .regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_test_…, pk_live_…)')
      .optional()
      .describe(
        "The publishable key (`pk_…`) the storefront's Stripe.js uses; without it the storefront offers no card payment.",
      ),
    scriptUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("Where the storefront loads Stripe.js from; Stripe's own when absent (tests serve a fake)."),
    webhookSecret: z
      .string()
      .regex(/^whsec_\w+$/, "must be the webhook endpoint's signing secret (whsec_…)")
      .describe(
        'The signing secret (`whsec_…`) of the webhook endpoint that points at `/hooks/payment/stripe`.',
      ),
    apiBase: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        "Where the Stripe API is, e.g. `http://127.0.0.1:12111` for a local fake; Stripe's own API when absent.",
      ),
    capture: z
      .boolean()
      .default(false)
      .describe(
        "Capture when the shopper pays (Stripe's automatic capture) instead of only authorizing and capturing from the order later.",
      ),
    maxNetworkRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Retries of a request that failed on the network or with a 5xx, with the same idempotency key.',
      ),
    timeoutMs: z.number().int().positive().default(30_000).describe('Time one request to Stripe may take.'),
    webhookToleranceSeconds: z
      .number()
      .int()
      .positive()
      .default(300)
      .describe("How old a webhook's signed timestamp may be before it is rejected as a replay."),
  })
  .refine(
    (options) => !options.publishableKey || keyMode(options.publishableKey) === keyMode(options.apiKey),
    {
      message: 'must be in the same mode (test or live) as apiKey',
      path: ['publishableKey'],
    },
  )

/** `test` or `live`, as a Stripe key says. */
function keyMode(key: string): string | undefined {
  return /^\w+?_(test|live)_/.exec(key)?.[1]
}

export type StripeOptions = z.output<typeof stripeOptionsSchema>

/** What the storefront may send when it creates a session: a payment method to confirm server-side. */
const sessionInputSchema = z.object({
  payment_method: z.string().startsWith('pm_', 'must be a Stripe PaymentMethod id (pm_…)').optional(),
})

/** Stripe's status of an intent, read as Shopwright's session status (a status Stripe adds later reads as pending). */
const SESSION_STATUS: Record<string, PaymentSessionStatus> = {
  requires_payment_method: 'pending',
  requires_confirmation: 'pending',
  processing: 'pending',
  requires_action: 'requires_more',
  requires_capture: 'authorized',
  succeeded: 'captured',
  canceled: 'canceled',
}

const WAITING_ON_SHOPPER: Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]

export class StripePaymentProvider implements PaymentProvider {
  readonly id = 'pp_stripe'
  private readonly stripe: Stripe

  constructor(private readonly options: StripeOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : undefined
    const protocol = base?.protocol === 'http:' ? 'http' : 'https'
    this.stripe = new Stripe(options.apiKey, {
      maxNetworkRetries: options.maxNetworkRetries,
      timeout: options.timeoutMs,
      telemetry: false,
      appInfo: { name: 'Shopwright' },
      ...(base && { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol }),
    })
  }

  browserConfig(): PaymentBrowserConfig | undefined {
    const { publishableKey, scriptUrl } = this.options
    return publishableKey ? { publishableKey, ...(scriptUrl && { scriptUrl }) } : undefined
  }

  async initiatePayment({
    amount,
    currency_code,
    data,
    context,
  }: InitiatePaymentInput): Promise<InitiatePaymentResult> {
    const input = sessionInputSchema.safeParse(data ?? {})
    if (!input.success) {
      throw new InvalidDataError(`Invalid Stripe payment data: ${input.error.issues[0]?.message}`)
    }
    const paymentMethod = input.data.payment_method
    const intent = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount,
          currency: currency_code.toLowerCase(),
          capture_method: this.options.capture ? 'automatic' : 'manual',
          metadata: {
            idempotency_key: context.idempotency_key,
            ...(context.customer?.id && { customer_id: context.customer.id }),
          },
          // A card confirmed here has no page to return to, unlike the methods Elements offers.
          ...(paymentMethod && { payment_method: paymentMethod, payment_method_types: ['card'] }),
        },
        { idempotencyKey: operationKey(context.idempotency_key, 'create') },
      ),
    )
    return { id: intent.id, ...resultOf(intent) }
  }

  /**
   * Setting the amount is idempotent by nature, so it carries no key of ours: a key reused for a
   * total the cart had before (A → B → A) would be answered with Stripe's stored reply and change
   * nothing. The SDK still gives its own retries one key.
   */
  async updatePayment({ data, amount, currency_code }: PaymentAmountInput): Promise<PaymentResult> {
    const id = intentId(data)
    const intent = await this.call(() =>
      this.stripe.paymentIntents.update(id, { amount, currency: currency_code.toLowerCase() }),
    )
    return resultOf(intent)
  }

  async authorizePayment({ data, context }: PaymentCallInput): Promise<PaymentResult> {
    let intent = await this.retrieve(data)
    if (intent.status === 'requires_confirmation') {
      const id = intent.id
      intent = await this.call(() =>
        this.stripe.paymentIntents.confirm(
          id,
          {},
          { idempotencyKey: operationKey(context.idempotency_key, 'confirm') },
        ),
      )
    }
    // A card declined in the storefront leaves the intent waiting for another payment method.
    if (intent.status === 'requires_payment_method' && intent.last_payment_error?.type === 'card_error') {
      throw new PaymentDeclinedError(intent.last_payment_error.message ?? 'The card was declined')
    }
    const result = resultOf(intent)
    // After authorization was asked for, an intent still waiting on the shopper needs more from them.
    return WAITING_ON_SHOPPER.includes(intent.status) ? { ...result, status: 'requires_more' } : result
  }

  async capturePayment({
    data,
    context,
    amount,
  }: PaymentCallInput & { amount?: number }): Promise<CaptureResult> {
    const id = intentId(data)
    const intent = await this.settledOr(id, ['succeeded'], () =>
      this.stripe.paymentIntents.capture(id, amount === undefined ? {} : { amount_to_capture: amount }, {
        idempotencyKey: operationKey(context.idempotency_key, 'capture'),
      }),
    )
    // A captured intent holds nothing more: Stripe released what a partial capture left.
    return { ...resultOf(intent), capturable: intent.amount_capturable }
  }

  async refundPayment({ data, amount, context }: PaymentAmountInput): Promise<PaymentResult> {
    const id = intentId(data)
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        { payment_intent: id, amount },
        { idempotencyKey: operationKey(context.idempotency_key, 'refund') },
      ),
    )
    const refunds = Array.isArray(data.refunds) ? data.refunds : []
    return {
      status: 'captured',
      data: { ...data, refunds: [...refunds, { id: refund.id, amount: refund.amount }] },
    }
  }

  /**
   * Cancels the intent, releasing what it holds. An intent already `succeeded` holds nothing more:
   * Stripe released the rest of a partial capture when it captured, so it is answered as it is.
   */
  async cancelPayment({ data, context }: PaymentCallInput): Promise<PaymentResult> {
    if (data.status === 'succeeded') return resultOf(await this.retrieve(data))
    const id = intentId(data)
    const intent = await this.settledOr(id, ['canceled', 'succeeded'], () =>
      this.stripe.paymentIntents.cancel(
        id,
        {},
        { idempotencyKey: operationKey(context.idempotency_key, 'cancel') },
      ),
    )
    return resultOf(intent)
  }

  async getPaymentStatus({ data }: PaymentCallInput): Promise<PaymentResult> {
    return resultOf(await this.retrieve(data))
  }

  async getWebhookActionAndData({ rawBody, headers }: WebhookPayload): Promise<WebhookActionResult> {
    const signature = headers['stripe-signature']
    if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing')
    let event: Stripe.Event
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.options.webhookSecret,
        this.options.webhookToleranceSeconds,
      )
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new WebhookSignatureError(`Stripe webhook rejected: ${error.message}`)
      }
      throw error
    }
    switch (event.type) {
      case 'payment_intent.amount_capturable_updated':
        return webhookResult('authorized', event.data.object, event.data.object.amount_capturable)
      case 'payment_intent.succeeded':
        return webhookResult('captured', event.data.object, event.data.object.amount_received)
      case 'payment_intent.payment_failed':
        return webhookResult('failed', event.data.object, event.data.object.amount)
      case 'payment_intent.canceled':
        return webhookResult('canceled', event.data.object, event.data.object.amount)
      default:
        return { action: 'not_supported' }
    }
  }

  private retrieve(data: PaymentData): Promise<Stripe.PaymentIntent> {
    const id = intentId(data)
    return this.call(() => this.stripe.paymentIntents.retrieve(id))
  }

  /**
   * Runs a capture or cancel; when Stripe refuses it because the intent already is in one of
   * `settled` (a webhook or another process got there first), answers with the intent as it is.
   */
  private async settledOr(
    id: string,
    settled: Stripe.PaymentIntent.Status[],
    request: () => Promise<Stripe.PaymentIntent>,
  ): Promise<Stripe.PaymentIntent> {
    try {
      return await this.call(request)
    } catch (error) {
      if (!(error instanceof InvalidDataError)) throw error
      const intent = await this.call(() => this.stripe.paymentIntents.retrieve(id))
      if (settled.includes(intent.status)) return intent
      throw error
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request()
    } catch (error) {
      throw translateError(error)
    }
  }
}

/** The contract's key names the call; Stripe refuses one key for two different requests, so each operation gets its own. */
function operationKey(idempotencyKey: string, operation: string): string {
  return `${idempotencyKey}:${operation}`
}

function intentId(data: PaymentData): string {
  if (typeof data.id !== 'string' || !data.id.startsWith('pi_')) {
    throw new InvalidDataError('The payment session holds no Stripe PaymentIntent id')
  }
  return data.id
}

/** The session's data: what the storefront and later calls need, not the whole intent. */
function resultOf(intent: Stripe.PaymentIntent): PaymentResult {
  return {
    status: SESSION_STATUS[intent.status] ?? 'pending',
    data: {
      id: intent.id,
      client_secret: intent.client_secret,
      status: intent.status,
      amount: intent.amount,
      amount_capturable: intent.amount_capturable,
      amount_received: intent.amount_received,
      currency: intent.currency,
    },
  }
}

function webhookResult(
  action: WebhookActionResult['action'],
  intent: Stripe.PaymentIntent,
  amount: number,
): WebhookActionResult {
  return { action, data: { provider_payment_id: intent.id, amount } }
}

/** Stripe's errors as Shopwright's: a decline the shopper can fix, Stripe being down, or a caller's mistake. */
function translateError(error: unknown): unknown {
  const errors = Stripe.errors
  if (!(error instanceof errors.StripeError)) return error
  if (error instanceof errors.StripeCardError) return new PaymentDeclinedError(error.message)
  if (error instanceof errors.StripeIdempotencyError) return new ConflictError(`Stripe: ${error.message}`)
  if (error instanceof errors.StripeAuthenticationError || error instanceof errors.StripePermissionError) {
    return new PaymentProviderUnavailableError(`Stripe refused the configured API key: ${error.message}`)
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return error.statusCode === 404
      ? new NotFoundError(`Stripe: ${error.message}`)
      : new InvalidDataError(`Stripe: ${error.message}`)
  }
  return new PaymentProviderUnavailableError(`Stripe is unavailable: ${error.message}`)
}
