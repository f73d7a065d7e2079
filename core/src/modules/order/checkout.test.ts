// Checkout, as shoppers, payment providers and the reconciling job drive it: the Medusa JS SDK
// completes a guest checkout; money and stock stay right when completions race, retry, meet a
// webhook, or fail half way.
import Medusa from '@medusajs/js-sdk'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { knexOf } from '../../infra/database'
import { createTestApp, type TestApp } from '../../testing'
import {
  ADDRESS,
  admin,
  readyCart,
  type Shop,
  seedShop,
  stockedProduct,
  stockOf,
  store,
} from '../../testing/shop'
import type { PaymentService } from '../payment/service'
import type { CartCompletion } from './completion'
import { TestPaymentProvider, testPaymentPlugin } from './fixtures/test-payment-plugin'

const WEBHOOK_SECRET = 'whsec_checkout_test'

describe('checkout', () => {
  let app: TestApp
  let shop: Shop
  const provider = new TestPaymentProvider(WEBHOOK_SECRET)

  beforeAll(async () => {
    app = await createTestApp({ plugins: [testPaymentPlugin(provider)] })
    shop = await seedShop(app)
  })
  afterAll(async () => {
    await app.close()
  })

  const complete = (cartId: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request('POST', `/store/carts/${cartId}/complete`, { body, headers: { ...shop.store, ...headers } })

  const ordersOfCart = async (cartId: string) =>
    (await knexOf(app.db.em())('order').where({ cart_id: cartId }).count({ n: '*' }))[0]!.n

  /** A variant of its own with `stock` units, so a test's stock is its own. */
  async function variantWithStock(stock: number): Promise<string> {
    const { variants } = await stockedProduct(app, shop, {
      title: `Limited ${Math.random()}`,
      variants: [{ title: 'One', price: 900, stock }],
    })
    return variants[0]!
  }

  it('completes a guest checkout made with the Medusa JS SDK', async () => {
    const sdk = new Medusa({ baseUrl: app.url(), publishableKey: shop.key })
    const { cart: created } = await sdk.store.cart.create({ region_id: shop.region })
    await sdk.store.cart.createLineItem(created.id, { variant_id: shop.shirt, quantity: 1 })
    await sdk.store.cart.createLineItem(created.id, { variant_id: shop.mug, quantity: 2 })
    await sdk.store.cart.update(created.id, { email: 'grace@example.com', shipping_address: ADDRESS })
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: created.id })
    const { cart } = await sdk.store.cart.addShippingMethod(created.id, {
      option_id: shipping_options[0]!.id,
    })
    await sdk.store.payment.initiatePaymentSession(cart, { provider_id: 'pp_system_default' })

    const result = await sdk.store.cart.complete(cart.id)

    expect(result.type).toBe('order')
    if (result.type !== 'order') return
    expect(result.order).toMatchObject({
      email: 'grace@example.com',
      currency_code: 'usd',
      total: cart.total,
      payment_status: 'authorized',
      fulfillment_status: 'not_fulfilled',
      status: 'pending',
    })
    expect(result.order.total).toBe(2500 + 2 * 1200 + 500)
    expect(result.order.items?.map((item) => [item.variant_id, item.quantity]).sort()).toEqual(
      [
        [shop.shirt, 1],
        [shop.mug, 2],
      ].sort(),
    )
    expect(result.order.shipping_address).toMatchObject({ city: 'New York', country_code: 'us' })
    expect((await stockOf(app, shop.mug)).reserved_quantity).toBeGreaterThanOrEqual(2)
  })

  it('ignores amounts and totals sent by the client', async () => {
    const { cart } = await store(app, shop, 'POST', '/store/carts', {
      region_id: shop.region,
      email: 'sly@example.com',
      shipping_address: ADDRESS,
      items: [{ variant_id: shop.shirt, quantity: 2 }],
    })
    await store(app, shop, 'POST', `/store/carts/${cart.id}/shipping-methods`, { option_id: shop.shipping })
    const { payment_collection } = await store(app, shop, 'POST', '/store/payment-collections', {
      cart_id: cart.id,
      amount: 1,
      total: 1,
    })
    expect(payment_collection.amount).toBe(2 * 2500 + 500)
    const { payment_collection: paying } = await store(
      app,
      shop,
      'POST',
      `/store/payment-collections/${payment_collection.id}/payment-sessions`,
      { provider_id: 'pp_system_default', data: { amount: 1 }, amount: 1 },
    )
    expect(paying.payment_sessions[0].amount).toBe(5500)

    const { body } = await complete(cart.id, { total: 1, amount: 1 })

    expect(body.order.total).toBe(5500)
    expect(body.order.payments[0].amount).toBe(5500)
  })

  it('gives the same order to the same cart completed 20 times at once', async () => {
    const cart = await readyCart(app, shop)
    const before = await stockOf(app, shop.shirt)

    const answers = await Promise.all(Array.from({ length: 20 }, () => complete(cart.id)))

    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200))
    expect(new Set(answers.map((answer) => answer.body.order.id)).size).toBe(1)
    expect(Number(await ordersOfCart(cart.id))).toBe(1)
    expect((await stockOf(app, shop.shirt)).reserved_quantity).toBe(before.reserved_quantity + 1)
  })

  it('replays the first answer to a retry with the same Idempotency-Key', async () => {
    const cart = await readyCart(app, shop)
    const first = await complete(cart.id, undefined, { 'idempotency-key': `complete-${cart.id}` })
    const retry = await complete(cart.id, undefined, { 'idempotency-key': `complete-${cart.id}` })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.order.id).toBe(first.body.order.id)
  })

  it('sells exactly the stock there is when 100 shoppers race for 10 units', {
    timeout: 120_000,
  }, async () => {
    const limited = await variantWithStock(10)
    // Shoppers fill their carts one after another; they race at the end, completing all at once.
    const carts: Array<{ id: string }> = []
    for (let shopper = 0; shopper < 100; shopper++) {
      carts.push(await readyCart(app, shop, { items: [{ variant_id: limited, quantity: 1 }] }))
    }

    const answers = await Promise.all(carts.map((cart) => complete(cart.id)))

    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    const orders = answers.filter((answer) => answer.body.type === 'order')
    const refused = answers.filter((answer) => answer.body.type === 'cart')
    expect(orders).toHaveLength(10)
    expect(refused).toHaveLength(90)
    for (const answer of refused) expect(answer.body.error.message).toMatch(/inventory/)
    expect(await stockOf(app, limited)).toMatchObject({
      stocked_quantity: 10,
      reserved_quantity: 10,
      available_quantity: 0,
    })
    const payments = await knexOf(app.db.em())('payment').whereIn(
      'cart_id',
      carts.map((cart) => cart.id),
    )
    expect(payments.filter((payment) => payment.order_id)).toHaveLength(10)
    expect(payments.filter((payment) => !payment.order_id && !payment.canceled_at)).toHaveLength(0)
  })

  it('gives a declined payment back to the shopper with the cart usable and no stock held', async () => {
    const cart = await readyCart(app, shop, { provider: 'pp_test' })
    const before = await stockOf(app, shop.shirt)
    provider.declineAuthorizations = true

    const declined = await complete(cart.id).finally(() => {
      provider.declineAuthorizations = false
    })

    expect(declined.body).toMatchObject({
      type: 'cart',
      cart: { id: cart.id },
      error: { message: 'Your card was declined' },
    })
    expect(await stockOf(app, shop.shirt)).toEqual(before)
    const { payment_collection } = await store(app, shop, 'POST', '/store/payment-collections', {
      cart_id: cart.id,
    })
    await store(app, shop, 'POST', `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
      provider_id: 'pp_test',
    })
    expect((await complete(cart.id)).body.type).toBe('order')
  })

  it('retries a provider that was unavailable with the same idempotency key', async () => {
    const cart = await readyCart(app, shop, { provider: 'pp_test' })
    provider.unavailableOnce('authorize')

    const { body } = await complete(cart.id)

    expect(body.type).toBe('order')
    const authorizations = provider.calls.filter(
      (call) => call.method === 'authorize' && call.key === `${cart.session.id}:authorize`,
    )
    expect(authorizations).toHaveLength(2)
  })

  it('cancels the authorization when the stock is gone by the time the order is placed', async () => {
    const limited = await variantWithStock(1)
    const first = await readyCart(app, shop, {
      items: [{ variant_id: limited, quantity: 1 }],
      provider: 'pp_test',
    })
    const second = await readyCart(app, shop, {
      items: [{ variant_id: limited, quantity: 1 }],
      provider: 'pp_test',
    })
    expect((await complete(first.id)).body.type).toBe('order')

    const { body } = await complete(second.id)

    expect(body).toMatchObject({ type: 'cart', cart: { id: second.id } })
    expect(body.error.message).toMatch(/inventory/)
    expect(provider.payments.get(String(second.session.data.id))?.status).toBe('canceled')
    expect(await stockOf(app, limited)).toMatchObject({ reserved_quantity: 1, stocked_quantity: 1 })
    const cart = await store(app, shop, 'GET', `/store/carts/${second.id}`)
    expect(cart.cart.completed_at).toBeUndefined()
  })

  describe('a provider the region turns off while the shopper is paying with it', () => {
    const offerOnly = (providers: string[]) =>
      admin(app, 'POST', `/admin/regions/${shop.region}`, { payment_providers: providers })
    afterEach(() => offerOnly(['pp_system_default', 'pp_test']))

    const paymentsOfCart = (cartId: string) => knexOf(app.db.em())('payment').where({ cart_id: cartId })

    it('refuses the completion with a 400, places no order and cancels what the provider holds', async () => {
      // Given a shopper started paying with pp_test, and then the merchant turned it off in the region
      const ready = await readyCart(app, shop, { provider: 'pp_test' })
      const stockBefore = await stockOf(app, shop.shirt)
      await offerOnly(['pp_system_default'])

      // When the shopper completes the cart
      const refused = await complete(ready.id)

      // Then it is refused, saying why, with nothing written and nothing held on the card
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({ type: 'invalid_data' })
      expect(refused.body.message).toMatch(/pp_test is no longer offered in the cart's region/)
      expect(Number(await ordersOfCart(ready.id))).toBe(0)
      expect(await paymentsOfCart(ready.id)).toEqual([])
      expect(provider.payments.get(String(ready.session.data.id))?.status).toBe('canceled')
      expect(await stockOf(app, shop.shirt)).toEqual(stockBefore)
      const { cart } = await store(app, shop, 'GET', `/store/carts/${ready.id}`)
      expect(cart.completed_at).toBeUndefined()
      expect(cart.payment_collection).toMatchObject({
        status: 'not_paid',
        payment_providers: [{ id: 'pp_system_default' }],
        payment_sessions: [],
      })

      // And paying with a provider the region offers places the order
      await store(
        app,
        shop,
        'POST',
        `/store/payment-collections/${cart.payment_collection.id}/payment-sessions`,
        {
          provider_id: 'pp_system_default',
        },
      )
      expect((await complete(ready.id)).body.type).toBe('order')
    })

    it('voids a payment authorized before the provider was turned off instead of leaving it held', async () => {
      // Given a payment authorized for the cart (a completion that crashed before placing the order)
      const ready = await readyCart(app, shop, { provider: 'pp_test' })
      const { cart } = await store(app, shop, 'GET', `/store/carts/${ready.id}`)
      const payment = await app.container.resolve<PaymentService>('paymentService').authorizeCart(cart)
      await offerOnly(['pp_system_default'])

      const refused = await complete(ready.id)

      expect(refused.status).toBe(400)
      expect(Number(await ordersOfCart(ready.id))).toBe(0)
      const [row] = await paymentsOfCart(ready.id)
      expect(row).toMatchObject({ id: payment.id, order_id: null })
      expect(row.canceled_at).not.toBeNull()
      expect(provider.payments.get(String(ready.session.data.id))?.status).toBe('canceled')
    })
  })

  it('places one order with one capture when the webhook and the shopper complete together', async () => {
    provider.autoCapture = true
    const cart = await readyCart(app, shop, { provider: 'pp_test' })
    const webhook = provider.signedWebhook({
      type: 'payment.captured',
      payment_id: String(cart.session.data.id),
      amount: cart.total,
    })

    const [hook, completion] = await Promise.all([
      app.request('POST', '/hooks/payment/test', { rawBody: webhook.body, headers: webhook.headers }),
      complete(cart.id),
    ]).finally(() => {
      provider.autoCapture = false
    })

    expect(hook.status).toBe(200)
    expect(completion.body.type).toBe('order')
    expect(Number(await ordersOfCart(cart.id))).toBe(1)
    const { order } = await admin(app, 'GET', `/admin/orders/${completion.body.order.id}`)
    expect(order.payment_status).toBe('captured')
    expect(order.payments).toHaveLength(1)
    expect(order.payments[0].captures).toHaveLength(1)
    expect(order.payments[0].captured_amount).toBe(cart.total)
    expect(provider.payments.get(String(cart.session.data.id))?.captured).toBe(cart.total)
  })

  it('completes the cart from an authorized webhook when the shopper never comes back', async () => {
    const cart = await readyCart(app, shop, { provider: 'pp_test' })
    const webhook = provider.signedWebhook({
      type: 'payment.authorized',
      payment_id: String(cart.session.data.id),
      amount: cart.total,
    })

    const hook = await app.request('POST', '/hooks/payment/test', {
      rawBody: webhook.body,
      headers: webhook.headers,
    })

    expect(hook.status).toBe(200)
    expect(Number(await ordersOfCart(cart.id))).toBe(1)
    const { body } = await complete(cart.id)
    expect(body).toMatchObject({ type: 'order', order: { payment_status: 'authorized' } })
  })

  it('rejects a webhook with a bad signature and changes nothing', async () => {
    const cart = await readyCart(app, shop, { provider: 'pp_test' })
    const forged = provider.signedWebhook(
      { type: 'payment.captured', payment_id: String(cart.session.data.id), amount: cart.total },
      'not-the-secret',
    )
    const calls = provider.calls.length

    const hook = await app.request('POST', '/hooks/payment/test', {
      rawBody: forged.body,
      headers: forged.headers,
    })

    expect(hook.status).toBe(401)
    expect(hook.body.type).toBe('unauthorized')
    expect(Number(await ordersOfCart(cart.id))).toBe(0)
    expect(provider.calls.length).toBe(calls)
    expect(await knexOf(app.db.em())('payment').where({ cart_id: cart.id })).toHaveLength(0)
  })

  it('answers a cart that is not ready with a 400 saying what is missing', async () => {
    const { cart } = await store(app, shop, 'POST', '/store/carts', {
      region_id: shop.region,
      items: [{ variant_id: shop.mug, quantity: 1 }],
    })
    const { status, body } = await complete(cart.id)
    expect(status).toBe(400)
    expect(body.message).toMatch(/email/)
  })

  describe('reconciling payments without an order', () => {
    const completion = () => app.container.resolve<CartCompletion>('cartCompletion')
    const payments = () => app.container.resolve<PaymentService>('paymentService')

    it('completes the order of a payment authorized just before a crash', async () => {
      const ready = await readyCart(app, shop, { provider: 'pp_test' })
      const cart = await store(app, shop, 'GET', `/store/carts/${ready.id}`)
      const payment = await payments().authorizeCart(cart.cart)

      const outcome = await completion().reconcile(0)

      expect(outcome.completed).toBeGreaterThanOrEqual(1)
      expect((await payments().retrievePayment(payment.id)).order_id).toBeTruthy()
      expect(Number(await ordersOfCart(ready.id))).toBe(1)
    })

    it('gives the money back when the cart can no longer become an order', async () => {
      const limited = await variantWithStock(1)
      const ready = await readyCart(app, shop, {
        items: [{ variant_id: limited, quantity: 1 }],
        provider: 'pp_test',
      })
      const cart = await store(app, shop, 'GET', `/store/carts/${ready.id}`)
      const payment = await payments().authorizeCart(cart.cart)
      await admin(app, 'POST', '/admin/inventory/adjustments', {
        variant_id: limited,
        location_id: shop.warehouse,
        adjustment: -1,
      })

      await completion().reconcile(0)

      const after = await payments().retrievePayment(payment.id)
      expect(after.order_id).toBeNull()
      expect(after.canceled_at).not.toBeNull()
      expect(provider.payments.get(String(ready.session.data.id))?.status).toBe('canceled')
      expect(Number(await ordersOfCart(ready.id))).toBe(0)
    })
  })
})
