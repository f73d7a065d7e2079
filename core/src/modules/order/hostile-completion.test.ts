// Never a half-written order: completions of one cart race hostile and invalid changes to that same
// cart (a line removed mid-way, a quantity beyond the stock, a payment session for no provider, a
// declined card, malformed bodies). Afterwards there is one whole order or none, the stock reserved
// is exactly what orders hold, and the cart is still usable. (checkout.test.ts covers completions
// racing each other and shoppers racing for stock; this is the cart changing under a completion.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knexOf } from '../../infra/database'
import { createTestApp, type TestApp, type TestResponse } from '../../testing'
import { readyCart, type Shop, seedShop, stockedProduct, stockOf, store } from '../../testing/shop'
import { TestPaymentProvider, testPaymentPlugin } from './fixtures/test-payment-plugin'

const ROUNDS = 8

describe('hostile changes racing a cart completion', () => {
  let app: TestApp
  let shop: Shop
  let scarce: string
  const provider = new TestPaymentProvider('whsec_hostile_completion')

  beforeAll(async () => {
    app = await createTestApp({ plugins: [testPaymentPlugin(provider)] })
    shop = await seedShop(app)
    // A variant with 3 units: some rounds sell it, the later ones find it out of stock.
    const scarcePrint = await stockedProduct(app, shop, {
      title: 'Scarce Print',
      variants: [{ title: 'One', price: 3000, stock: 3 }],
    })
    scarce = scarcePrint.variants[0]!
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const call = (method: string, path: string, options: { body?: unknown; rawBody?: string } = {}) =>
    app.request(method, path, {
      ...options,
      headers: { ...shop.store, ...(options.rawBody && { 'content-type': 'application/json' }) },
    })

  /** The orders of a cart with their items, straight from the tables. */
  async function ordersOf(cartId: string) {
    const knex = knexOf(app.db.em())
    const orders = await knex('order').where({ cart_id: cartId })
    return Promise.all(
      orders.map(async (order) => ({
        ...order,
        items: await knex('order_line_item').where({ order_id: order.id }),
      })),
    )
  }

  /** Every variant's reserved stock equals what the orders' lines still hold reserved. */
  async function expectReservationsMatchOrders() {
    const held = await knexOf(app.db.em())('order_line_item')
      .whereNotNull('location_id')
      .groupBy('variant_id')
      .select('variant_id')
      .sum({ reserved: 'reserved_quantity' })
    const heldBy = new Map(held.map((row: any) => [row.variant_id, Number(row.reserved)]))
    for (const variant of [shop.shirt, shop.mug, scarce]) {
      expect((await stockOf(app, variant)).reserved_quantity, `reserved ${variant}`).toBe(
        heldBy.get(variant) ?? 0,
      )
    }
  }

  it('leaves one whole order or none, stock reserved only for orders, and the cart usable', {
    timeout: 120_000,
  }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Given a cart ready to complete with a shirt, two mugs and (while there is one) the scarce
      // print, paid by card
      const printLeft = (await stockOf(app, scarce)).available_quantity > 0
      const cart = await readyCart(app, shop, {
        items: [
          { variant_id: shop.shirt, quantity: 1 },
          { variant_id: shop.mug, quantity: 2 },
          ...(printLeft ? [{ variant_id: scarce, quantity: 1 }] : []),
        ],
        provider: 'pp_test',
      })
      const { cart: before } = await store(app, shop, 'GET', `/store/carts/${cart.id}`)
      const line = (variant: string) =>
        before.items.find((item: any) => item.variant_id === variant)?.id ?? 'item_sold_out'
      const collection = before.payment_collection.id
      provider.declineAuthorizations = round % 4 === 3

      // When completions race hostile and invalid changes to it
      const base = `/store/carts/${cart.id}`
      const racers: Array<() => Promise<TestResponse>> = [
        () => call('POST', `${base}/complete`),
        () => call('POST', `${base}/complete`, { body: { total: 1, items: [] } }),
        () => call('POST', `${base}/complete`, { rawBody: '{"total": ' }),
        () => call('DELETE', `${base}/line-items/${line(shop.mug)}`),
        () => call('POST', `${base}/line-items/${line(scarce)}`, { body: { quantity: 50 } }),
        () => call('POST', `${base}/line-items`, { body: { variant_id: scarce, quantity: 1_000_000 } }),
        () => call('POST', `${base}/line-items/${line(shop.shirt)}`, { body: { quantity: -3 } }),
        () =>
          call('POST', `/store/payment-collections/${collection}/payment-sessions`, {
            body: { provider_id: 'pp_does_not_exist' },
          }),
        () => call('POST', base, { body: { region_id: 'reg_unknown', email: 'not an email' } }),
        () => call('POST', `${base}/complete`),
      ]
      // Each round starts the racers at a different one, so every change gets a head start somewhere.
      const start = (round * 3) % racers.length
      const order = [...racers.slice(start), ...racers.slice(0, start)]
      const answers = await Promise.all(order.map((racer) => racer()))
      provider.declineAuthorizations = false

      // Then nothing was a server error
      for (const answer of answers) expect(answer.status, answer.text).toBeLessThan(500)

      // And there is one order or none, and an order is whole: it holds what the cart held
      const orders = await ordersOf(cart.id)
      expect(orders.length).toBeLessThanOrEqual(1)
      const { cart: after } = await store(app, shop, 'GET', `/store/carts/${cart.id}`)
      const payments = await knexOf(app.db.em())('payment').where({ cart_id: cart.id })
      if (orders.length === 1) {
        const [placed] = orders
        const quantities = (items: any[]) =>
          Object.fromEntries(items.map((item) => [item.variant_id, Number(item.quantity)]))
        expect(quantities(placed!.items)).toEqual(quantities(after.items))
        expect(after.completed_at).toBeTruthy()
        expect(payments.filter((payment) => payment.order_id === placed!.id)).toHaveLength(1)
        // And the completed cart refuses further changes with a clear 409
        const late = await call('POST', `${base}/line-items`, { body: { variant_id: shop.mug, quantity: 1 } })
        expect(late.status).toBe(409)
      } else {
        expect(after.completed_at).toBeFalsy()
      }
      // And no money is held for a cart without an order
      expect(payments.filter((payment) => !payment.order_id && !payment.canceled_at)).toEqual([])
      // And the stock reserved is exactly what the orders hold
      await expectReservationsMatchOrders()

      // And a cart left without an order can still be put right and completed
      if (orders.length === 0) {
        for (const item of after.items.filter((item: any) => item.variant_id === scarce)) {
          await store(app, shop, 'DELETE', `${base}/line-items/${item.id}`)
        }
        await store(app, shop, 'POST', `/store/payment-collections/${collection}/payment-sessions`, {
          provider_id: 'pp_test',
        })
        const completed = await call('POST', `${base}/complete`)
        expect(completed.body.type, completed.text).toBe('order')
        expect((await ordersOf(cart.id)).length).toBe(1)
        await expectReservationsMatchOrders()
      }
    }
  })
})
