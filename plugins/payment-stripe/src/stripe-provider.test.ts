// pp_stripe through the real `stripe` SDK against a local fake of Stripe's API.
import { randomUUID } from 'node:crypto'
import {
  ConflictError,
  InvalidDataError,
  NotFoundError,
  PaymentDeclinedError,
  PaymentProviderUnavailableError,
  type PaymentResult,
  WebhookSignatureError,
} from '@shopwright/core'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { StripePaymentProvider, stripeOptionsSchema } from './stripe-provider'
import { FakeStripe } from './testing/fake-stripe'

const apiKey = 'sk_test_shopwright'
const webhookSecret = 'whsec_shopwright'
const fake = new FakeStripe({ apiKey, webhookSecret })
let provider: StripePaymentProvider
/** Stands in for Stripe.js in the shopper's browser, which confirms the intent with its client secret. */
let storefrontStripe: Stripe

function providerWith(options: Record<string, unknown> = {}): StripePaymentProvider {
  return new StripePaymentProvider(
    stripeOptionsSchema.parse({ apiKey, webhookSecret, apiBase: fake.url, ...options }),
  )
}

function context() {
  return { idempotency_key: randomUUID() }
}

async function initiate(amount = 10_000, data: Record<string, unknown> = {}) {
  return provider.initiatePayment({ amount, currency_code: 'usd', data, context: context() })
}

async function authorizedPayment(amount = 10_000): Promise<PaymentResult> {
  const session = await initiate(amount)
  await storefrontStripe.paymentIntents.confirm(session.id, { payment_method: 'pm_card_visa' })
  return provider.authorizePayment({ data: session.data, context: context() })
}

beforeAll(async () => {
  const url = new URL(await fake.start())
  provider = providerWith({ maxNetworkRetries: 1 })
  storefrontStripe = new Stripe(apiKey, { host: url.hostname, port: url.port, protocol: 'http' })
})

afterEach(() => {
  fake.clearFailures()
})

afterAll(async () => {
  await fake.stop()
})

describe('a payment session', () => {
  it('creates a manual-capture PaymentIntent and gives the storefront its client secret', async () => {
    const key = randomUUID()

    const session = await provider.initiatePayment({
      amount: 4_250,
      currency_code: 'EUR',
      context: { idempotency_key: key },
    })

    expect(session.status).toBe('pending')
    expect(session.data).toMatchObject({
      id: session.id,
      client_secret: expect.stringMatching(/^pi_.+_secret_/),
    })
    const intent = fake.intent(session.id)
    expect(intent).toMatchObject({
      amount: 4_250,
      currency: 'eur',
      capture_method: 'manual',
      status: 'requires_payment_method',
      metadata: { idempotency_key: key },
    })
    const created = fake.requests.filter((request) => request.path === '/v1/payment_intents')
    expect(created.at(-1)?.idempotencyKey).toBe(`${key}:create`)
  })

  it('initiated twice with one idempotency key is one PaymentIntent', async () => {
    const input = { amount: 1_000, currency_code: 'usd', context: context() }

    const first = await provider.initiatePayment(input)
    const second = await provider.initiatePayment(input)

    expect(second.id).toBe(first.id)
    const intents = fake.events.filter(
      (event) => event.type === 'payment_intent.created' && event.data.object.id === first.id,
    )
    expect(intents).toHaveLength(1)
  })

  it('follows a new cart total before the shopper pays', async () => {
    const session = await initiate(5_000)

    const updated = await provider.updatePayment({
      data: session.data,
      amount: 6_500,
      currency_code: 'usd',
      context: context(),
    })

    expect(updated.data.amount).toBe(6_500)
    expect(fake.intent(session.id)?.amount).toBe(6_500)
  })

  it('follows a cart total that goes back to an earlier one, whatever key the calls carry', async () => {
    const session = await initiate(5_000)
    const update = (amount: number) =>
      provider.updatePayment({
        data: session.data,
        amount,
        currency_code: 'usd',
        context: { idempotency_key: `total:${amount}` },
      })

    await update(6_000)
    await update(7_000)
    await update(6_000)

    expect(fake.intent(session.id)?.amount).toBe(6_000)
  })

  it('rejects data that is not a Stripe payment method', async () => {
    await expect(initiate(1_000, { payment_method: 'card_4242' })).rejects.toThrow(InvalidDataError)
  })

  it('passes on Stripe refusing bad parameters as invalid data', async () => {
    await expect(initiate(10)).rejects.toThrow(/Stripe: Amount must be at least 50/)
  })
})

