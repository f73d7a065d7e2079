// A Stripe checkout end to end, on a store with the plugin pointed at a local fake Stripe: the
// payment session made through the Store API, the shopper paying with Stripe.js (stood in for by the
// SDK with the session's client secret), and Stripe's webhook racing the shopper's completion.
import { randomUUID } from 'node:crypto'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import {
  admin as adminIn,
  completeCart,
  readyCart,
  type Shop,
  seedShop,
  startPaymentSession,
} from '@shopwright/core/testing/shop'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import stripePlugin from './index'
import { FakeStripe } from './testing/fake-stripe'

const apiKey = 'sk_test_checkout'
const webhookSecret = 'whsec_checkout'

/** The usual test shop, on its own app. */
interface Store extends Shop {
  app: TestApp
}

const fake = new FakeStripe({ apiKey, webhookSecret })
/** Stands in for Stripe.js in the shopper's browser. */
let storefrontStripe: Stripe

/** A store with the Stripe plugin, set up through the Admin API as a merchant would. */
async function openShop(options: { capture?: boolean } = {}): Promise<Store> {
  const app = await createTestApp({
    plugins: [[stripePlugin, { apiKey, webhookSecret, apiBase: fake.url, ...options }]],
  })
  return { app, ...(await seedShop(app)) }
}

/** A guest cart with two mugs, an address and shipping, paying with a Stripe session. */
async function cartPayingWithStripe(shop: Store, sessionData?: Record<string, unknown>) {
  const email = `${randomUUID()}@example.com`
  const cart = await readyCart(shop.app, shop, {
    email,
    items: [{ variant_id: shop.mug, quantity: 2 }],
    provider: 'pp_stripe',
    data: sessionData,
  })
  return { ...cart, email }
}

async function startSession(shop: Store, collectionId: string, data?: Record<string, unknown>) {
  return (await startPaymentSession(shop.app, shop, collectionId, { provider: 'pp_stripe', data })).session
}

function admin<T = any>(shop: Store, method: string, path: string, body?: unknown): Promise<T> {
  return adminIn<T>(shop.app, method, path, body)
}

function complete(shop: Store, cartId: string) {
  return completeCart(shop.app, shop, cartId)
}

function postWebhook(shop: Store, delivery: { rawBody: Buffer; headers: Record<string, string> }) {
  return shop.app.request('POST', '/hooks/payment/stripe', {
    rawBody: delivery.rawBody,
    headers: delivery.headers,
  })
}

async function ordersOf(shop: Store, email: string): Promise<Array<{ id: string }>> {
  return (await admin(shop, 'GET', `/admin/orders?q=${encodeURIComponent(email)}`)).orders
}

/** One store captures when the shopper pays (the plugin's `capture` option), the other authorizes only. */
let capturingShop: Store
let authorizingShop: Store

beforeAll(async () => {
  const url = new URL(await fake.start())
  storefrontStripe = new Stripe(apiKey, { host: url.hostname, port: url.port, protocol: 'http' })
  ;[capturingShop, authorizingShop] = await Promise.all([openShop({ capture: true }), openShop()])
})

afterAll(async () => {
  await Promise.all([capturingShop?.app.close(), authorizingShop?.app.close()])
  await fake.stop()
})

describe('a Stripe checkout, capturing when the shopper pays', () => {
  it('places one order with one capture when Stripe’s webhook and the shopper’s completion arrive together', async () => {
    const cart = await cartPayingWithStripe(capturingShop)
    const intentId = String(cart.session.data.id)
    expect(cart.session.data.client_secret).toMatch(new RegExp(`^${intentId}_secret_`))
    expect(fake.intent(intentId)).toMatchObject({ amount: cart.session.amount, capture_method: 'automatic' })
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const succeeded = fake.signWebhook(fake.lastEvent('payment_intent.succeeded', intentId))

    const [hook, completion] = await Promise.all([
      postWebhook(capturingShop, succeeded),
      complete(capturingShop, cart.id),
    ])

    expect(hook.status).toBe(200)
    expect(completion.body.type).toBe('order')
    expect(await ordersOf(capturingShop, cart.email)).toHaveLength(1)
    const { order } = await admin(capturingShop, 'GET', `/admin/orders/${completion.body.order.id}`)
    expect(order.payment_status).toBe('captured')
    expect(order.payments).toHaveLength(1)
    expect(order.payments[0].captures).toHaveLength(1)
    expect(order.payments[0].captured_amount).toBe(cart.session.amount)
    expect(fake.intent(intentId)?.amount_received).toBe(cart.session.amount)
  })
})

