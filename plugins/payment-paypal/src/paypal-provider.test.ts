// pp_paypal through the real @paypal/paypal-server-sdk against a local fake of PayPal's API.
import { randomUUID } from 'node:crypto'
import {
  InvalidDataError,
  NotFoundError,
  PaymentDeclinedError,
  PaymentProviderUnavailableError,
  type PaymentResult,
  WebhookSignatureError,
} from '@shopwright/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PayPalPaymentProvider, paypalOptionsSchema } from './paypal-provider'
import { FakePayPal } from './testing/fake-paypal'

const credentials = {
  clientId: 'shopwright-client',
  clientSecret: 'shopwright-secret',
  webhookId: 'WH-SHOPWRIGHT',
}
const fake = new FakePayPal(credentials)
let provider: PayPalPaymentProvider

function providerWith(options: Record<string, unknown> = {}): PayPalPaymentProvider {
  return new PayPalPaymentProvider(
    paypalOptionsSchema.parse({ ...credentials, apiBase: fake.url, retryIntervalSeconds: 0.05, ...options }),
  )
}

function context() {
  return { idempotency_key: randomUUID() }
}

async function initiate(amount = 10_000, currency_code = 'usd') {
  return provider.initiatePayment({ amount, currency_code, context: context() })
}

/** The buyer opens the approval link and approves, as the PayPal button does. */
async function buyerApproves(approvalUrl: unknown): Promise<void> {
  const response = await fetch(String(approvalUrl))
  expect(response.status).toBe(200)
}

async function authorizedPayment(amount = 10_000): Promise<PaymentResult> {
  const session = await initiate(amount)
  await buyerApproves(session.data.approval_url)
  return provider.authorizePayment({ data: session.data, context: context() })
}

beforeAll(async () => {
  await fake.start()
  provider = providerWith({ maxNetworkRetries: 1 })
})

afterEach(() => {
  fake.clearFailures()
})

afterAll(async () => {
  await fake.stop()
})

describe('a payment session', () => {
  it('creates a PayPal order to authorize and gives the storefront the approval link', async () => {
    const key = randomUUID()

    const session = await provider.initiatePayment({
      amount: 4_250,
      currency_code: 'eur',
      context: { idempotency_key: key },
    })

    expect(session.status).toBe('pending')
    expect(session.data).toMatchObject({
      id: session.id,
      approval_url: `${fake.url}/checkoutnow?token=${session.id}`,
      amount: 4_250,
      currency_code: 'EUR',
    })
    expect(fake.order(session.id)).toMatchObject({
      intent: 'AUTHORIZE',
      status: 'CREATED',
      purchase_units: [{ amount: { currency_code: 'EUR', value: '42.50' }, custom_id: key }],
    })
    const created = fake.requests.filter((request) => request.path === '/v2/checkout/orders')
    expect(created.at(-1)?.requestId).toBe(`${key}:create`)
  })

  it('sends amounts in the currency’s own decimals', async () => {
    const session = await initiate(1_500, 'jpy')

    expect(fake.order(session.id)?.purchase_units[0]?.amount).toEqual({ currency_code: 'JPY', value: '1500' })
  })

  it('initiated twice with one idempotency key is one PayPal order', async () => {
    const input = { amount: 1_000, currency_code: 'usd', context: context() }

    const first = await provider.initiatePayment(input)
    const second = await provider.initiatePayment(input)

    expect(second.id).toBe(first.id)
  })

  it('follows a new cart total before the buyer approves', async () => {
    const session = await initiate(5_000)

    const updated = await provider.updatePayment({
      data: session.data,
      amount: 6_510,
      currency_code: 'usd',
      context: context(),
    })

    expect(updated.data.amount).toBe(6_510)
    expect(fake.order(session.id)?.purchase_units[0]?.amount.value).toBe('65.10')
  })
})