describe('authorizing', () => {
  it('reads an intent confirmed in the storefront as authorized', async () => {
    const authorized = await authorizedPayment(7_500)

    expect(authorized.status).toBe('authorized')
    expect(authorized.data).toMatchObject({ status: 'requires_capture', amount_capturable: 7_500 })
  })

  it('with capture on, reads a payment confirmed in the storefront as captured', async () => {
    const capturing = providerWith({ capture: true })
    const session = await capturing.initiatePayment({
      amount: 3_100,
      currency_code: 'usd',
      context: context(),
    })
    await storefrontStripe.paymentIntents.confirm(session.id, { payment_method: 'pm_card_visa' })

    const result = await capturing.authorizePayment({ data: session.data, context: context() })

    expect(result.status).toBe('captured')
    expect(fake.intent(session.id)).toMatchObject({ capture_method: 'automatic', amount_received: 3_100 })
  })

  it('confirms a payment method the storefront sent with the session', async () => {
    const session = await initiate(3_000, { payment_method: 'pm_card_visa' })

    const authorized = await provider.authorizePayment({ data: session.data, context: context() })

    expect(authorized.status).toBe('authorized')
    expect(fake.intent(session.id)?.status).toBe('requires_capture')
  })

  it('turns a declined card into a PaymentDeclinedError and holds nothing', async () => {
    const session = await initiate(3_000, { payment_method: 'pm_card_chargeDeclined' })

    const authorizing = provider.authorizePayment({ data: session.data, context: context() })

    await expect(authorizing).rejects.toThrow(PaymentDeclinedError)
    await expect(authorizing).rejects.toThrow('Your card was declined.')
    expect(fake.intent(session.id)).toMatchObject({ status: 'requires_payment_method', amount_capturable: 0 })
  })

  it('reports a card declined in the storefront as declined', async () => {
    const session = await initiate(3_000)
    await expect(
      storefrontStripe.paymentIntents.confirm(session.id, {
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
      }),
    ).rejects.toThrow('Your card has insufficient funds.')

    const authorizing = provider.authorizePayment({ data: session.data, context: context() })

    await expect(authorizing).rejects.toThrow(PaymentDeclinedError)
  })

  it('needs more from the shopper when the card asks for authentication', async () => {
    const session = await initiate(3_000, { payment_method: 'pm_card_authenticationRequired' })

    const result = await provider.authorizePayment({ data: session.data, context: context() })

    expect(result.status).toBe('requires_more')
  })

  it('needs more from the shopper who has not paid yet', async () => {
    const session = await initiate(3_000)

    const result = await provider.authorizePayment({ data: session.data, context: context() })

    expect(result.status).toBe('requires_more')
  })
})

