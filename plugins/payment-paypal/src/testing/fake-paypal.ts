// A local fake of PayPal's REST API for the calls pp_paypal makes (OAuth, Orders v2, authorizations,
// captures, refunds, webhook verification), so that tests drive the real @paypal/paypal-server-sdk
// over real HTTP. It keeps state, answers with PayPal's status codes and error bodies, honours
// PayPal-Request-Id, can fail on purpose, and issues webhooks whose signature only its own
// verify-webhook-signature endpoint accepts, as PayPal's does.
import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { crc32 } from 'node:zlib'
import { FakeProviderServer, readBody, requestHeader } from '@shopwright/core/testing/fake-provider-server'
import { REVIEW_PATH } from './fake-paypal-js'

export interface PayPalMoney {
  currency_code: string
  value: string
}

interface Link {
  href: string
  rel: string
  method: 'GET' | 'POST' | 'PATCH'
}

export interface FakeAuthorization {
  id: string
  status: 'CREATED' | 'CAPTURED' | 'PARTIALLY_CAPTURED' | 'VOIDED' | 'DENIED'
  amount: PayPalMoney
  expiration_time: string
  create_time: string
  supplementary_data: { related_ids: { order_id: string } }
  links: Link[]
}

export interface FakeCapture {
  id: string
  status: 'COMPLETED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED'
  amount: PayPalMoney
  final_capture: boolean
  create_time: string
  supplementary_data: { related_ids: { order_id: string; authorization_id: string } }
  links: Link[]
}

export interface FakeRefund {
  id: string
  status: 'COMPLETED'
  amount: PayPalMoney
  create_time: string
  links: Link[]
}

export interface FakeOrder {
  id: string
  intent: 'AUTHORIZE' | 'CAPTURE'
  status: 'CREATED' | 'APPROVED' | 'COMPLETED' | 'VOIDED'
  purchase_units: {
    reference_id: string
    amount: PayPalMoney
    custom_id?: string
    payments?: { authorizations: FakeAuthorization[]; captures: FakeCapture[]; refunds: FakeRefund[] }
  }[]
  payer?: { email_address: string; payer_id: string }
  create_time: string
  links: Link[]
}

export interface FakeWebhookEvent {
  id: string
  event_version: '1.0'
  create_time: string
  resource_type: 'authorization' | 'capture' | 'refund'
  resource_version: '2.0'
  event_type: string
  summary: string
  resource: FakeAuthorization | FakeCapture | FakeRefund
  links: Link[]
}

export interface RecordedRequest {
  method: string
  path: string
  requestId: string | undefined
  body: unknown
  status: number
}

export interface FakePayPalOptions {
  clientId: string
  clientSecret: string
  webhookId: string
}

interface ErrorBody {
  name: string
  message: string
  debug_id: string
  details?: { issue: string; description: string; field?: string; location?: string }[]
  links: Link[]
}

class PayPalFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message)
  }
}

/** How the buyer's funding instrument behaves when the order is authorized. */
export type BuyerInstrument = 'good' | 'declined'

const DECIMALS: Record<string, number> = { JPY: 0, HUF: 0, TWD: 0 }

export class FakePayPal extends FakeProviderServer {
  readonly requests: RecordedRequest[] = []
  readonly events: FakeWebhookEvent[] = []
  private readonly tokens = new Set<string>()
  private readonly orders = new Map<string, FakeOrder>()
  private readonly instruments = new Map<string, BuyerInstrument>()
  private readonly authorizations = new Map<string, FakeAuthorization>()
  private readonly captures = new Map<string, FakeCapture>()
  private readonly capturesRefunded = new Map<string, number>()
  private readonly deniedCaptures = new Set<string>()
  /** Successful answers by PayPal-Request-Id: a repeated request gets the first answer again. */
  private readonly replies = new Map<string, { status: number; body: unknown }>()
  /** Transmissions this fake sent: verify-webhook-signature says SUCCESS only for these. */
  private readonly transmissions = new Map<
    string,
    { time: string; sig: string; certUrl: string; authAlgo: string }
  >()
  private readonly signingKey = randomBytes(32)

