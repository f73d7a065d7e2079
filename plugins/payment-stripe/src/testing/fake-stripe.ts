// A local fake of Stripe's HTTP API for the calls pp_stripe makes (PaymentIntents and refunds), so
// that tests drive the real `stripe` SDK over real HTTP. It keeps state, answers with Stripe's status
// codes and error bodies, replays idempotent requests, can fail on purpose, and signs webhooks the
// way Stripe does (Stripe-Signature: t=…,v1=HMAC-SHA256(secret, `${t}.${payload}`)).
import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { FakeProviderServer, readBody, requestHeader } from '@shopwright/core/testing/fake-provider-server'
import qs from 'qs'

export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded'

export interface FakeIntent {
  id: string
  object: 'payment_intent'
  amount: number
  amount_capturable: number
  amount_received: number
  currency: string
  status: IntentStatus
  capture_method: 'automatic' | 'manual'
  client_secret: string
  metadata: Record<string, string>
  payment_method: string | null
  last_payment_error: StripeErrorBody | null
  latest_charge: string | null
  cancellation_reason: string | null
  created: number
  livemode: false
}

export interface FakeRefund {
  id: string
  object: 'refund'
  amount: number
  currency: string
  charge: string
  payment_intent: string
  status: 'succeeded'
  created: number
}

export interface FakeEvent {
  id: string
  object: 'event'
  type: string
  created: number
  api_version: string
  livemode: false
  pending_webhooks: number
  data: { object: FakeIntent | FakeRefund }
  request: { id: string | null; idempotency_key: string | null }
}

export interface RecordedRequest {
  method: string
  path: string
  idempotencyKey: string | undefined
  params: Record<string, unknown>
  status: number
}

interface StripeErrorBody {
  type: 'card_error' | 'invalid_request_error' | 'api_error' | 'idempotency_error'
  code?: string
  decline_code?: string
  param?: string
  message: string
  payment_intent?: FakeIntent
}

interface Charge {
  id: string
  amount: number
  captured: number
  refunded: number
}

/** A Stripe answer other than 200; `replayable: false` for parameter errors, which Stripe does not store under the idempotency key. */
class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly replayable = true,
  ) {
    super(body.message)
  }
}

/** Stripe's documented test payment methods, as far as this fake needs them. */
const TEST_PAYMENT_METHODS: Record<
  string,
  { outcome: 'succeeds' | 'declined' | 'requires_action'; decline?: string }