describe('capturing, refunding and canceling', () => {
  it('captures part of an authorization, refunds part of it, then the rest', async () => {
    const authorized = await authorizedPayment(10_000)

    const captured = await provider.capturePayment({
      data: authorized.data,
      amount: 6_000,
      context: context(),
    })
    expect(captured.status).toBe('captured')
    expect(fake.intent(String(authorized.data.id))).toMatchObject({
      status: 'succeeded',
      amount_received: 6_000,
    })

    const refund = { data: captured.data, currency_code: 'usd' }
    const partly = await provider.refundPayment({ ...refund, amount: 2_500, context: context() })
    const fully = await provider.refundPayment({
      ...refund,
      data: partly.data,
      amount: 3_500,
      context: context(),
    })

    expect(fake.refundsFor(String(authorized.data.id)).map((r) => r.amount)).toEqual([2_500, 3_500])
    expect(fully.data.refunds).toEqual([
      { id: expect.stringMatching(/^re_/), amount: 2_500 },
      { id: expect.stringMatching(/^re_/), amount: 3_500 },
    ])
    await expect(provider.refundPayment({ ...refund, amount: 1, context: context() })).rejects.toThrow(
      /has already been refunded/,
    )
  })

  it('captures the whole authorization when no amount is given', async () => {
    const authorized = await authorizedPayment(8_800)

    const captured = await provider.capturePayment({ data: authorized.data, context: context() })

    expect(captured.data.amount_received).toBe(8_800)
  })

  it('refuses to capture more than was authorized', async () => {
    const authorized = await authorizedPayment(2_000)

    const capturing = provider.capturePayment({ data: authorized.data, amount: 2_001, context: context() })

    await expect(capturing).rejects.toThrow(InvalidDataError)
    expect(fake.intent(String(authorized.data.id))?.status).toBe('requires_capture')
  })

  it('refuses to refund more than was captured', async () => {
    const authorized = await authorizedPayment(2_000)
    const captured = await provider.capturePayment({
      data: authorized.data,
      amount: 1_500,
      context: context(),
    })

    const refunding = provider.refundPayment({
      data: captured.data,
      amount: 1_600,
      currency_code: 'usd',
      context: context(),
    })

    await expect(refunding).rejects.toThrow(/greater than unrefunded amount/)
    expect(fake.refundsFor(String(authorized.data.id))).toEqual([])
  })

  it('a capture of an intent already captured elsewhere answers with it as captured', async () => {
    const authorized = await authorizedPayment(4_000)
    await provider.capturePayment({ data: authorized.data, context: context() })

    const again = await provider.capturePayment({ data: authorized.data, context: context() })

    expect(again.status).toBe('captured')
    expect(fake.intent(String(authorized.data.id))?.amount_received).toBe(4_000)
  })

  it('two captures at once capture once, and both report it captured', async () => {
    const authorized = await authorizedPayment(4_500)

    const results = await Promise.all([
      provider.capturePayment({ data: authorized.data, context: context() }),
      provider.capturePayment({ data: authorized.data, context: context() }),
    ])

    expect(results.map((result) => result.status)).toEqual(['captured', 'captured'])
    const id = String(authorized.data.id)
    expect(
      fake.events.filter((event) => event.type === 'payment_intent.succeeded' && event.data.object.id === id),
    ).toHaveLength(1)
  })

  it('cancels an authorization, and canceling again changes nothing', async () => {
    const authorized = await authorizedPayment(5_000)

    const canceled = await provider.cancelPayment({ data: authorized.data, context: context() })
    const again = await provider.cancelPayment({ data: authorized.data, context: context() })

    expect([canceled.status, again.status]).toEqual(['canceled', 'canceled'])
    expect(fake.intent(String(authorized.data.id))).toMatchObject({
      status: 'canceled',
      amount_capturable: 0,
    })
  })

  it('reads the status of a payment from Stripe', async () => {
    const authorized = await authorizedPayment(5_000)
    await provider.capturePayment({ data: authorized.data, context: context() })

    const status = await provider.getPaymentStatus({ data: authorized.data, context: context() })

    expect(status.status).toBe('captured')
  })

  it('answers an unknown PaymentIntent with not found', async () => {
    const reading = provider.getPaymentStatus({ data: { id: 'pi_unknown' }, context: context() })

    await expect(reading).rejects.toThrow(NotFoundError)
  })

  it('refuses one idempotency key reused for a different request', async () => {
    const authorized = await authorizedPayment(5_000)
    const captured = await provider.capturePayment({ data: authorized.data, context: context() })
    const sameKey = context()
    await provider.refundPayment({ data: captured.data, amount: 100, currency_code: 'usd', context: sameKey })

    const reused = provider.refundPayment({
      data: captured.data,
      amount: 200,
      currency_code: 'usd',
      context: sameKey,
    })

    await expect(reused).rejects.toThrow(ConflictError)
    expect(fake.refundsFor(String(authorized.data.id)).map((r) => r.amount)).toEqual([100])
  })
})

describe('when Stripe fails', () => {
  it('retries a 500 with the same idempotency key, and pays once', async () => {
    const key = randomUUID()
    fake.failNext(1, 500)

    const session = await provider.initiatePayment({
      amount: 2_000,
      currency_code: 'usd',
      context: { idempotency_key: key },
    })

    const attempts = fake.requests.filter((request) => request.idempotencyKey === `${key}:create`)
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200])
    expect(attempts[0]?.params).toEqual(attempts[1]?.params)
    const created = fake.events.filter(
      (event) => event.type === 'payment_intent.created' && event.request.idempotency_key === `${key}:create`,
    )
    expect(created.map((event) => event.data.object.id)).toEqual([session.id])
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
    expect(fake.requests.filter((request) => request.idempotencyKey === `${key}:create`)).toHaveLength(2)
  })

  it('treats an unreachable Stripe as unavailable', async () => {
    const unreachable = providerWith({ apiBase: 'http://127.0.0.1:9', maxNetworkRetries: 0 })

    await expect(
      unreachable.initiatePayment({ amount: 2_000, currency_code: 'usd', context: context() }),
    ).rejects.toThrow(PaymentProviderUnavailableError)
  })

  it('treats a refused API key as unavailable, not as the shopper’s mistake', async () => {
    const misconfigured = providerWith({ apiKey: 'sk_test_wrong' })

    await expect(
      misconfigured.initiatePayment({ amount: 2_000, currency_code: 'usd', context: context() }),
    ).rejects.toThrow(PaymentProviderUnavailableError)
  })
})

