// pp_paypal: Shopwright's payment contract translated to PayPal Orders v2 through PayPal's server SDK.
// A session is a PayPal order with intent AUTHORIZE; the storefront's PayPal button (or the approval
// link) lets the buyer approve it, then authorize, capture, refund and void act on its authorization.

import {
  AbortError,
  ApiError,
  type AuthorizationWithAdditionalData,
  CheckoutPaymentIntent,
  Client,
  Environment,
  type Money,
  type Order,
  OrdersController,
  PatchOp,
  PaymentsController,
} from '@paypal/paypal-server-sdk'
import {
  ConflictError,
  currencyExponent,
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
  roundMinor,
  toMajorUnits,
  type WebhookActionResult,
  type WebhookPayload,
  WebhookSignatureError,
} from '@shopwright/core'
import axios, { type AxiosAdapter } from 'axios'
import { z } from 'zod'

export const paypalOptionsSchema = z.object({
  clientId: z.string().min(1, 'is required').describe("The client id of the store's PayPal REST app."),
  clientSecret: z.string().min(1, 'is required').describe("The secret of the store's PayPal REST app."),
  webhookId: z
    .string()
    .min(1, 'is required')
    .describe(
      'The id PayPal gave the webhook that points at `/hooks/payment/paypal`; signatures are verified for it.',
    ),
  environment: z
    .enum(['sandbox', 'production'])
    .default('sandbox')
    .describe('Which PayPal the SDK talks to: `sandbox` (test money) or `production`.'),
  apiBase: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("Where the PayPal API is, e.g. a local fake's URL; the environment's own API when absent."),
  scriptUrl: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      "Where the storefront loads PayPal's JS SDK from; the environment's own when absent (tests serve a fake).",
    ),
  returnUrl: z
    .url()
    .optional()
    .describe(
      'Where PayPal sends the buyer after approving, when the storefront uses the approval link instead of the button.',
    ),
  cancelUrl: z.url().optional().describe('Where PayPal sends a buyer who cancels on the approval page.'),
  brandName: z
    .string()
    .max(127)
    .optional()
    .describe('The shop name PayPal shows the buyer on the approval page.'),
  maxNetworkRetries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe(
      'Retries of a request that failed on the network or with a 5xx, with the same PayPal-Request-Id.',
    ),
  retryIntervalSeconds: z
    .number()
    .positive()
    .default(1)
    .describe('Wait before the first retry; each further retry doubles it.'),
  timeoutMs: z.number().int().positive().default(30_000).describe('Time one request to PayPal may take.'),
})

export type PayPalOptions = z.output<typeof paypalOptionsSchema>

const API_BASE = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  production: 'https://api-m.paypal.com',
}

/** Issues in PayPal's 422 answers that mean the buyer's payment was refused: they may try again. */
const DECLINE_ISSUES = new Set([
  'INSTRUMENT_DECLINED',
  'TRANSACTION_REFUSED',
  'PAYER_CANNOT_PAY',
  'PAYEE_BLOCKED_TRANSACTION',
  'CARD_EXPIRED',
  'REDIRECT_PAYER_FOR_ALTERNATE_FUNDING',
])

const AUTHORIZATION_STATUS: Record<string, PaymentSessionStatus> = {
  CREATED: 'authorized',
  PENDING: 'pending',
  PARTIALLY_CAPTURED: 'captured',
  CAPTURED: 'captured',
  VOIDED: 'canceled',
}

interface Capture {
  id: string
  amount: number
}
interface Refund extends Capture {
  capture_id: string
}

export class PayPalPaymentProvider implements PaymentProvider {
  readonly id = 'pp_paypal'
  private readonly client: Client
  private readonly orders: OrdersController
  private readonly payments: PaymentsController

