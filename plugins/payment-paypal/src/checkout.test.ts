// A PayPal checkout end to end, on a store with the plugin pointed at a local fake PayPal: the
// payment session made through the Store API, the buyer approving on the approval link, the
// completion, and PayPal's webhooks arriving after it.
import { randomUUID } from 'node:crypto'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import paypalPlugin from './index'
import { FakePayPal } from './testing/fake-paypal'

const credentials = { clientId: 'checkout-client', clientSecret: 'checkout-secret', webhookId: 'WH-CHECKOUT' }
const ADMIN_TOKEN = 'paypal-checkout-admin-token-0123456789abcdef'
const ADDRESS = {
  first_name: 'Grace',
  last_name: 'Hopper',
  address_1: '1 Compiler Street',
  city: 'Arlington',
  country_code: 'us',
  postal_code: '22201',
}

const fake = new FakePayPal(credentials)
let app: TestApp
let storeHeaders: Record<string, string>
let region: string
let variant: string
let shipping: string

async function call<T = any>(method: string, path: string, body?: unknown, headers = {}): Promise<T> {
  const response = await app.request(method, path, { body, headers })
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`)
  return response.body as T
}

const admin = <T = any>(method: string, path: string, body?: unknown) =>
  call<T>(method, path, body, { authorization: `Bearer ${ADMIN_TOKEN}` })
const store = <T = any>(method: string, path: string, body?: unknown) =>
  call<T>(method, path, body, storeHeaders)

/** A guest cart with one lamp, an address and shipping, paying with a PayPal session. */
async function cartPayingWithPayPal() {
  const email = `${randomUUID()}@example.com`
  const { cart } = await store('POST', '/store/carts', {
    region_id: region,
    email,
    shipping_address: ADDRESS,
    items: [{ variant_id: variant, quantity: 1 }],
  })
  await store('POST', `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping })
  const { payment_collection } = await store('POST', '/store/payment-collections', { cart_id: cart.id })
  const { payment_collection: paying } = await store(
    'POST',
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: 'pp_paypal' },
  )
  const session = paying.payment_sessions.at(-1) as { amount: number; data: Record<string, any> }
  return { id: cart.id as string, email, session }
}

function complete(cartId: string) {
  return app.request('POST', `/store/carts/${cartId}/complete`, { headers: storeHeaders })
}

async function ordersOf(email: string): Promise<Array<{ id: string }>> {
  return (await admin('GET', `/admin/orders?q=${encodeURIComponent(email)}`)).orders
}

beforeAll(async () => {
  process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
  await fake.start()
  app = await createTestApp({ plugins: [[paypalPlugin, { ...credentials, apiBase: fake.url }]] })
  const channel = (await admin('POST', '/admin/sales-channels', { name: 'Web' })).sales_channel.id
  const key = (await admin('POST', '/admin/publishable-keys', { title: 'Web', sales_channel_ids: [channel] }))
    .publishable_key.token
  storeHeaders = { 'x-publishable-api-key': key }
  region = (await admin('POST', '/admin/regions', { name: 'US', currency_code: 'usd', countries: ['us'] }))
    .region.id
  const { product } = await admin('POST', '/admin/products', {
    title: 'Lamp',
    status: 'published',
    sales_channel_ids: [channel],
    variants: [{ title: 'Lamp', prices: [{ currency_code: 'usd', amount: 4_999 }] }],
  })
  variant = product.variants[0].id
  const warehouse = (await admin('POST', '/admin/stock-locations', { name: 'Warehouse' })).stock_location.id
  await admin('POST', '/admin/inventory/adjustments', {
    variant_id: variant,
    location_id: warehouse,
    adjustment: 10,
  })
  shipping = (
    await admin('POST', '/admin/shipping-options', { name: 'Standard', region_id: region, amount: 500 })
  ).shipping_option.id
})

afterAll(async () => {
  await app?.close()
  await fake.stop()
  delete process.env.SHOPWRIGHT_ADMIN_TOKEN
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