describe('authorizing', () => {
  it('authorizes an order the buyer approved', async () => {
    const authorized = await authorizedPayment(7_500)

    expect(authorized.status).toBe('authorized')
    const order = fake.order(String(authorized.data.id))
    expect(order?.status).toBe('COMPLETED')
    expect(authorized.data.authorization_id).toBe(order?.purchase_units[0]?.payments?.authorizations[0]?.id)
  })

  it('needs more from a buyer who has not approved yet', async () => {
    const session = await initiate(3_000)

    const result = await provider.authorizePayment({ data: session.data, context: context() })

    expect(result.status).toBe('requires_more')
    expect(fake.order(session.id)?.status).toBe('CREATED')
  })

  it('turns a declined funding instrument into a PaymentDeclinedError', async () => {
    const session = await initiate(3_000)
    fake.approve(session.id, 'declined')

    const authorizing = provider.authorizePayment({ data: session.data, context: context() })

    await expect(authorizing).rejects.toThrow(PaymentDeclinedError)
    expect(fake.order(session.id)?.purchase_units[0]?.payments).toBeUndefined()
  })

  it('two authorizations at once make one PayPal authorization, and both report it', async () => {
    const session = await initiate(2_500)
    await buyerApproves(session.data.approval_url)

    const results = await Promise.all([
      provider.authorizePayment({ data: session.data, context: context() }),
      provider.authorizePayment({ data: session.data, context: context() }),
    ])

    expect(results.map((result) => result.status)).toEqual(['authorized', 'authorized'])
    const authorizations = fake.order(session.id)?.purchase_units[0]?.payments?.authorizations ?? []
    expect(authorizations).toHaveLength(1)
    expect(results.map((result) => result.data.authorization_id)).toEqual([
      authorizations[0]?.id,
      authorizations[0]?.id,
    ])
  })

  it('authorizing again reads the authorization PayPal already made', async () => {
    const authorized = await authorizedPayment(2_000)

    const again = await provider.authorizePayment({ data: authorized.data, context: context() })

    expect(again.status).toBe('authorized')
    expect(fake.order(String(authorized.data.id))?.purchase_units[0]?.payments?.authorizations).toHaveLength(
      1,
    )
  })
})

