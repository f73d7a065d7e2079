// Orders after checkout, as staff and shoppers see them: staff capture, refund, fulfil, ship,
// deliver, cancel and take returns, each recorded on the timeline with its event, each wrong step a
// clear 4xx; shoppers read their own orders and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knexOf } from '../../infra/database'
import { createTestApp, type TestApp } from '../../testing'
import {
  admin,
  placeOrder as placeOrderIn,
  readyCart,
  type Shop,
  seedShop,
  signedInCustomer,
  stockOf,
  store,
} from '../../testing/shop'
import { TestPaymentProvider, testPaymentPlugin } from './fixtures/test-payment-plugin'

describe('orders', () => {
  let app: TestApp
  let shop: Shop
  const provider = new TestPaymentProvider('whsec_orders_test')

  beforeAll(async () => {
    app = await createTestApp({ plugins: [testPaymentPlugin(provider)] })
    shop = await seedShop(app)
  })
  afterAll(async () => {
    await app.close()
  })

  /** A placed order: one shirt (2500) and two mugs (1200 each), shipping 500. */
  async function placeOrder(options: { provider?: string; headers?: Record<string, string> } = {}) {
    return placeOrderIn<{
      id: string
      total: number
      access_token: string
      items: Array<{ id: string; variant_id: string; quantity: number }>
    }>(app, shop, { provider: options.provider ?? 'pp_test', headers: options.headers })
  }

  const act = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request('POST', path, { body, headers: { ...app.adminHeaders, ...headers } })

  const itemOf = (order: { items: Array<{ id: string; variant_id: string }> }, variantId: string) =>
    order.items.find((item) => item.variant_id === variantId)!

  const outboxNames = async (orderId: string) =>
    (await knexOf(app.db.em())('event_outbox').select('name', 'data'))
      .filter((row) => (typeof row.data === 'string' ? row.data : JSON.stringify(row.data)).includes(orderId))
      .map((row) => row.name as string)

  describe('payments', () => {
    it('captures part of the payment, then the rest, and refuses to capture more', async () => {
      const order = await placeOrder()

      const partial = await act(`/admin/orders/${order.id}/capture`, { amount: 1000 })
      expect(partial.status).toBe(200)
      expect(partial.body.order.payment_status).toBe('partially_captured')
      const rest = await act(`/admin/orders/${order.id}/capture`, {})
      expect(rest.body.order.payment_status).toBe('captured')
      expect(rest.body.order.summary.paid_total).toBe(order.total)

      const again = await act(`/admin/orders/${order.id}/capture`, { amount: 1 })
      expect(again.status).toBe(409)
      expect(again.body.message).toMatch(/captured in full/)
    })

    it('refunds part, then all, and never more than was captured', async () => {
      const order = await placeOrder()
      await act(`/admin/orders/${order.id}/capture`, { amount: 3000 })

      const tooMuch = await act(`/admin/orders/${order.id}/refund`, { amount: 3001 })
      expect(tooMuch.status).toBe(409)
      expect(tooMuch.body.message).toMatch(/only 3000 was captured/)
      const part = await act(`/admin/orders/${order.id}/refund`, { amount: 1000, note: 'scratched' })
      expect(part.body.order.payment_status).toBe('partially_refunded')
      const rest = await act(`/admin/orders/${order.id}/refund`, { amount: 2000 })
      expect(rest.body.order).toMatchObject({
        payment_status: 'refunded',
        summary: { paid_total: 3000, refunded_total: 3000 },
      })
    })

    it('moves money once for a capture retried with the same Idempotency-Key', async () => {
      const order = await placeOrder()
      const key = { 'idempotency-key': `capture-${order.id}` }
      const first = await act(`/admin/orders/${order.id}/capture`, { amount: 500 }, key)
      const retry = await act(`/admin/orders/${order.id}/capture`, { amount: 500 }, key)
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      expect(retry.body.order.summary.paid_total).toBe(500)
      expect(first.body.order.payments[0].captures).toHaveLength(1)
    })

    it('refuses a refund of nothing with a 400', async () => {
      const order = await placeOrder()
      const { status, body } = await act(`/admin/orders/${order.id}/refund`, { amount: 0 })
      expect(status).toBe(400)
      expect(body.message).toMatch(/amount/)
    })
  })

  describe('fulfilment', () => {
    it('fulfils items from their reservation, ships them with tracking numbers and delivers them', async () => {
      const before = await stockOf(app, shop.mug)
      const order = await placeOrder()
      const mug = itemOf(order, shop.mug)

      const fulfilled = await act(`/admin/orders/${order.id}/fulfillments`, {
        items: [{ id: mug.id, quantity: 2 }],
      })
      expect(fulfilled.body.order.fulfillment_status).toBe('partially_fulfilled')
      expect(await stockOf(app, shop.mug)).toMatchObject({
        stocked_quantity: before.stocked_quantity - 2,
        reserved_quantity: before.reserved_quantity,
      })
      const fulfillmentId = fulfilled.body.order.fulfillments[0].id

      const early = await act(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/mark-as-delivered`)
      expect(early.status).toBe(409)
      expect(early.body.message).toMatch(/not shipped/)

      const shipped = await act(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/shipments`, {
        tracking_numbers: ['1Z999'],
      })
      expect(shipped.body.order.fulfillments[0].tracking_numbers).toEqual(['1Z999'])
      expect(shipped.body.order.fulfillment_status).toBe('partially_shipped')
      const twice = await act(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/shipments`, {})
      expect(twice.status).toBe(409)

      const rest = await act(`/admin/orders/${order.id}/fulfillments`, {})
      const second = rest.body.order.fulfillments[1].id
      await act(`/admin/orders/${order.id}/fulfillments/${second}/shipments`, { tracking_numbers: ['1Z998'] })
      await act(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/mark-as-delivered`)
      const delivered = await act(`/admin/orders/${order.id}/fulfillments/${second}/mark-as-delivered`)
      expect(delivered.body.order).toMatchObject({ fulfillment_status: 'delivered', status: 'completed' })
    })

    it('refuses to fulfil more than was ordered', async () => {
      const order = await placeOrder()
      const shirt = itemOf(order, shop.shirt)
      const { status, body } = await act(`/admin/orders/${order.id}/fulfillments`, {
        items: [{ id: shirt.id, quantity: 2 }],
      })
      expect(status).toBe(409)
      expect(body.message).toMatch(/only 1 can be/)
    })

    it('answers 404 for a fulfillment that is not on the order', async () => {
      const order = await placeOrder()
      const { status } = await act(`/admin/orders/${order.id}/fulfillments/ful_missing/shipments`, {})
      expect(status).toBe(404)
    })
  })

  describe('cancel', () => {
    it('releases the stock and voids the authorization of an unfulfilled order', async () => {
      const before = await stockOf(app, shop.shirt)
      const order = await placeOrder()
      expect((await stockOf(app, shop.shirt)).reserved_quantity).toBe(before.reserved_quantity + 1)

      const { status, body } = await act(`/admin/orders/${order.id}/cancel`)

      expect(status).toBe(200)
      expect(body.order).toMatchObject({ status: 'canceled', payment_status: 'canceled' })
      expect(await stockOf(app, shop.shirt)).toEqual(before)
      const providerPayment = [...provider.payments.values()].at(-1)
      expect(providerPayment?.status).toBe('canceled')
    })

    it('refunds what was captured when a captured order is canceled', async () => {
      const order = await placeOrder()
      await act(`/admin/orders/${order.id}/capture`, {})
      const { body } = await act(`/admin/orders/${order.id}/cancel`)
      expect(body.order).toMatchObject({
        status: 'canceled',
        payment_status: 'refunded',
        summary: { refunded_total: order.total },
      })
    })

    it('refunds the part captured and voids the rest of the authorization when a partly captured order is canceled', async () => {
      const order = await placeOrder()
      await act(`/admin/orders/${order.id}/capture`, { amount: 1000 })

      const { status, body } = await act(`/admin/orders/${order.id}/cancel`)

      expect(status).toBe(200)
      expect(body.order).toMatchObject({
        status: 'canceled',
        payment_status: 'refunded',
        summary: { refunded_total: 1000 },
      })
      const providerPayment = [...provider.payments.values()].at(-1)
      expect(providerPayment).toMatchObject({ status: 'canceled', captured: 1000, refunded: 1000 })
      const { timeline } = (
        await app.request('GET', `/admin/orders/${order.id}`, { headers: app.adminHeaders })
      ).body.order
      expect(timeline.find((entry: { event: string }) => entry.event === 'order.canceled')?.data).toEqual({
        refunded: 1000,
        voided: true,
      })
    })

    it('refuses to cancel a shipped order, or one canceled already', async () => {
      const order = await placeOrder()
      const fulfilled = await act(`/admin/orders/${order.id}/fulfillments`, {})
      await act(
        `/admin/orders/${order.id}/fulfillments/${fulfilled.body.order.fulfillments[0].id}/shipments`,
        {},
      )
      const shipped = await act(`/admin/orders/${order.id}/cancel`)
      expect(shipped.status).toBe(409)
      expect(shipped.body.message).toMatch(/shipped cannot be canceled/)

      const other = await placeOrder()
      await act(`/admin/orders/${other.id}/cancel`)
      const again = await act(`/admin/orders/${other.id}/cancel`)
      expect(again.status).toBe(409)
      const capture = await act(`/admin/orders/${other.id}/capture`, {})
      expect(capture.status).toBe(409)
    })
  })

  describe('returns', () => {
    it('receives returned items back into stock and refunds them', async () => {
      const order = await placeOrder()
      const mug = itemOf(order, shop.mug)
      await act(`/admin/orders/${order.id}/capture`, {})
      const fulfilled = await act(`/admin/orders/${order.id}/fulfillments`, {})
      await act(
        `/admin/orders/${order.id}/fulfillments/${fulfilled.body.order.fulfillments[0].id}/shipments`,
        {},
      )
      const shipped = await stockOf(app, shop.mug)

      const requested = await act(`/admin/orders/${order.id}/returns`, {
        items: [{ id: mug.id, quantity: 1 }],
      })
      expect(requested.status).toBe(200)
      const received = await act(`/admin/orders/${order.id}/returns/${requested.body.return_id}/receive`, {
        restock: true,
        refund_amount: 1200,
      })

      expect(received.body.order.returns[0]).toMatchObject({
        status: 'received',
        restocked: true,
        refund_amount: 1200,
      })
      expect(received.body.order).toMatchObject({
        payment_status: 'partially_refunded',
        summary: { refunded_total: 1200 },
      })
      expect((await stockOf(app, shop.mug)).stocked_quantity).toBe(shipped.stocked_quantity + 1)
      const again = await act(`/admin/orders/${order.id}/returns/${requested.body.return_id}/receive`, {})
      expect(again.status).toBe(409)
    })

    it('refuses to return items that were not shipped', async () => {
      const order = await placeOrder()
      const { status, body } = await act(`/admin/orders/${order.id}/returns`, {
        items: [{ id: itemOf(order, shop.mug).id, quantity: 1 }],
      })
      expect(status).toBe(409)
      expect(body.message).toMatch(/only 0 can be/)
    })
  })

  it('lets support staff read orders but only order staff move money', async () => {
    const order = await placeOrder()
    const support = await app.createStaff('support')
    const clerk = await app.createStaff('orders')

    const read = await app.request('GET', `/admin/orders/${order.id}`, { headers: support.headers })
    expect(read.status).toBe(200)
    const refused = await app.request('POST', `/admin/orders/${order.id}/capture`, {
      body: {},
      headers: support.headers,
    })
    expect(refused.status).toBe(403)
    const captured = await app.request('POST', `/admin/orders/${order.id}/capture`, {
      body: {},
      headers: clerk.headers,
    })
    expect(captured.body.order.payment_status).toBe('captured')
  })

  it('keeps a timeline of every change and emits each as an event', async () => {
    const order = await placeOrder()
    await act(`/admin/orders/${order.id}/capture`, { amount: 100 })
    await act(`/admin/orders/${order.id}/refund`, { amount: 100 })
    const fulfilled = await act(`/admin/orders/${order.id}/fulfillments`, {})
    const fulfillment = fulfilled.body.order.fulfillments[0].id
    await act(`/admin/orders/${order.id}/fulfillments/${fulfillment}/shipments`, { tracking_numbers: ['T1'] })
    await act(`/admin/orders/${order.id}/fulfillments/${fulfillment}/mark-as-delivered`)

    const { order: detail } = await admin(app, 'GET', `/admin/orders/${order.id}`)

    const expected = [
      'order.placed',
      'order.payment_captured',
      'order.refunded',
      'order.fulfillment_created',
      'order.shipment_created',
      'order.delivered',
    ]
    expect(detail.timeline.map((entry: { event: string }) => entry.event)).toEqual(expected)
    expect((await outboxNames(order.id)).filter((name) => name.startsWith('order.'))).toEqual(expected)
  })

  it('lists orders by status, payment and fulfillment status, email, total, date and display id', async () => {
    const canceled = await placeOrder()
    await act(`/admin/orders/${canceled.id}/cancel`)
    const { order: detail } = await admin(app, 'GET', `/admin/orders/${canceled.id}`)

    const list = async (query: string) =>
      (await admin(app, 'GET', `/admin/orders?${query}`)).orders.map((order: { id: string }) => order.id)

    expect(await list('status=canceled')).toContain(canceled.id)
    expect(await list('status=pending')).not.toContain(canceled.id)
    expect(await list('payment_status[]=canceled&fulfillment_status=canceled')).toContain(canceled.id)
    expect(await list('email=ada@example.com&limit=1000')).toContain(canceled.id)
    expect(await list('email=nobody@example.com')).toEqual([])
    expect(await list(`total[gte]=${canceled.total}&total[lte]=${canceled.total}`)).toContain(canceled.id)
    expect(await list(`total[gt]=${canceled.total}`)).not.toContain(canceled.id)
    expect(await list(`q=${detail.display_id}`)).toEqual([canceled.id])
    const since = encodeURIComponent(detail.created_at)
    expect(await list(`created_at[gte]=${since}`)).toContain(canceled.id)
    expect(await list(`created_at[lt]=${since}`)).not.toContain(canceled.id)
    const page = await admin(app, 'GET', '/admin/orders?limit=2&offset=1')
    expect(page).toMatchObject({ limit: 2, offset: 1 })
    expect(page.orders).toHaveLength(2)
    expect(page.count).toBeGreaterThanOrEqual(3)
  })

  it('refuses a bad filter with a 400', async () => {
    const { status, body } = await app.request('GET', '/admin/orders?created_at[gte]=yesterday', {
      headers: app.adminHeaders,
    })
    expect(status).toBe(400)
    expect(body.message).toMatch(/created_at/)
  })

  describe('shoppers', () => {
    it('lets a guest read their order right after placing it, and later only with its access token', async () => {
      const order = await placeOrder({ provider: 'pp_system_default' })
      const now = await app.request('GET', `/store/orders/${order.id}`, { headers: shop.store })
      expect(now.status).toBe(200)
      expect(now.body.order.id).toBe(order.id)

      await knexOf(app.db.em())('order')
        .where({ id: order.id })
        .update({ created_at: new Date(Date.now() - 2 * 3600 * 1000) })

      const later = await app.request('GET', `/store/orders/${order.id}`, { headers: shop.store })
      expect(later.status).toBe(404)
      const wrongToken = await app.request('GET', `/store/orders/${order.id}?access_token=nope`, {
        headers: shop.store,
      })
      expect(wrongToken.status).toBe(404)
      const withToken = await app.request(
        'GET',
        `/store/orders/${order.id}?access_token=${order.access_token}`,
        {
          headers: shop.store,
        },
      )
      expect(withToken.status).toBe(200)
    })

    it("lists a customer's own orders and shows them to nobody else", async () => {
      const ada = await signedInCustomer(app, shop, 'ada.owner@example.com')
      const bob = await signedInCustomer(app, shop, 'bob.other@example.com')
      const order = await placeOrder({ headers: ada.headers })

      const mine = await store(app, shop, 'GET', '/store/orders', undefined, ada.headers)
      expect(mine.orders.map((found: { id: string }) => found.id)).toEqual([order.id])
      expect(mine.orders[0].customer_id).toBe(ada.id)
      expect(
        (await store(app, shop, 'GET', `/store/orders/${order.id}`, undefined, ada.headers)).order.id,
      ).toBe(order.id)

      const theirs = await store(app, shop, 'GET', '/store/orders', undefined, bob.headers)
      expect(theirs.orders).toEqual([])
      for (const headers of [bob.headers, {}]) {
        const { status } = await app.request('GET', `/store/orders/${order.id}`, {
          headers: { ...shop.store, ...headers },
        })
        expect(status).toBe(404)
      }
      const withToken = await app.request(
        'GET',
        `/store/orders/${order.id}?access_token=${order.access_token}`,
        {
          headers: { ...shop.store, ...bob.headers },
        },
      )
      expect(withToken.status).toBe(404)
    })

    it("answers 404 to anyone completing another customer's cart", async () => {
      const ada = await signedInCustomer(app, shop, 'ada.cart@example.com')
      const bob = await signedInCustomer(app, shop, 'bob.cart@example.com')
      const cart = await readyCart(app, shop, { headers: ada.headers })
      for (const headers of [bob.headers, {}]) {
        const { status } = await app.request('POST', `/store/carts/${cart.id}/complete`, {
          headers: { ...shop.store, ...headers },
        })
        expect(status).toBe(404)
      }
      const { body } = await app.request('POST', `/store/carts/${cart.id}/complete`, {
        headers: { ...shop.store, ...ada.headers },
      })
      expect(body).toMatchObject({ type: 'order', order: { customer_id: ada.id } })
    })

    it('asks a guest to sign in to list orders', async () => {
      const { status } = await app.request('GET', '/store/orders', { headers: shop.store })
      expect(status).toBe(401)
    })

    it('answers 404 for an order that does not exist', async () => {
      const { status } = await app.request('GET', '/store/orders/order_missing', { headers: shop.store })
      expect(status).toBe(404)
    })

    it('needs a publishable key to read an order', async () => {
      const order = await placeOrder({ provider: 'pp_system_default' })
      const { status } = await app.request('GET', `/store/orders/${order.id}`)
      expect(status).toBe(400)
      expect(await store(app, shop, 'GET', `/store/orders/${order.id}`)).toHaveProperty('order.id', order.id)
    })
  })
})