  constructor(private readonly options: PayPalOptions) {
    this.client = new Client({
      clientCredentialsAuthCredentials: {
        oAuthClientId: options.clientId,
        oAuthClientSecret: options.clientSecret,
      },
      environment: options.environment === 'production' ? Environment.Production : Environment.Sandbox,
      timeout: options.timeoutMs,
      httpClientOptions: {
        timeout: options.timeoutMs,
        retryConfig: {
          maxNumberOfRetries: options.maxNetworkRetries,
          retryInterval: options.retryIntervalSeconds,
          backoffFactor: 2,
          maximumRetryWaitTime: 60,
          retryOnTimeout: true,
          // Every write carries a PayPal-Request-Id, so resending it cannot pay twice.
          httpMethodsToRetry: ['GET', 'POST', 'PATCH'],
        },
      },
      ...(options.apiBase && {
        // The SDK knows only PayPal's two hosts; its HTTP client (axios) is pointed elsewhere here.
        unstable_httpClientOptions: { adapter: sendTo(options.apiBase, API_BASE[options.environment]) },
      }),
    })
    this.orders = new OrdersController(this.client)
    this.payments = new PaymentsController(this.client)
  }

  /** The client id is public by design: PayPal's JS SDK sends it from every shopper's browser. */
  browserConfig(): PaymentBrowserConfig {
    const { clientId, environment, scriptUrl } = this.options
    return { clientId, environment, ...(scriptUrl && { scriptUrl }) }
  }

  async initiatePayment({
    amount,
    currency_code,
    context,
  }: InitiatePaymentInput): Promise<InitiatePaymentResult> {
    const currency = currency_code.toUpperCase()
    const { result: order } = await this.call(() =>
      this.orders.createOrder({
        body: {
          intent: CheckoutPaymentIntent.Authorize,
          purchaseUnits: [
            {
              referenceId: 'default',
              customId: context.idempotency_key.slice(0, 127),
              amount: money(amount, currency),
            },
          ],
          applicationContext: {
            returnUrl: this.options.returnUrl,
            cancelUrl: this.options.cancelUrl,
            brandName: this.options.brandName,
          },
        },
        paypalRequestId: operationKey(context.idempotency_key, 'create'),
        prefer: 'return=representation',
      }),
    )
    const orderId = order.id as string
    const approval = order.links?.find((link) => link.rel === 'approve' || link.rel === 'payer-action')
    return {
      id: orderId,
      status: 'pending',
      data: {
        id: orderId,
        status: order.status,
        approval_url: approval?.href ?? null,
        amount,
        currency_code: currency,
      },
    }
  }

  async updatePayment({ data, amount, currency_code }: PaymentAmountInput): Promise<PaymentResult> {
    const currency = currency_code.toUpperCase()
    await this.call(() =>
      this.orders.patchOrder({
        id: orderId(data),
        body: [
          {
            op: PatchOp.Replace,
            path: "/purchase_units/@reference_id=='default'/amount",
            value: { currency_code: currency, value: toMajorUnits(amount, currency) },
          },
        ],
      }),
    )
    return { status: 'pending', data: { ...data, amount, currency_code: currency } }
  }

  async authorizePayment({ data, context }: PaymentCallInput): Promise<PaymentResult> {
    let order = await this.getOrder(data)
    if (order.status === 'APPROVED') {
      const id = orderId(data)
      try {
        order = (
          await this.call(() =>
            this.orders.authorizeOrder({
              id,
              paypalRequestId: operationKey(context.idempotency_key, 'authorize'),
              prefer: 'return=representation',
            }),
          )
        ).result
      } catch (error) {
        // Authorized in the meantime (by another process): PayPal's order says how.
        if (!(error instanceof PayPalIssueError && error.issue === 'ORDER_ALREADY_AUTHORIZED')) throw error
        order = await this.getOrder(data)
      }
    }
    const authorization = authorizationOf(order)
    if (authorization?.status === 'DENIED') throw new PaymentDeclinedError('PayPal denied the authorization')
    const result = resultOf(order, data)
    // The buyer has not approved the order yet (or must act on PayPal's side).
    return result.status === 'pending' && !authorization ? { ...result, status: 'requires_more' } : result
  }