describe('capturing, refunding and voiding', () => {
  it('captures part of an authorization, refunds part of it, then the rest', async () => {
    const authorized = await authorizedPayment(10_000)
    const id = String(authorized.data.id)

    const captured = await provider.capturePayment({
      data: authorized.data,
      amount: 6_000,
      context: context(),
    })
    expect(captured.status).toBe('captured')
    expect(fake.order(id)?.purchase_units[0]?.payments?.captures.map((c) => c.amount.value)).toEqual([
      '60.00',
    ])

    const partly = await provider.refundPayment({
      data: captured.data,
      amount: 2_550,
      currency_code: 'usd',
      context: context(),
    })
    const fully = await provider.refundPayment({
      data: partly.data,
      amount: 3_450,
      currency_code: 'usd',
      context: context(),
    })

    expect(fake.order(id)?.purchase_units[0]?.payments?.refunds.map((r) => r.amount.value)).toEqual([
      '25.50',
      '34.50',
    ])
    expect(fake.order(id)?.purchase_units[0]?.payments?.captures[0]?.status).toBe('REFUNDED')
    await expect(
      provider.refundPayment({ data: fully.data, amount: 1, currency_code: 'usd', context: context() }),
    ).rejects.toThrow(InvalidDataError)
  })

  it('captures the whole authorization when no amount is given', async () => {
    const authorized = await authorizedPayment(8_800)

    const captured = await provider.capturePayment({ data: authorized.data, context: context() })

    expect(captured.data.captures).toEqual([{ id: expect.any(String), amount: 8_800 }])
  })

  it('passes on PayPal refusing to capture more than was authorized', async () => {
    const authorized = await authorizedPayment(2_000)

    const capturing = provider.capturePayment({ data: authorized.data, amount: 2_001, context: context() })

    await expect(capturing).rejects.toThrow(/Capture amount exceeds allowable limit/)
    expect(fake.order(String(authorized.data.id))?.purchase_units[0]?.payments?.captures).toEqual([])
  })

  it('refuses a refund larger than what was captured, without asking PayPal', async () => {
    const authorized = await authorizedPayment(2_000)
    const captured = await provider.capturePayment({
      data: authorized.data,
      amount: 1_500,
      context: context(),
    })
    const asked = fake.requests.length

    const refunding = provider.refundPayment({
      data: captured.data,
      amount: 1_600,
      currency_code: 'usd',
      context: context(),
    })

    await expect(refunding).rejects.toThrow(/exceeds what was captured and not yet refunded/)
    expect(fake.requests.length).toBe(asked)
  })

  it('passes on PayPal refusing a refund that session data thought possible', async () => {
    const authorized = await authorizedPayment(2_000)
    const captured = await provider.capturePayment({
      data: authorized.data,
      amount: 1_500,
      context: context(),
    })
    const [capture] = captured.data.captures as { id: string; amount: number }[]
    const overstated = { ...captured.data, captures: [{ id: capture?.id, amount: 2_000 }] }

    const refunding = provider.refundPayment({
      data: overstated,
      amount: 1_600,
      currency_code: 'usd',
      context: context(),
    })

    await expect(refunding).rejects.toThrow(/must be less than or equal to the capture amount/)
    expect(fake.order(String(authorized.data.id))?.purchase_units[0]?.payments?.refunds).toEqual([])
  })

  it('a capture of an authorization already captured elsewhere answers with it as captured', async () => {
    const authorized = await authorizedPayment(4_000)
    await provider.capturePayment({ data: authorized.data, context: context() })

    const again = await provider.capturePayment({ data: authorized.data, context: context() })

    expect(again.status).toBe('captured')
    expect(fake.order(String(authorized.data.id))?.purchase_units[0]?.payments?.captures).toHaveLength(1)
  })

  it('turns a capture the bank declines into a PaymentDeclinedError', async () => {
    const authorized = await authorizedPayment(4_000)
    fake.declineCapturesOf(String(authorized.data.authorization_id))

    const capturing = provider.capturePayment({ data: authorized.data, context: context() })

    await expect(capturing).rejects.toThrow(PaymentDeclinedError)
  })

  it('voids an authorization, and voiding again changes nothing', async () => {
    const authorized = await authorizedPayment(5_000)

    const canceled = await provider.cancelPayment({ data: authorized.data, context: context() })
    const again = await provider.cancelPayment({ data: authorized.data, context: context() })

    expect([canceled.status, again.status]).toEqual(['canceled', 'canceled'])
    const order = fake.order(String(authorized.data.id))
    expect(order?.status).toBe('VOIDED')
    expect(order?.purchase_units[0]?.payments?.authorizations[0]?.status).toBe('VOIDED')
  })

  it('reads the status of a payment from PayPal', async () => {
    const authorized = await authorizedPayment(5_000)
    await provider.capturePayment({ data: authorized.data, context: context() })

    const status = await provider.getPaymentStatus({ data: { id: authorized.data.id }, context: context() })

    expect(status.status).toBe('captured')
    expect(status.data.captures).toEqual([{ id: expect.any(String), amount: 5_000 }])
  })

  it('answers an unknown PayPal order with not found', async () => {
    await expect(provider.getPaymentStatus({ data: { id: 'NOPE' }, context: context() })).rejects.toThrow(
      NotFoundError,
    )
  })
})

describe('when PayPal fails', () => {
  it('retries a 500 with the same PayPal-Request-Id, and creates one order', async () => {
    const key = randomUUID()
    fake.failNext(1, 500)

    const session = await provider.initiatePayment({
      amount: 2_000,
      currency_code: 'usd',
      context: { idempotency_key: key },
    })

    const attempts = fake.requests.filter((request) => request.requestId === `${key}:create`)
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 201])
    expect(fake.order(session.id)).toBeDefined()
  })

  it('gives up after its retries with PaymentProviderUnavailableError', async () => {
    const key = randomUUID()
    fake.failNext(2, 503)

    const initiating = provider.initiatePayment({
      amount: 2_000,
      currency_code: 'usd',
      context: { idempotency_key: key },
    })

    await expect(initiating).rejects.toThrow(PaymentProviderUnavailableError)
    expect(fake.requests.filter((request) => request.requestId === `${key}:create`)).toHaveLength(2)
  })

  it('treats an unreachable PayPal as unavailable', async () => {
    const unreachable = providerWith({ apiBase: 'http://127.0.0.1:9', maxNetworkRetries: 0 })

    await expect(
      unreachable.initiatePayment({ amount: 2_000, currency_code: 'usd', context: context() }),
    ).rejects.toThrow(PaymentProviderUnavailableError)
  })

  it('treats refused credentials as unavailable, not as the shopper’s mistake', async () => {
    const misconfigured = providerWith({ clientSecret: 'wrong' })

    await expect(
      misconfigured.initiatePayment({ amount: 2_000, currency_code: 'usd', context: context() }),
    ).rejects.toThrow(PaymentProviderUnavailableError)
  })
})