  constructor(readonly options: FakePayPalOptions) {
    super('FakePayPal')
  }

  /** The buyer approves the order on PayPal's page (what opening the approval link does), paying with `instrument`. */
  approve(orderId: string, instrument: BuyerInstrument = 'good'): void {
    const order = this.orders.get(orderId)
    if (!order) throw new Error(`FakePayPal has no order ${orderId}`)
    order.status = 'APPROVED'
    order.payer = { email_address: 'buyer@example.com', payer_id: newId('PAYER', 13) }
    this.instruments.set(orderId, instrument)
  }

  /** Captures of this authorization will be declined by the buyer's bank. */
  declineCapturesOf(authorizationId: string): void {
    this.deniedCaptures.add(authorizationId)
  }

  order(id: string): FakeOrder | undefined {
    const order = this.orders.get(id)
    return order && structuredClone(order)
  }

  /** The last event of this type about this PayPal order. */
  lastEvent(eventType: string, orderId: string): FakeWebhookEvent {
    const event = this.events.findLast(
      (candidate) =>
        candidate.event_type === eventType &&
        'supplementary_data' in candidate.resource &&
        candidate.resource.supplementary_data.related_ids.order_id === orderId,
    )
    if (!event) throw new Error(`FakePayPal sent no ${eventType} for ${orderId}`)
    return event
  }

  /** A webhook delivery as PayPal sends it: the JSON body and its transmission headers. */
  deliver(event: FakeWebhookEvent): { rawBody: Buffer; headers: Record<string, string> } {
    const rawBody = JSON.stringify(event)
    const id = randomBytes(16).toString('hex')
    const time = new Date().toISOString()
    const certUrl = `${this.url}/v1/notifications/certs/CERT-fake`
    const authAlgo = 'SHA256withRSA'
    const sig = this.sign(id, time, this.options.webhookId, rawBody)
    this.transmissions.set(id, { time, sig, certUrl, authAlgo })
    return {
      rawBody: Buffer.from(rawBody),
      headers: {
        'content-type': 'application/json',
        'paypal-transmission-id': id,
        'paypal-transmission-time': time,
        'paypal-transmission-sig': sig,
        'paypal-cert-url': certUrl,
        'paypal-auth-algo': authAlgo,
      },
    }
  }

  /**
   * The window PayPal's JS SDK opens for the buyer: GET shows the order with "Pay Now" and "Cancel";
   * paying approves the order and tells the shop's page (the window's opener) so, as PayPal's does.
   */
  private reviewPage(method: string, token: string): { status: number; body: string } {
    const order = this.orders.get(token)
    if (order?.status !== 'CREATED') return { status: 404, body: '<h1>This order cannot be paid</h1>' }
    if (method === 'POST') {
      this.approve(token)
      const approved = JSON.stringify({
        source: 'fake-paypal',
        event: 'approved',
        orderID: token,
        payerID: order.payer?.payer_id,
      })
      // PayPal's script in the shop's page closes this window when it hears of the approval.
      return {
        status: 200,
        body: `<p>Payment approved.</p><script>window.opener.postMessage(${approved}, '*')</script>`,
      }
    }
    const amount = order.purchase_units[0]?.amount
    return {
      status: 200,
      body: `<h1>Pay ${amount?.value} ${amount?.currency_code}</h1>
      <form method="post"><button type="submit">Pay Now</button></form>
      <button type="button" onclick="window.close()">Cancel and return to the store</button>`,
    }
  }