  async capturePayment({
    data,
    context,
    amount,
  }: PaymentCallInput & { amount?: number }): Promise<PaymentResult> {
    const authorizationId = authorizationIdOf(data)
    const captured = capturesOf(data).reduce((sum, capture) => sum + capture.amount, 0)
    const remaining = Number(data.amount) - captured
    const { currency_code } = sessionMoney(data)
    let capture: Awaited<ReturnType<PaymentsController['captureAuthorizedPayment']>>['result']
    try {
      capture = (
        await this.call(() =>
          this.payments.captureAuthorizedPayment({
            authorizationId,
            paypalRequestId: operationKey(context.idempotency_key, 'capture'),
            prefer: 'return=representation',
            body: {
              ...(amount !== undefined && { amount: money(amount, currency_code) }),
              finalCapture: amount === undefined || amount >= remaining,
            },
          }),
        )
      ).result
    } catch (error) {
      // Captured already (by another process, or before a lost answer): PayPal's order says how.
      if (error instanceof PayPalIssueError && error.issue === 'AUTHORIZATION_ALREADY_CAPTURED') {
        return this.getPaymentStatus({ data, context })
      }
      throw error
    }
    if (capture.status === 'DECLINED' || capture.status === 'FAILED') {
      throw new PaymentDeclinedError('PayPal declined the capture')
    }
    const captures = [...capturesOf(data), { id: capture.id as string, amount: amountOf(capture.amount) }]
    return {
      status: capture.status === 'PENDING' ? 'pending' : 'captured',
      data: { ...data, status: 'COMPLETED', captures },
    }
  }

  async refundPayment({ data, amount, context }: PaymentAmountInput): Promise<PaymentResult> {
    const { currency_code } = sessionMoney(data)
    const refunds = refundsOf(data)
    // Refund from each capture in turn what it still holds, until the amount is covered.
    const plan: Refund[] = []
    let left = amount
    for (const capture of capturesOf(data)) {
      const refunded = refunds
        .filter((r) => r.capture_id === capture.id)
        .reduce((sum, r) => sum + r.amount, 0)
      const share = Math.min(left, capture.amount - refunded)
      if (share > 0) plan.push({ id: '', capture_id: capture.id, amount: share })
      left -= share
    }
    if (left > 0 || plan.length === 0) {
      throw new InvalidDataError(
        `PayPal: the refund of ${amount} exceeds what was captured and not yet refunded`,
      )
    }
    for (const part of plan) {
      const { result: refund } = await this.call(() =>
        this.payments.refundCapturedPayment({
          captureId: part.capture_id,
          paypalRequestId: operationKey(context.idempotency_key, `refund:${part.capture_id}`),
          prefer: 'return=representation',
          body: { amount: money(part.amount, currency_code) },
        }),
      )
      refunds.push({ ...part, id: refund.id as string })
    }
    return { status: 'captured', data: { ...data, refunds } }
  }

  async cancelPayment({ data, context }: PaymentCallInput): Promise<PaymentResult> {
    // An order never authorized holds no money: PayPal lets it expire.
    if (typeof data.authorization_id !== 'string') return { status: 'canceled', data }
    const authorizationId = data.authorization_id
    try {
      await this.call(() =>
        this.payments.voidPayment({
          authorizationId,
          paypalRequestId: operationKey(context.idempotency_key, 'void'),
        }),
      )
    } catch (error) {
      if (!(error instanceof PayPalIssueError && error.issue === 'PREVIOUSLY_VOIDED')) throw error
    }
    return { status: 'canceled', data: { ...data, status: 'VOIDED' } }
  }

  async getPaymentStatus({ data }: PaymentCallInput): Promise<PaymentResult> {
    return resultOf(await this.getOrder(data), data)
  }