describe('a Stripe checkout, authorizing and capturing later', () => {
  it('places one order when the authorization webhook and the completion race, and captures it once', async () => {
    const cart = await cartPayingWithStripe(authorizingShop)
    const intentId = String(cart.session.data.id)
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const capturable = fake.signWebhook(fake.lastEvent('payment_intent.amount_capturable_updated', intentId))

    const [hook, completion] = await Promise.all([
      postWebhook(authorizingShop, capturable),
      complete(authorizingShop, cart.id),
    ])
    expect(hook.status).toBe(200)
    expect(completion.body).toMatchObject({ type: 'order', order: { payment_status: 'authorized' } })
    expect(await ordersOf(authorizingShop, cart.email)).toHaveLength(1)

    const orderId = completion.body.order.id
    await admin(authorizingShop, 'POST', `/admin/orders/${orderId}/capture`, {})
    const lateWebhook = await postWebhook(
      authorizingShop,
      fake.signWebhook(fake.lastEvent('payment_intent.succeeded', intentId)),
    )

    expect(lateWebhook.status).toBe(200)
    const { order } = await admin(authorizingShop, 'GET', `/admin/orders/${orderId}`)
    expect(order.payment_status).toBe('captured')
    expect(order.payments[0].captures).toHaveLength(1)
    const captures = fake.requests.filter(
      (request) => request.path === `/v1/payment_intents/${intentId}/capture`,
    )
    expect(captures.map((request) => request.status)).toEqual([200])
  })

  it('refunds part of a captured order through Stripe', async () => {
    const cart = await cartPayingWithStripe(authorizingShop)
    const intentId = String(cart.session.data.id)
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const { body } = await complete(authorizingShop, cart.id)
    await admin(authorizingShop, 'POST', `/admin/orders/${body.order.id}/capture`, {})

    await admin(authorizingShop, 'POST', `/admin/orders/${body.order.id}/refund`, { amount: 700 })

    expect(fake.refundsFor(intentId).map((refund) => refund.amount)).toEqual([700])
    const { order } = await admin(authorizingShop, 'GET', `/admin/orders/${body.order.id}`)
    expect(order.payment_status).toBe('partially_refunded')
  })

  it('knows Stripe released the rest of a partial capture, and refuses a second capture without asking Stripe', async () => {
    // Given an order whose payment was captured in part
    const cart = await cartPayingWithStripe(authorizingShop)
    const intentId = String(cart.session.data.id)
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const { body } = await complete(authorizingShop, cart.id)
    const orderId = body.order.id
    const captured = await admin(authorizingShop, 'POST', `/admin/orders/${orderId}/capture`, {
      amount: 1_000,
    })

    // Then Shopwright, like Stripe, holds nothing more to capture
    expect(fake.intent(intentId)).toMatchObject({ status: 'succeeded', amount_capturable: 0 })
    expect(captured.order.payments[0]).toMatchObject({ captured_amount: 1_000, capturable_amount: 0 })

    // When staff try to capture again, or Stripe's late `succeeded` webhook arrives
    const capturesBefore = fake.requests.filter((request) => request.path.endsWith('/capture')).length
    const again = await authorizingShop.app.request('POST', `/admin/orders/${orderId}/capture`, {
      body: {},
      headers: authorizingShop.app.adminHeaders,
    })
    const lateWebhook = await postWebhook(
      authorizingShop,
      fake.signWebhook(fake.lastEvent('payment_intent.succeeded', intentId)),
    )

    // Then the capture is refused, saying why, before calling Stripe; and the webhook adds nothing
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ type: 'invalid_data' })
    expect(again.body.message).toBe(
      `Nothing is left to capture: pp_stripe released the other ${body.order.total - 1_000} of the authorization when part of it was captured`,
    )
    expect(fake.requests.filter((request) => request.path.endsWith('/capture'))).toHaveLength(capturesBefore)
    expect(lateWebhook.status).toBe(200)
    const { order } = await admin(authorizingShop, 'GET', `/admin/orders/${orderId}`)
    expect(order.payments[0]).toMatchObject({ captured_amount: 1_000, capturable_amount: 0 })
    expect(order.payments[0].captures).toHaveLength(1)
  })

  it('cancels an order captured in part: refunds the capture, and Stripe holds nothing more', async () => {
    const cart = await cartPayingWithStripe(authorizingShop)
    const intentId = String(cart.session.data.id)
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const { body } = await complete(authorizingShop, cart.id)
    await admin(authorizingShop, 'POST', `/admin/orders/${body.order.id}/capture`, { amount: 1_000 })
    // Stripe released the rest of the authorization with that partial capture.
    expect(fake.intent(intentId)).toMatchObject({ status: 'succeeded', amount_capturable: 0 })

    const canceled = await authorizingShop.app.request('POST', `/admin/orders/${body.order.id}/cancel`, {
      headers: authorizingShop.app.adminHeaders,
    })

    expect(canceled.status).toBe(200)
    expect(canceled.body.order).toMatchObject({ status: 'canceled', payment_status: 'refunded' })
    expect(fake.refundsFor(intentId).map((refund) => refund.amount)).toEqual([1_000])
    expect(fake.intent(intentId)?.status).toBe('succeeded')
    const cancels = fake.requests.filter(
      (request) => request.path === `/v1/payment_intents/${intentId}/cancel`,
    )
    expect(cancels).toEqual([])
  })

  it('leaves the cart usable after a declined card, and the next card places the order', async () => {
    const cart = await cartPayingWithStripe(authorizingShop, { payment_method: 'pm_card_chargeDeclined' })

    const declined = await complete(authorizingShop, cart.id)

    expect(declined.body).toMatchObject({ type: 'cart', error: { message: 'Your card was declined.' } })
    expect(await ordersOf(authorizingShop, cart.email)).toHaveLength(0)
    await startSession(authorizingShop, cart.collection, { payment_method: 'pm_card_visa' })
    const paid = await complete(authorizingShop, cart.id)
    expect(paid.body).toMatchObject({ type: 'order', order: { payment_status: 'authorized' } })
  })

  it('creates the session when Stripe answers 500 once, resending the same idempotency key', async () => {
    fake.failNext(1, 500)

    const cart = await cartPayingWithStripe(authorizingShop)

    const intentId = String(cart.session.data.id)
    const created = fake.events.find(
      (event) => event.type === 'payment_intent.created' && event.data.object.id === intentId,
    )
    const key = created?.request.idempotency_key
    expect(key).toMatch(/:create$/)
    const attempts = fake.requests.filter((request) => request.idempotencyKey === key)
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200])
  })

  it('rejects a forged webhook with 401 and places no order', async () => {
    const cart = await cartPayingWithStripe(authorizingShop)
    const intentId = String(cart.session.data.id)
    await storefrontStripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' })
    const forged = fake.signWebhook(fake.lastEvent('payment_intent.amount_capturable_updated', intentId), {
      secret: 'whsec_forger',
    })

    const hook = await postWebhook(authorizingShop, forged)

    expect(hook.status).toBe(401)
    expect(hook.body.type).toBe('unauthorized')
    expect(await ordersOf(authorizingShop, cart.email)).toHaveLength(0)
  })
})