  private sign(transmissionId: string, time: string, webhookId: string, body: string): string {
    const message = `${transmissionId}|${time}|${webhookId}|${crc32(body)}`
    return createHmac('sha256', this.signingKey).update(message).digest('base64')
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://fake')
    const method = req.method ?? 'GET'
    const requestId = requestHeader(req, 'paypal-request-id')
    const record: RecordedRequest = { method, path: url.pathname, requestId, body: raw, status: 0 }
    this.requests.push(record)
    const send = (status: number, body?: unknown) => {
      record.status = status
      res.writeHead(status, {
        'content-type': 'application/json',
        'paypal-debug-id': newId('', 13).toLowerCase(),
      })
      res.end(body === undefined ? undefined : JSON.stringify(body))
    }

    if (method === 'POST' && url.pathname === '/v1/oauth2/token') return this.issueToken(req, raw, send)
    if (method === 'GET' && url.pathname === '/checkoutnow') {
      const token = url.searchParams.get('token') ?? ''
      if (!this.orders.has(token))
        return send(404, failureBody('RESOURCE_NOT_FOUND', 'Unknown checkout token'))
      this.approve(token)
      return send(200, { approved: token })
    }
    if (url.pathname === REVIEW_PATH) {
      const page = this.reviewPage(method, url.searchParams.get('token') ?? '')
      record.status = page.status
      res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        `<!doctype html><html lang="en"><head><title>FakePayPal</title></head><body>${page.body}</body></html>`,
      )
      return
    }
    const bearer = requestHeader(req, 'authorization')?.replace(/^Bearer /, '')
    if (!bearer || !this.tokens.has(bearer)) {
      return send(401, {
        name: 'AUTHENTICATION_FAILURE',
        message:
          'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
        debug_id: newId('', 13).toLowerCase(),
        links: [],
      })
    }
    const failure = this.takeFailure()
    if (failure) {
      return send(failure, failureBody('INTERNAL_SERVER_ERROR', 'An internal server error occurred.'))
    }

    const replayKey = requestId && `${method} ${url.pathname} ${requestId}`
    const saved = replayKey ? this.replies.get(replayKey) : undefined
    if (saved) return send(saved.status, saved.body)