describe('webhooks', () => {
  it('maps a created authorization to authorized, with the order id and amount', async () => {
    const authorized = await authorizedPayment(6_100)
    const id = String(authorized.data.id)

    const result = await provider.getWebhookActionAndData(
      fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', id)),
    )

    expect(result).toEqual({ action: 'authorized', data: { provider_payment_id: id, amount: 6_100 } })
  })

  it('maps a completed capture to captured, with the amount captured', async () => {
    const authorized = await authorizedPayment(6_200)
    const id = String(authorized.data.id)
    await provider.capturePayment({ data: authorized.data, amount: 6_000, context: context() })

    const result = await provider.getWebhookActionAndData(
      fake.deliver(fake.lastEvent('PAYMENT.CAPTURE.COMPLETED', id)),
    )

    expect(result).toEqual({ action: 'captured', data: { provider_payment_id: id, amount: 6_000 } })
  })

  it('maps a denied capture to failed', async () => {
    const authorized = await authorizedPayment(3_000)
    const id = String(authorized.data.id)
    fake.declineCapturesOf(String(authorized.data.authorization_id))
    await expect(provider.capturePayment({ data: authorized.data, context: context() })).rejects.toThrow()

    const result = await provider.getWebhookActionAndData(
      fake.deliver(fake.lastEvent('PAYMENT.CAPTURE.DENIED', id)),
    )

    expect(result).toEqual({ action: 'failed', data: { provider_payment_id: id, amount: 3_000 } })
  })

  it('maps a voided authorization to canceled', async () => {
    const authorized = await authorizedPayment(3_300)
    const id = String(authorized.data.id)
    await provider.cancelPayment({ data: authorized.data, context: context() })

    const result = await provider.getWebhookActionAndData(
      fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.VOIDED', id)),
    )

    expect(result.action).toBe('canceled')
  })

  it('rejects a webhook PayPal did not send', async () => {
    const authorized = await authorizedPayment(3_000)
    const genuine = fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', String(authorized.data.id)))

    const forged = {
      ...genuine,
      headers: {
        ...genuine.headers,
        'paypal-transmission-id': randomUUID(),
        'paypal-transmission-sig': 'Zm9yZ2Vk',
      },
    }

    await expect(provider.getWebhookActionAndData(forged)).rejects.toThrow(WebhookSignatureError)
  })

  it('rejects a webhook whose body was changed after it was sent', async () => {
    const authorized = await authorizedPayment(3_000)
    const genuine = fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', String(authorized.data.id)))

    const tampered = {
      ...genuine,
      rawBody: Buffer.from(genuine.rawBody.toString().replace('"30.00"', '"3000.00"')),
    }

    await expect(provider.getWebhookActionAndData(tampered)).rejects.toThrow(WebhookSignatureError)
  })

  it('rejects a webhook sent for another webhook id', async () => {
    const otherShop = providerWith({ webhookId: 'WH-OTHER-SHOP' })
    const authorized = await authorizedPayment(3_000)

    const delivery = fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', String(authorized.data.id)))

    await expect(otherShop.getWebhookActionAndData(delivery)).rejects.toThrow(WebhookSignatureError)
  })

  it('rejects a webhook without transmission headers before asking PayPal', async () => {
    const asked = fake.requests.length

    await expect(
      provider.getWebhookActionAndData({ rawBody: Buffer.from('{}'), headers: {} }),
    ).rejects.toThrow(WebhookSignatureError)
    expect(fake.requests.length).toBe(asked)
  })

  it('does not act on events it has no use for', async () => {
    const authorized = await authorizedPayment(3_000)
    const captured = await provider.capturePayment({ data: authorized.data, context: context() })
    await provider.refundPayment({
      data: captured.data,
      amount: 100,
      currency_code: 'usd',
      context: context(),
    })
    const refundEvent = fake.events.findLast((event) => event.event_type === 'PAYMENT.CAPTURE.REFUNDED')

    const result = await provider.getWebhookActionAndData(
      fake.deliver(refundEvent as NonNullable<typeof refundEvent>),
    )

    expect(result).toEqual({ action: 'not_supported' })
  })
})