describe('webhooks', () => {
  it('maps an intent that became capturable to authorized, with its amount', async () => {
    const authorized = await authorizedPayment(6_100)
    const id = String(authorized.data.id)

    const result = await provider.getWebhookActionAndData(
      fake.signWebhook(fake.lastEvent('payment_intent.amount_capturable_updated', id)),
    )

    expect(result).toEqual({ action: 'authorized', data: { provider_payment_id: id, amount: 6_100 } })
  })

  it('maps a succeeded intent to captured, with the amount received', async () => {
    const authorized = await authorizedPayment(6_200)
    const id = String(authorized.data.id)
    await provider.capturePayment({ data: authorized.data, amount: 6_000, context: context() })

    const result = await provider.getWebhookActionAndData(
      fake.signWebhook(fake.lastEvent('payment_intent.succeeded', id)),
    )

    expect(result).toEqual({ action: 'captured', data: { provider_payment_id: id, amount: 6_000 } })
  })

  it('maps a failed payment to failed', async () => {
    const session = await initiate(3_000, { payment_method: 'pm_card_chargeDeclined' })
    await expect(provider.authorizePayment({ data: session.data, context: context() })).rejects.toThrow()

    const result = await provider.getWebhookActionAndData(
      fake.signWebhook(fake.lastEvent('payment_intent.payment_failed', session.id)),
    )

    expect(result).toEqual({ action: 'failed', data: { provider_payment_id: session.id, amount: 3_000 } })
  })

  it('maps a canceled intent to canceled', async () => {
    const authorized = await authorizedPayment(3_300)
    await provider.cancelPayment({ data: authorized.data, context: context() })
    const id = String(authorized.data.id)

    const result = await provider.getWebhookActionAndData(
      fake.signWebhook(fake.lastEvent('payment_intent.canceled', id)),
    )

    expect(result.action).toBe('canceled')
  })

  it('does not act on events it has no use for', async () => {
    const session = await initiate(3_000)

    const result = await provider.getWebhookActionAndData(
      fake.signWebhook(fake.lastEvent('payment_intent.created', session.id)),
    )

    expect(result).toEqual({ action: 'not_supported' })
  })

  it('rejects a webhook signed with another secret', async () => {
    const authorized = await authorizedPayment(3_000)
    const event = fake.lastEvent('payment_intent.amount_capturable_updated', String(authorized.data.id))

    const forged = fake.signWebhook(event, { secret: 'whsec_forger' })

    await expect(provider.getWebhookActionAndData(forged)).rejects.toThrow(WebhookSignatureError)
  })

  it('rejects a webhook whose body was changed after signing', async () => {
    const authorized = await authorizedPayment(3_000)
    const signed = fake.signWebhook(
      fake.lastEvent('payment_intent.amount_capturable_updated', String(authorized.data.id)),
    )

    const tampered = { ...signed, rawBody: Buffer.from(signed.rawBody.toString().replace('3000', '300000')) }

    await expect(provider.getWebhookActionAndData(tampered)).rejects.toThrow(WebhookSignatureError)
  })

  it('rejects a correctly signed webhook replayed after the tolerance', async () => {
    const authorized = await authorizedPayment(3_000)
    const event = fake.lastEvent('payment_intent.amount_capturable_updated', String(authorized.data.id))

    const stale = fake.signWebhook(event, { timestamp: Math.floor(Date.now() / 1000) - 600 })

    await expect(provider.getWebhookActionAndData(stale)).rejects.toThrow(
      /Timestamp outside the tolerance zone/,
    )
  })

  it('rejects a webhook with no signature', async () => {
    await expect(
      provider.getWebhookActionAndData({ rawBody: Buffer.from('{}'), headers: {} }),
    ).rejects.toThrow(WebhookSignatureError)
  })
})