  async getWebhookActionAndData({ rawBody, headers }: WebhookPayload): Promise<WebhookActionResult> {
    const transmission = {
      auth_algo: single(headers['paypal-auth-algo']),
      cert_url: single(headers['paypal-cert-url']),
      transmission_id: single(headers['paypal-transmission-id']),
      transmission_sig: single(headers['paypal-transmission-sig']),
      transmission_time: single(headers['paypal-transmission-time']),
    }
    const missing = Object.entries(transmission).find(([, value]) => !value)
    if (missing) throw new WebhookSignatureError(`The PayPal webhook has no ${missing[0]} header`)
    let event: PayPalWebhookEvent
    try {
      event = JSON.parse(rawBody.toString('utf8'))
    } catch {
      throw new WebhookSignatureError('The PayPal webhook body is not JSON')
    }
    const verification = await this.verifyWebhookSignature({
      ...transmission,
      webhook_id: this.options.webhookId,
      webhook_event: event,
    })
    if (verification !== 'SUCCESS')
      throw new WebhookSignatureError('PayPal did not verify the webhook signature')

    const orderId = event.resource?.supplementary_data?.related_ids?.order_id
    const amount = event.resource?.amount
    const action = WEBHOOK_ACTIONS[event.event_type ?? '']
    if (!action || !orderId || !amount) return { action: 'not_supported' }
    return { action, data: { provider_payment_id: orderId, amount: amountOf(amount) } }
  }

  /**
   * PayPal's verify-webhook-signature, which the SDK does not wrap: sent through the SDK's own
   * request pipeline, so it goes to the same API base with the SDK's OAuth token, retries and errors.
   */
  private async verifyWebhookSignature(body: Record<string, unknown>): Promise<string | undefined> {
    const request = this.client.getRequestBuilderFactory()(
      'POST',
      '/v1/notifications/verify-webhook-signature',
    )
    request.header('Content-Type', 'application/json')
    request.json(body)
    request.authenticate([{ oauth2: true }])
    const response = await this.call(() => request.call())
    const answer = JSON.parse(String(response.body)) as { verification_status?: string }
    return answer.verification_status
  }

  private async getOrder(data: PaymentData): Promise<Order> {
    const id = orderId(data)
    return (await this.call(() => this.orders.getOrder({ id }))).result
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request()
    } catch (error) {
      throw translateError(error)
    }
  }
}

interface PayPalWebhookEvent {
  event_type?: string
  resource?: {
    amount?: { currency_code: string; value: string }
    supplementary_data?: { related_ids?: { order_id?: string } }
  }
}

const WEBHOOK_ACTIONS: Record<string, WebhookActionResult['action']> = {
  'PAYMENT.AUTHORIZATION.CREATED': 'authorized',
  'PAYMENT.CAPTURE.COMPLETED': 'captured',
  'PAYMENT.CAPTURE.DENIED': 'failed',
  'PAYMENT.AUTHORIZATION.VOIDED': 'canceled',
}

/** A PayPal answer naming an issue (`details[].issue`), kept so callers can tell one issue from another. */
class PayPalIssueError extends InvalidDataError {
  constructor(
    readonly issue: string,
    message: string,
  ) {
    super(message)
  }
}

/** An axios adapter that sends the SDK's requests for PayPal's host to `apiBase` instead. */
function sendTo(apiBase: string, payPalBase: string): AxiosAdapter {
  const send = axios.getAdapter('http')
  const base = apiBase.replace(/\/$/, '')
  return (config) => send({ ...config, url: config.url?.replace(payPalBase, base) })
}

/** The contract's key names the call; each PayPal operation gets its own PayPal-Request-Id from it. */
function operationKey(idempotencyKey: string, operation: string): string {
  return `${idempotencyKey}:${operation}`
}

function money(amount: number, currencyCode: string): Money {
  return { currencyCode, value: toMajorUnits(amount, currencyCode) }
}

