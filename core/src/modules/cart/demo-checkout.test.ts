// The demo shop is ready to check out: the Medusa JS SDK builds a guest cart against a freshly seeded
// Shopwright (two items, an address, a shipping option, the welcome code) with taxes and totals, pays
// with the built-in provider and completes it into an order.
import Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoResult, seedDemo } from '../../seed/demo'
import { createTestApp, type TestApp } from '../../testing'

describe('checkout in the demo shop', () => {
  let app: TestApp
  let demo: DemoResult
  let sdk: Medusa

  beforeAll(async () => {
    app = await createTestApp()
    demo = await seedDemo(app)
    sdk = new Medusa({ baseUrl: app.url(), publishableKey: demo.publishableKey })
  }, 120_000)
  afterAll(() => app?.close())

  it('builds a guest cart in the tax-inclusive European region with the Medusa JS SDK', async () => {
    const eu = demo.regions[1]!
    const { products } = await sdk.store.product.list({ region_id: eu, limit: 2 })
    const [first, second] = products.map((product) => product.variants![0]!)
    const { cart } = await sdk.store.cart.create({ region_id: eu, email: 'guest@example.com' })
    await sdk.store.cart.createLineItem(cart.id, { variant_id: first!.id, quantity: 1 })
    await sdk.store.cart.createLineItem(cart.id, { variant_id: second!.id, quantity: 2 })
    await sdk.store.cart.update(cart.id, {
      shipping_address: {
        first_name: 'Lena',
        address_1: 'Torstraße 1',
        city: 'Berlin',
        country_code: 'de',
        postal_code: '10119',
      },
    })
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
    expect(shipping_options.map((option) => option.name)).toEqual(['Standard', 'Express'])
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[1]!.id })
    const { cart: done } = await sdk.store.cart.addPromotions(cart.id, { promo_codes: ['WELCOME10'] })

    const gross =
      first!.calculated_price!.calculated_amount! + 2 * second!.calculated_price!.calculated_amount!
    expect(done.original_item_total).toBe(gross)
    expect(done.discount_total).toBe(Math.round(gross * 0.1))
    expect(done.shipping_total).toBe(1495)
    expect(done.total).toBe(gross - Math.round(gross * 0.1) + 1495)
    // German VAT is contained in the prices: 19/119 of what is paid.
    expect(Math.abs(done.tax_total - (done.total * 19) / 119)).toBeLessThanOrEqual(2)
    expect(done.items?.every((item) => item.tax_lines?.[0]?.rate === 19)).toBe(true)

    // Then pays with the built-in provider and completes: the order carries the cart's totals.
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(done, {
      provider_id: 'pp_system_default',
    })
    const { cart: paying } = await sdk.store.cart.retrieve(cart.id)
    expect(paying.payment_collection?.id).toBe(payment_collection.id)
    const completed = await sdk.store.cart.complete(cart.id)
    expect(completed.type).toBe('order')
    if (completed.type !== 'order') return
    expect(completed.order).toMatchObject({ total: done.total, email: 'guest@example.com' })
    const again = await app.request('POST', `/store/carts/${cart.id}/line-items`, {
      headers: { 'x-publishable-api-key': demo.publishableKey },
      body: { variant_id: first!.id, quantity: 1 },
    })
    expect(again.status).toBe(409)
  })
})