    let status: number
    let body: unknown
    try {
      let parsed: unknown
      try {
        parsed = raw ? JSON.parse(raw) : undefined
      } catch {
        throw invalidRequest('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.')
      }
      record.body = parsed
      ;[status, body] = this.route(method, url.pathname, parsed)
    } catch (error) {
      if (!(error instanceof PayPalFailure)) throw error
      status = error.status
      body = error.body
    }
    if (replayKey && status < 300) this.replies.set(replayKey, { status, body })
    send(status, body)
  }

  private issueToken(req: IncomingMessage, raw: string, send: (status: number, body: unknown) => void): void {
    const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`
    if (requestHeader(req, 'authorization') !== expected) {
      send(401, { error: 'invalid_client', error_description: 'Client Authentication failed' })
      return
    }
    if (new URLSearchParams(raw).get('grant_type') !== 'client_credentials') {
      send(400, { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' })
      return
    }
    const token = `A21AA${randomBytes(24).toString('base64url')}`
    this.tokens.add(token)
    send(200, {
      scope: 'https://uri.paypal.com/services/payments/payment',
      access_token: token,
      token_type: 'Bearer',
      app_id: 'APP-80W284485P519543T',
      expires_in: 32_400,
      nonce: newId('', 20),
    })
  }

  private route(method: string, path: string, body: unknown): [number, unknown] {
    const parts = path.split('/').filter(Boolean)
    if (method === 'POST' && path === '/v2/checkout/orders') return [201, this.createOrder(body)]
    if (parts[0] === 'v2' && parts[1] === 'checkout' && parts[2] === 'orders' && parts[3]) {
      const order = this.findOrder(parts[3])
      if (method === 'GET' && !parts[4]) return [200, structuredClone(order)]
      if (method === 'PATCH' && !parts[4]) return [204, this.patchOrder(order, body)]
      if (method === 'POST' && parts[4] === 'authorize') return [201, this.authorizeOrder(order)]
    }
    if (parts[0] === 'v2' && parts[1] === 'payments' && parts[2] === 'authorizations' && parts[3]) {
      const authorization = this.find(this.authorizations, parts[3])
      if (method === 'GET' && !parts[4]) return [200, structuredClone(authorization)]
      if (method === 'POST' && parts[4] === 'capture') return [201, this.capture(authorization, body)]
      if (method === 'POST' && parts[4] === 'void') return [204, this.void(authorization)]
    }
    if (
      method === 'POST' &&
      parts[0] === 'v2' &&
      parts[2] === 'captures' &&
      parts[3] &&
      parts[4] === 'refund'
    ) {
      return [201, this.refund(this.find(this.captures, parts[3]), body)]
    }
    if (method === 'POST' && path === '/v1/notifications/verify-webhook-signature') {
      return [200, this.verifyWebhookSignature(body)]
    }
    throw new PayPalFailure(404, failureBody('RESOURCE_NOT_FOUND', 'The specified resource does not exist.'))
  }

  private createOrder(body: unknown): FakeOrder {
    const request = asObject(body, '')
    if (request.intent !== 'AUTHORIZE' && request.intent !== 'CAPTURE') {
      throw invalidRequest('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', '/intent')
    }
    const units = request.purchase_units
    if (!Array.isArray(units) || units.length !== 1) {
      throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field is missing.', '/purchase_units')
    }
    const unit = asObject(units[0], '/purchase_units/0')
    const amount = money(unit.amount, "/purchase_units/@reference_id=='default'/amount")
    const id = newId('', 17)
    const order: FakeOrder = {
      id,
      intent: request.intent,
      status: 'CREATED',
      purchase_units: [
        {
          reference_id: typeof unit.reference_id === 'string' ? unit.reference_id : 'default',
          amount,
          ...(typeof unit.custom_id === 'string' && { custom_id: unit.custom_id }),
        },
      ],
      create_time: new Date().toISOString(),
      links: [
        { href: `${this.url}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.url}/checkoutnow?token=${id}`, rel: 'approve', method: 'GET' },
        { href: `${this.url}/v2/checkout/orders/${id}`, rel: 'update', method: 'PATCH' },
        { href: `${this.url}/v2/checkout/orders/${id}/authorize`, rel: 'authorize', method: 'POST' },
      ],
    }
    this.orders.set(id, order)
    return structuredClone(order)
  }

  private patchOrder(order: FakeOrder, body: unknown): undefined {
    if (order.status !== 'CREATED' && order.status !== 'APPROVED') {
      throw unprocessable(
        'ORDER_COMPLETED_OR_VOIDED',
        'Order is voided or completed and hence cannot be patched.',
      )
    }
    if (!Array.isArray(body))
      throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field is invalid.')
    for (const patch of body) {
      const operation = asObject(patch, '/0')
      if (
        operation.op !== 'replace' ||
        operation.path !== "/purchase_units/@reference_id=='default'/amount"
      ) {
        throw unprocessable('PATCH_PATH_REQUIRED', 'The patch path is not supported by this fake.')
      }
      const unit = order.purchase_units[0]
      if (unit) unit.amount = money(operation.value, operation.path)
    }
    return undefined
  }

  private authorizeOrder(order: FakeOrder): FakeOrder {
    if (order.intent !== 'AUTHORIZE') {
      throw unprocessable('ACTION_DOES_NOT_MATCH_INTENT', 'Order was created with an intent to CAPTURE.')
    }
    if (order.status === 'COMPLETED') {
      throw unprocessable('ORDER_ALREADY_AUTHORIZED', 'Order already authorized.')
    }
    if (order.status !== 'APPROVED') {
      throw unprocessable('ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.')
    }
    if (this.instruments.get(order.id) === 'declined') {
      throw unprocessable(
        'INSTRUMENT_DECLINED',
        "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
      )
    }
    const unit = order.purchase_units[0] as FakeOrder['purchase_units'][number]
    const id = newId('', 17)
    const authorization: FakeAuthorization = {
      id,
      status: 'CREATED',
      amount: { ...unit.amount },
      expiration_time: new Date(Date.now() + 29 * 86_400_000).toISOString(),
      create_time: new Date().toISOString(),
      supplementary_data: { related_ids: { order_id: order.id } },
      links: [
        { href: `${this.url}/v2/payments/authorizations/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.url}/v2/payments/authorizations/${id}/capture`, rel: 'capture', method: 'POST' },
        { href: `${this.url}/v2/payments/authorizations/${id}/void`, rel: 'void', method: 'POST' },
      ],
    }
    this.authorizations.set(id, authorization)
    unit.payments = { authorizations: [authorization], captures: [], refunds: [] }
    order.status = 'COMPLETED'
    this.emit('PAYMENT.AUTHORIZATION.CREATED', 'authorization', authorization)
    return structuredClone(order)
  }

  private capture(authorization: FakeAuthorization, body: unknown): FakeCapture {
    if (authorization.status === 'VOIDED') {
      throw unprocessable(
        'AUTHORIZATION_VOIDED',
        'A voided authorization cannot be captured or reauthorized.',
      )
    }
    if (authorization.status === 'CAPTURED') {
      throw unprocessable('AUTHORIZATION_ALREADY_CAPTURED', 'Authorization has been previously captured.')
    }
    const request = body === undefined ? {} : asObject(body, '')
    const authorized = minor(authorization.amount)
    const alreadyCaptured = this.capturesOf(authorization.id).reduce(
      (sum, capture) => sum + minor(capture.amount),
      0,
    )
    const amount =
      request.amount === undefined
        ? {
            currency_code: authorization.amount.currency_code,
            value: major(authorized - alreadyCaptured, authorization.amount.currency_code),
          }
        : money(request.amount, '/amount')
    if (amount.currency_code !== authorization.amount.currency_code) {
      throw unprocessable(
        'CURRENCY_MISMATCH',
        'Currency of capture must be the same as currency of authorization.',
      )
    }
    if (minor(amount) > authorized - alreadyCaptured) {
      throw unprocessable(
        'MAX_CAPTURE_AMOUNT_EXCEEDED',
        'Capture amount exceeds allowable limit. Please contact customer service or your account manager to request the change to your overage limit.',
      )
    }
    const finalCapture = request.final_capture === true || minor(amount) === authorized - alreadyCaptured
    const declined = this.deniedCaptures.has(authorization.id)
    const id = newId('', 17)
    const capture: FakeCapture = {
      id,
      status: declined ? 'DECLINED' : 'COMPLETED',
      amount,
      final_capture: finalCapture,
      create_time: new Date().toISOString(),
      supplementary_data: {
        related_ids: {
          order_id: authorization.supplementary_data.related_ids.order_id,
          authorization_id: authorization.id,
        },
      },
      links: [
        { href: `${this.url}/v2/payments/captures/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.url}/v2/payments/captures/${id}/refund`, rel: 'refund', method: 'POST' },
      ],
    }
    this.captures.set(id, capture)
    this.orderOf(authorization)?.captures.push(capture)
    if (!declined) authorization.status = finalCapture ? 'CAPTURED' : 'PARTIALLY_CAPTURED'
    this.emit(declined ? 'PAYMENT.CAPTURE.DENIED' : 'PAYMENT.CAPTURE.COMPLETED', 'capture', capture)
    return structuredClone(capture)
  }

  private void(authorization: FakeAuthorization): undefined {
    if (authorization.status === 'VOIDED') {
      throw unprocessable(
        'PREVIOUSLY_VOIDED',
        'Authorization has been previously voided and hence cannot be voided again.',
      )
    }
    if (authorization.status === 'CAPTURED') {
      throw unprocessable(
        'PREVIOUSLY_CAPTURED',
        'Authorization has been previously captured and hence cannot be voided.',
      )
    }
    authorization.status = 'VOIDED'
    const order = this.orders.get(authorization.supplementary_data.related_ids.order_id)
    if (order && this.capturesOf(authorization.id).length === 0) order.status = 'VOIDED'
    this.emit('PAYMENT.AUTHORIZATION.VOIDED', 'authorization', authorization)
    return undefined
  }

  private refund(capture: FakeCapture, body: unknown): FakeRefund {
    if (capture.status === 'DECLINED')
      throw unprocessable('CAPTURE_DECLINED', 'A declined capture cannot be refunded.')
    const refunded = this.capturesRefunded.get(capture.id) ?? 0
    const refundable = minor(capture.amount) - refunded
    if (refundable === 0)
      throw unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.')
    const request = body === undefined ? {} : asObject(body, '')
    const amount =
      request.amount === undefined
        ? {
            currency_code: capture.amount.currency_code,
            value: major(refundable, capture.amount.currency_code),
          }
        : money(request.amount, '/amount')
    if (minor(amount) > refundable) {
      throw unprocessable(
        'REFUND_AMOUNT_EXCEEDED',
        'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
      )
    }
    this.capturesRefunded.set(capture.id, refunded + minor(amount))
    capture.status = refunded + minor(amount) === minor(capture.amount) ? 'REFUNDED' : 'PARTIALLY_REFUNDED'
    const id = newId('', 17)
    const refund: FakeRefund = {
      id,
      status: 'COMPLETED',
      amount,
      create_time: new Date().toISOString(),
      links: [
        { href: `${this.url}/v2/payments/refunds/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.url}/v2/payments/captures/${capture.id}`, rel: 'up', method: 'GET' },
      ],
    }
    const payments = this.orderOf(
      this.find(this.authorizations, capture.supplementary_data.related_ids.authorization_id),
    )
    payments?.refunds.push(refund)
    this.emit('PAYMENT.CAPTURE.REFUNDED', 'refund', refund)
    return structuredClone(refund)
  }

  private verifyWebhookSignature(body: unknown): { verification_status: 'SUCCESS' | 'FAILURE' } {
    const request = asObject(body, '')
    for (const field of [
      'auth_algo',
      'cert_url',
      'transmission_id',
      'transmission_sig',
      'transmission_time',
      'webhook_id',
    ]) {
      if (typeof request[field] !== 'string') {
        throw new PayPalFailure(400, {
          ...failureBody('VALIDATION_ERROR', 'Invalid request - see details'),
          details: [
            {
              field,
              location: 'body',
              issue: 'MISSING_REQUIRED_PARAMETER',
              description: `${field} is required`,
            },
          ],
        })
      }
    }
    if (typeof request.webhook_event !== 'object' || request.webhook_event === null) {
      throw new PayPalFailure(400, {
        ...failureBody('VALIDATION_ERROR', 'Invalid request - see details'),
        details: [
          {
            field: 'webhook_event',
            location: 'body',
            issue: 'MISSING_REQUIRED_PARAMETER',
            description: 'webhook_event is required',
          },
        ],
      })
    }
    const sent = this.transmissions.get(String(request.transmission_id))
    const matches =
      sent !== undefined &&
      request.webhook_id === this.options.webhookId &&
      sent.time === request.transmission_time &&
      sent.certUrl === request.cert_url &&
      sent.authAlgo === request.auth_algo &&
      sent.sig === request.transmission_sig &&
      this.sign(
        String(request.transmission_id),
        sent.time,
        this.options.webhookId,
        JSON.stringify(request.webhook_event),
      ) === sent.sig
    return { verification_status: matches ? 'SUCCESS' : 'FAILURE' }
  }

  private findOrder(id: string): FakeOrder {
    return this.find(this.orders, id)
  }

  private find<T>(map: Map<string, T>, id: string): T {
    const found = map.get(id)
    if (!found) {
      throw new PayPalFailure(404, {
        ...failureBody('RESOURCE_NOT_FOUND', 'The specified resource does not exist.'),
        details: [
          {
            issue: 'INVALID_RESOURCE_ID',
            description: 'Specified resource ID does not exist. Please check the resource ID and try again.',
          },
        ],
      })
    }
    return found
  }

  private orderOf(authorization: FakeAuthorization) {
    return this.orders.get(authorization.supplementary_data.related_ids.order_id)?.purchase_units[0]?.payments
  }

  private capturesOf(authorizationId: string): FakeCapture[] {
    return [...this.captures.values()].filter(
      (capture) =>
        capture.supplementary_data.related_ids.authorization_id === authorizationId &&
        capture.status !== 'DECLINED',
    )
  }

  private emit(
    eventType: string,
    resourceType: FakeWebhookEvent['resource_type'],
    resource: FakeWebhookEvent['resource'],
  ): void {
    this.events.push({
      id: newId('WH-', 17),
      event_version: '1.0',
      create_time: new Date().toISOString(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: eventType,
      summary: `${eventType} for ${resource.id}`,
      resource: structuredClone(resource),
      links: [],
    })
  }
}

function newId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
  const bytes = randomBytes(length)
  return prefix + Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
}

function failureBody(name: string, message: string): ErrorBody {
  return { name, message, debug_id: newId('', 13).toLowerCase(), links: [] }
}

function invalidRequest(issue: string, description: string, field?: string): PayPalFailure {
  return new PayPalFailure(400, {
    ...failureBody(
      'INVALID_REQUEST',
      'Request is not well-formed, syntactically incorrect, or violates schema.',
    ),
    details: [{ issue, description, ...(field && { field, location: 'body' }) }],
  })
}

function unprocessable(issue: string, description: string): PayPalFailure {
  return new PayPalFailure(422, {
    ...failureBody(
      'UNPROCESSABLE_ENTITY',
      'The requested action could not be performed, semantically incorrect, or failed business validation.',
    ),
    details: [{ issue, description }],
  })
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(
      'INVALID_PARAMETER_SYNTAX',
      'The value of a field does not conform to the expected format.',
      field,
    )
  }
  return value as Record<string, unknown>
}

function money(value: unknown, field: string): PayPalMoney {
  const amount = asObject(value, field)
  if (typeof amount.currency_code !== 'string' || !/^[A-Z]{3}$/.test(amount.currency_code)) {
    throw invalidRequest(
      'INVALID_PARAMETER_VALUE',
      'The value of a field is invalid.',
      `${field}/currency_code`,
    )
  }
  if (typeof amount.value !== 'string' || !/^\d+(\.\d+)?$/.test(amount.value)) {
    throw invalidRequest(
      'INVALID_PARAMETER_SYNTAX',
      'The value of a field does not conform to the expected format.',
      `${field}/value`,
    )
  }
  const decimals = amount.value.split('.')[1]?.length ?? 0
  if (decimals > (DECIMALS[amount.currency_code] ?? 2)) {
    throw invalidRequest(
      'DECIMAL_PRECISION',
      'If the currency supports decimals, only two decimal place precision is supported.',
      `${field}/value`,
    )
  }
  if (Number(amount.value) <= 0) {
    throw unprocessable('AMOUNT_MUST_BE_POSITIVE', 'The amount must be greater than zero.')
  }
  return { currency_code: amount.currency_code, value: amount.value }
}

/** An amount in the currency's minor unit, for comparing. */
function minor(amount: PayPalMoney): number {
  return Math.round(Number(amount.value) * 10 ** (DECIMALS[amount.currency_code] ?? 2))
}

function major(minorAmount: number, currencyCode: string): string {
  const decimals = DECIMALS[currencyCode] ?? 2
  return (minorAmount / 10 ** decimals).toFixed(decimals)
}

export { fakePayPalJs } from './fake-paypal-js'