/** PayPal's decimal string as an integer in the currency's minor unit. */
function amountOf(
  amount: { currency_code?: string; currencyCode?: string; value: string } | undefined,
): number {
  if (!amount) return 0
  const currency = amount.currencyCode ?? amount.currency_code ?? 'USD'
  return roundMinor(Number(amount.value) * 10 ** currencyExponent(currency))
}

function orderId(data: PaymentData): string {
  if (typeof data.id !== 'string' || !data.id)
    throw new InvalidDataError('The payment session holds no PayPal order id')
  return data.id
}

function authorizationIdOf(data: PaymentData): string {
  if (typeof data.authorization_id !== 'string') {
    throw new InvalidDataError('The PayPal payment has not been authorized, so there is nothing to capture')
  }
  return data.authorization_id
}

function sessionMoney(data: PaymentData): { amount: number; currency_code: string } {
  return { amount: Number(data.amount), currency_code: String(data.currency_code) }
}

function capturesOf(data: PaymentData): Capture[] {
  return Array.isArray(data.captures) ? (data.captures as Capture[]) : []
}

function refundsOf(data: PaymentData): Refund[] {
  return Array.isArray(data.refunds) ? [...(data.refunds as Refund[])] : []
}

function authorizationOf(order: Order): AuthorizationWithAdditionalData | undefined {
  return order.purchaseUnits?.[0]?.payments?.authorizations?.[0]
}

/** The order as a session result: its status read through the authorization once there is one. */
function resultOf(order: Order, data: PaymentData): PaymentResult {
  const authorization = authorizationOf(order)
  const captures = order.purchaseUnits?.[0]?.payments?.captures ?? []
  const sessionData: PaymentData = {
    ...data,
    status: order.status,
    ...(authorization && { authorization_id: authorization.id }),
    captures: captures
      .filter((capture) => capture.status !== 'DECLINED' && capture.status !== 'FAILED')
      .map((capture) => ({ id: capture.id as string, amount: amountOf(capture.amount) })),
  }
  if (order.status === 'VOIDED') return { status: 'canceled', data: sessionData }
  if (authorization)
    return { status: AUTHORIZATION_STATUS[authorization.status ?? ''] ?? 'pending', data: sessionData }
  return { status: order.status === 'PAYER_ACTION_REQUIRED' ? 'requires_more' : 'pending', data: sessionData }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** PayPal's errors as Shopwright's: a refused payment, PayPal being down, or a caller's mistake. */
function translateError(error: unknown): unknown {
  if (error instanceof ApiError) {
    const body = (error.result ?? parseJson(error.body)) as
      | { name?: string; message?: string; details?: { issue?: string; description?: string }[] }
      | undefined
    const detail = body?.details?.[0]
    const message = `PayPal: ${detail?.description ?? body?.message ?? `answered ${error.statusCode}`}`
    if (error.statusCode >= 500 || error.statusCode === 429)
      return new PaymentProviderUnavailableError(message)
    if (error.statusCode === 401 || error.statusCode === 403) {
      return new PaymentProviderUnavailableError(`PayPal refused the configured credentials: ${message}`)
    }
    if (error.statusCode === 404) return new NotFoundError(message)
    if (error.statusCode === 409) return new ConflictError(message)
    if (detail?.issue && DECLINE_ISSUES.has(detail.issue)) return new PaymentDeclinedError(message)
    return detail?.issue ? new PayPalIssueError(detail.issue, message) : new InvalidDataError(message)
  }
  if (error instanceof AbortError || axios.isAxiosError(error)) {
    return new PaymentProviderUnavailableError(`PayPal could not be reached: ${(error as Error).message}`)
  }
  return error
}

function parseJson(body: unknown): unknown {
  try {
    return typeof body === 'string' ? JSON.parse(body) : undefined
  } catch {
    return undefined
  }
}