> = {
  pm_card_visa: { outcome: 'succeeds' },
  pm_card_mastercard: { outcome: 'succeeds' },
  pm_card_chargeDeclined: { outcome: 'declined', decline: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { outcome: 'declined', decline: 'insufficient_funds' },
  pm_card_authenticationRequired: { outcome: 'requires_action' },
}

/** Stripe's documented test card numbers, as the test payment method each one stands for. */
const TEST_CARDS: Record<string, string> = {
  '4242424242424242': 'pm_card_visa',
  '5555555555554444': 'pm_card_mastercard',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000002760003184': 'pm_card_authenticationRequired',
}

const UPDATABLE: IntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action']
const CANCELABLE: IntentStatus[] = [...UPDATABLE, 'requires_capture', 'processing']

export interface FakeStripeOptions {
  apiKey: string
  webhookSecret: string
  /** The key Stripe.js confirms with in the browser (with the intent's client secret). */
  publishableKey?: string
}

export class FakeStripe extends FakeProviderServer {
  readonly requests: RecordedRequest[] = []
  readonly events: FakeEvent[] = []
  private readonly intents = new Map<string, FakeIntent>()
  private readonly charges = new Map<string, Charge>()
  private readonly refunds = new Map<string, FakeRefund>()
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>()
  private currentIdempotencyKey: string | null = null

  constructor(readonly options: FakeStripeOptions) {
    super('FakeStripe')
  }

  intent(id: string): FakeIntent | undefined {
    const intent = this.intents.get(id)
    return intent && structuredClone(intent)
  }

  refundsFor(intentId: string): FakeRefund[] {
    return [...this.refunds.values()].filter((refund) => refund.payment_intent === intentId)
  }

  /** The last event of this type about this PaymentIntent. */
  lastEvent(type: string, intentId: string): FakeEvent {
    const event = this.events.findLast(
      (candidate) => candidate.type === type && candidate.data.object.id === intentId,
    )
    if (!event) throw new Error(`FakeStripe sent no ${type} for ${intentId}`)
    return event
  }

  /** A webhook delivery as Stripe sends it: the JSON body and its Stripe-Signature header. */
  signWebhook(
    event: FakeEvent,
    { timestamp = Math.floor(Date.now() / 1000), secret = this.options.webhookSecret } = {},
  ): { rawBody: Buffer; headers: Record<string, string> } {
    const payload = JSON.stringify(event, null, 2)
    const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')
    return {
      rawBody: Buffer.from(payload),
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${signature}` },
    }
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://fake')
    const method = req.method ?? 'GET'
    const params = qs.parse(method === 'GET' ? url.search.slice(1) : raw) as Record<string, unknown>
    const idempotencyKey = requestHeader(req, 'idempotency-key')
    const record: RecordedRequest = { method, path: url.pathname, idempotencyKey, params, status: 0 }
    this.requests.push(record)

    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': newId('req'),
        // Stripe's API answers browsers too (Stripe.js calls it with the publishable key).
        'access-control-allow-origin': '*',
        ...extra,
      })
      res.end(JSON.stringify(body))
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization, stripe-version',
      })
      res.end()
      return
    }

    const { key, client_secret: clientSecret, ...apiParams } = params
    const secretKey = requestHeader(req, 'authorization') === `Bearer ${this.options.apiKey}`
    const publishableKey = Boolean(this.options.publishableKey) && key === this.options.publishableKey
    if (!secretKey && !publishableKey) {
      return send(401, {
        error: {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided: check the key you send in the Authorization header.',
        },
      })
    }
    if (!secretKey) {
      const refusal = this.publishableKeyRefusal(method, url.pathname, clientSecret)
      if (refusal) return send(refusal.status, { error: refusal.body })
    }
    const failure = this.takeFailure()
    if (failure) {
      return send(failure, { error: { type: 'api_error', message: 'An unknown error occurred' } })
    }

    const fingerprint = `${method} ${url.pathname} ${JSON.stringify(params)}`
    if (idempotencyKey && method === 'POST') {
      const saved = this.idempotent.get(idempotencyKey)
      if (saved && saved.fingerprint !== fingerprint) {
        return send(400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          },
        })
      }
      if (saved) return send(saved.status, saved.body, { 'idempotent-replayed': 'true' })
    }

    this.currentIdempotencyKey = idempotencyKey ?? null
    let status = 200
    let body: unknown
    let replayable = true
    try {
      body = this.route(method, url.pathname, secretKey ? params : apiParams)
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error
      status = error.status
      body = { error: error.body }
      replayable = error.replayable
    }
    if (idempotencyKey && method === 'POST' && replayable) {
      this.idempotent.set(idempotencyKey, { fingerprint, status, body })
    }
    send(status, body)
  }

  /**
   * With the publishable key, as Stripe.js calls it, only an intent's retrieve and confirm are
   * allowed, and only with that intent's client secret.
   */
  private publishableKeyRefusal(method: string, path: string, clientSecret: unknown) {
    const [, resource, id, action] = path.split('/').filter(Boolean)
    const allowed =
      resource === 'payment_intents' &&
      id &&
      ((method === 'GET' && !action) || (method === 'POST' && action === 'confirm'))
    if (!allowed || !id) {
      return invalidRequest('This API call cannot be made with a publishable API key.', {
        status: 401,
        replayable: false,
      })
    }
    const intent = this.intents.get(id)
    if (!intent) return undefined
    if (clientSecret !== intent.client_secret) {
      return invalidRequest(
        'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
        { code: 'payment_intent_invalid_parameter', param: 'client_secret', replayable: false },
      )
    }
    return undefined
  }

  private route(method: string, path: string, params: Record<string, unknown>): unknown {
    const parts = path.split('/').filter(Boolean)
    if (parts[0] !== 'v1') throw notFoundRoute(method, path)
    const [, resource, id, action] = parts
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) return this.createIntent(params)
      if (!id) throw notFoundRoute(method, path)
      if (method === 'GET' && !action) return this.findIntent(id)
      if (method === 'POST' && !action) return this.updateIntent(this.findIntent(id), params)
      if (method === 'POST' && action === 'confirm') return this.confirmIntent(this.findIntent(id), params)
      if (method === 'POST' && action === 'capture') return this.captureIntent(this.findIntent(id), params)
      if (method === 'POST' && action === 'cancel') return this.cancelIntent(this.findIntent(id), params)
    }
    if (resource === 'refunds' && method === 'POST' && !id) return this.createRefund(params)
    throw notFoundRoute(method, path)
  }

  private createIntent(params: Record<string, unknown>): FakeIntent {
    const amount = requiredAmount(params, 'amount', 50)
    const currency = requiredString(params, 'currency').toLowerCase()
    if (!/^[a-z]{3}$/.test(currency))
      throw parameterError('parameter_invalid', 'currency', `Invalid currency: ${currency}.`)
    const captureMethod = optionalString(params, 'capture_method') ?? 'automatic'
    if (captureMethod !== 'automatic' && captureMethod !== 'manual') {
      throw parameterError(
        'parameter_invalid',
        'capture_method',
        'Invalid capture_method: must be one of automatic or manual.',
      )
    }
    const paymentMethod = optionalString(params, 'payment_method') ?? null
    if (paymentMethod) this.findPaymentMethod(paymentMethod)
    const id = newId('pi')
    const intent: FakeIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      metadata: metadataOf(params),
      payment_method: paymentMethod,
      last_payment_error: null,
      latest_charge: null,
      cancellation_reason: null,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    }
    this.intents.set(id, intent)
    this.emit('payment_intent.created', intent)
    if (params.confirm === 'true') return this.confirmIntent(intent, {})
    return structuredClone(intent)
  }

  private updateIntent(intent: FakeIntent, params: Record<string, unknown>): FakeIntent {
    if (!UPDATABLE.includes(intent.status)) throw unexpectedState(intent, 'update')
    if (params.amount !== undefined) intent.amount = requiredAmount(params, 'amount', 50)
    if (params.currency !== undefined) intent.currency = requiredString(params, 'currency').toLowerCase()
    if (params.metadata !== undefined) intent.metadata = { ...intent.metadata, ...metadataOf(params) }
    const paymentMethod = optionalString(params, 'payment_method')
    if (paymentMethod) {
      this.findPaymentMethod(paymentMethod)
      intent.payment_method = paymentMethod
      intent.status = 'requires_confirmation'
    }
    return structuredClone(intent)
  }

  private confirmIntent(intent: FakeIntent, params: Record<string, unknown>): FakeIntent {
    if (!UPDATABLE.includes(intent.status)) throw unexpectedState(intent, 'confirm')
    const paymentMethodId =
      cardPaymentMethod(params.payment_method_data) ??
      optionalString(params, 'payment_method') ??
      intent.payment_method
    if (!paymentMethodId) {
      throw invalidRequest(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
        { code: 'payment_intent_unexpected_state', replayable: false },
      )
    }
    const paymentMethod = this.findPaymentMethod(paymentMethodId)
    intent.payment_method = paymentMethodId
    if (paymentMethod.outcome === 'declined') {
      const error: StripeErrorBody = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: paymentMethod.decline,
        message:
          paymentMethod.decline === 'insufficient_funds'
            ? 'Your card has insufficient funds.'
            : 'Your card was declined.',
      }
      intent.status = 'requires_payment_method'
      intent.payment_method = null
      intent.last_payment_error = error
      this.emit('payment_intent.payment_failed', intent)
      throw new StripeFailure(402, { ...error, payment_intent: structuredClone(intent) })
    }
    intent.last_payment_error = null
    if (paymentMethod.outcome === 'requires_action') {
      intent.status = 'requires_action'
      this.emit('payment_intent.requires_action', intent)
      return structuredClone(intent)
    }
    const charge: Charge = { id: newId('ch'), amount: intent.amount, captured: 0, refunded: 0 }
    this.charges.set(charge.id, charge)
    intent.latest_charge = charge.id
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture'
      intent.amount_capturable = intent.amount
      this.emit('payment_intent.amount_capturable_updated', intent)
    } else {
      this.settle(intent, charge, intent.amount)
    }
    return structuredClone(intent)
  }

  private captureIntent(intent: FakeIntent, params: Record<string, unknown>): FakeIntent {
    if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'capture')
    const amount =
      params.amount_to_capture === undefined
        ? intent.amount_capturable
        : requiredAmount(params, 'amount_to_capture')
    if (amount > intent.amount_capturable) {
      throw invalidRequest(
        `The amount to capture (${amount}) cannot be greater than the amount capturable (${intent.amount_capturable}).`,
        { code: 'amount_too_large', param: 'amount_to_capture' },
      )
    }
    const charge = this.charges.get(intent.latest_charge ?? '') as Charge
    this.settle(intent, charge, amount)
    return structuredClone(intent)
  }

  /** Captures `amount`; Stripe releases the rest of an authorization captured in part. */
  private settle(intent: FakeIntent, charge: Charge, amount: number): void {
    charge.captured = amount
    intent.amount_received = amount
    intent.amount_capturable = 0
    intent.status = 'succeeded'
    this.emit('payment_intent.succeeded', intent)
  }

  private cancelIntent(intent: FakeIntent, params: Record<string, unknown>): FakeIntent {
    if (!CANCELABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel')
    intent.status = 'canceled'
    intent.amount_capturable = 0
    intent.cancellation_reason = optionalString(params, 'cancellation_reason') ?? null
    this.emit('payment_intent.canceled', intent)
    return structuredClone(intent)
  }

  private createRefund(params: Record<string, unknown>): FakeRefund {
    const intentId = requiredString(params, 'payment_intent')
    const intent = this.findIntent(intentId)
    const charge = this.charges.get(intent.latest_charge ?? '')
    if (intent.status !== 'succeeded' || !charge) {
      throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_captured',
      })
    }
    const refundable = charge.captured - charge.refunded
    if (refundable === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      })
    }
    const amount = params.amount === undefined ? refundable : requiredAmount(params, 'amount')
    if (amount > refundable) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
        {
          code: 'amount_too_large',
          param: 'amount',
        },
      )
    }
    charge.refunded += amount
    const refund: FakeRefund = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: 'succeeded',
      created: Math.floor(Date.now() / 1000),
    }
    this.refunds.set(refund.id, refund)
    this.emit('refund.created', refund)
    return { ...refund }
  }

  private findIntent(id: string): FakeIntent {
    const intent = this.intents.get(id)
    if (!intent) {
      throw invalidRequest(`No such payment_intent: '${id}'`, {
        status: 404,
        code: 'resource_missing',
        param: 'intent',
      })
    }
    return intent
  }

  private findPaymentMethod(id: string) {
    const paymentMethod = TEST_PAYMENT_METHODS[id]
    if (!paymentMethod) {
      throw invalidRequest(`No such PaymentMethod: '${id}'`, {
        code: 'resource_missing',
        param: 'payment_method',
      })
    }
    return paymentMethod
  }

  private emit(type: string, object: FakeIntent | FakeRefund): void {
    this.events.push({
      id: newId('evt'),
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      api_version: '2026-10-28.endive',
      livemode: false,
      pending_webhooks: 1,
      data: { object: structuredClone(object) },
      request: { id: newId('req'), idempotency_key: this.currentIdempotencyKey },
    })
  }
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`
}

function notFoundRoute(method: string, path: string): StripeFailure {
  return invalidRequest(`Unrecognized request URL (${method}: ${path}).`, { status: 404, replayable: false })
}

/** Stripe's invalid_request_error; parameter errors are not stored under the idempotency key (`replayable: false`). */
function invalidRequest(
  message: string,
  options: { status?: number; code?: string; param?: string; intent?: FakeIntent; replayable?: boolean } = {},
): StripeFailure {
  const { status = 400, code, param, intent, replayable = true } = options
  return new StripeFailure(
    status,
    {
      type: 'invalid_request_error',
      message,
      ...(code && { code }),
      ...(param && { param }),
      ...(intent && { payment_intent: structuredClone(intent) }),
    },
    replayable,
  )
}

function parameterError(code: string, param: string, message: string): StripeFailure {
  return invalidRequest(message, { code, param, replayable: false })
}

function requiredString(params: Record<string, unknown>, name: string): string {
  const value = params[name]
  if (value === undefined || value === '') {
    throw parameterError('parameter_missing', name, `Missing required param: ${name}.`)
  }
  if (typeof value !== 'string')
    throw parameterError('parameter_invalid', name, `Invalid string: ${JSON.stringify(value)}`)
  return value
}

function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  return params[name] === undefined ? undefined : requiredString(params, name)
}

/** A positive integer amount; charges (not captures or refunds) must be at least 50 minor units. */
function requiredAmount(params: Record<string, unknown>, name: string, minimum = 1): number {
  const raw = requiredString(params, name)
  if (!/^\d+$/.test(raw)) {
    throw parameterError('parameter_invalid_integer', name, `Invalid integer: ${raw}`)
  }
  const amount = Number(raw)
  if (amount < minimum) {
    throw parameterError('amount_too_small', name, `Amount must be at least ${minimum}`)
  }
  return amount
}

/** The card Stripe.js sends from its card field (`payment_method_data[card][number]`), as its test payment method. */
function cardPaymentMethod(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { type, card } = data as { type?: unknown; card?: { number?: unknown } }
  if (type !== 'card' || typeof card?.number !== 'string') return undefined
  const paymentMethod = TEST_CARDS[card.number.replace(/\s/g, '')]
  if (!paymentMethod) {
    throw new StripeFailure(402, {
      type: 'card_error',
      code: 'incorrect_number',
      param: 'number',
      message: 'Your card number is incorrect.',
    })
  }
  return paymentMethod
}

function metadataOf(params: Record<string, unknown>): Record<string, string> {
  const metadata = params.metadata
  if (metadata === undefined || metadata === '') return {}
  if (typeof metadata !== 'object' || metadata === null)
    throw parameterError('parameter_invalid', 'metadata', 'Invalid hash')
  return Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, String(value)]))
}

function unexpectedState(intent: FakeIntent, action: string): StripeFailure {
  return invalidRequest(
    `This PaymentIntent's ${action} could not be performed because it has a status of ${intent.status}.`,
    { code: 'payment_intent_unexpected_state', intent },
  )
}

export { fakeStripeJs } from './fake-stripe-js'
