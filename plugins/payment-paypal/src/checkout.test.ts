// A PayPal checkout end to end, on a store with the plugin pointed at a local fake PayPal: the
// payment session made through the Store API, the buyer approving on the approval link, the
// completion, and PayPal's webhooks arriving after it.
import { randomUUID } from 'node:crypto'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import {
  admin as adminIn,
  completeCart,
  readyCart,
  type Shop,
  seedShop,
  stockedProduct,
} from '@shopwright/core/testing/shop'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import paypalPlugin from './index'
import { FakePayPal } from './testing/fake-paypal'

const credentials = { clientId: 'checkout-client', clientSecret: 'checkout-secret', webhookId: 'WH-CHECKOUT' }
const GRACE = {
  first_name: 'Grace',
  last_name: 'Hopper',
  address_1: '1 Compiler Street',
  city: 'Arlington',
  country_code: 'us',
  postal_code: '22201',
}

const fake = new FakePayPal(credentials)
let app: TestApp
let shop: Shop
let lamp: string

/** A guest cart with one lamp, an address and shipping, paying with a PayPal session. */
async function cartPayingWithPayPal() {
  const email = `${randomUUID()}@example.com`
  const cart = await readyCart(app, shop, {
    email,
    address: GRACE,
    items: [{ variant_id: lamp, quantity: 1 }],
    provider: 'pp_paypal',
  })
  return { ...cart, email }
}

const admin = <T = any>(method: string, path: string, body?: unknown) => adminIn<T>(app, method, path, body)
const complete = (cartId: string) => completeCart(app, shop, cartId)

async function ordersOf(email: string): Promise<Array<{ id: string }>> {
  return (await admin('GET', `/admin/orders?q=${encodeURIComponent(email)}`)).orders
}

beforeAll(async () => {
  await fake.start()
  app = await createTestApp({ plugins: [[paypalPlugin, { ...credentials, apiBase: fake.url }]] })
  shop = await seedShop(app)
  const lamps = await stockedProduct(app, shop, {
    title: 'Lamp',
    variants: [{ title: 'Lamp', price: 4_999, stock: 10 }],
  })
  lamp = lamps.variants[0]!
})

afterAll(async () => {
  await app?.close()
  await fake.stop()
})

describe('a PayPal checkout', () => {
  it('waits for the buyer’s approval, then places one order that PayPal’s webhooks do not repeat', async () => {
    const cart = await cartPayingWithPayPal()
    const orderId = String(cart.session.data.id)
    expect(cart.session.data.approval_url).toBe(`${fake.url}/checkoutnow?token=${orderId}`)
    expect(fake.order(orderId)?.purchase_units[0]?.amount).toEqual({ currency_code: 'USD', value: '54.99' })

    const early = await complete(cart.id)
    expect(early.body).toMatchObject({
      type: 'cart',
      error: { message: expect.stringMatching(/requires_more/) },
    })

    await fetch(String(cart.session.data.approval_url))
    const placed = await complete(cart.id)
    expect(placed.body).toMatchObject({ type: 'order', order: { payment_status: 'authorized' } })

    const authorizedHook = fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', orderId))
    const hook = await app.request('POST', '/hooks/payment/paypal', {
      rawBody: authorizedHook.rawBody,
      headers: authorizedHook.headers,
    })
    expect(hook.status).toBe(200)
    expect(await ordersOf(cart.email)).toHaveLength(1)

    await admin('POST', `/admin/orders/${placed.body.order.id}/capture`, {})
    const { order } = await admin('GET', `/admin/orders/${placed.body.order.id}`)
    expect(order.payment_status).toBe('captured')
    expect(fake.order(orderId)?.purchase_units[0]?.payments?.captures.map((c) => c.amount.value)).toEqual([
      '54.99',
    ])
  })

  it('voids the rest of the authorization when an order captured in part is canceled', async () => {
    const cart = await cartPayingWithPayPal()
    const orderId = String(cart.session.data.id)
    fake.approve(orderId)
    const placed = await complete(cart.id)
    const captured = await admin('POST', `/admin/orders/${placed.body.order.id}/capture`, { amount: 1_000 })
    const payments = () => fake.order(orderId)?.purchase_units[0]?.payments
    expect(payments()?.authorizations[0]?.status).toBe('PARTIALLY_CAPTURED')
    // Unlike Stripe, PayPal keeps the rest of the authorization capturable.
    expect(captured.order.payments[0].capturable_amount).toBe(placed.body.order.total - 1_000)

    const { order } = await admin('POST', `/admin/orders/${placed.body.order.id}/cancel`)

    expect(order).toMatchObject({ status: 'canceled', payment_status: 'refunded' })
    expect(payments()?.authorizations[0]?.status).toBe('VOIDED')
    expect(payments()?.refunds.map((refund) => refund.amount.value)).toEqual(['10.00'])
  })

  it('rejects a webhook PayPal did not send with 401', async () => {
    const cart = await cartPayingWithPayPal()
    const orderId = String(cart.session.data.id)
    fake.approve(orderId)
    await complete(cart.id)
    const genuine = fake.deliver(fake.lastEvent('PAYMENT.AUTHORIZATION.CREATED', orderId))

    const hook = await app.request('POST', '/hooks/payment/paypal', {
      rawBody: genuine.rawBody,
      headers: { ...genuine.headers, 'paypal-transmission-sig': 'Zm9yZ2Vk' },
    })

    expect(hook.status).toBe(401)
  })
})
