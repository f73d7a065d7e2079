// A shopper's cart through the Store API, as a Medusa storefront drives it: the Medusa JS SDK builds a
// cart (items, address, shipping, promotion code) and every total is exact, in tax-exclusive and
// tax-inclusive regions; prices come from the catalog only; bad input gets clear 4xx answers; a
// customer's cart is invisible to everyone else; a completed cart cannot change.
import type Medusa from '@medusajs/js-sdk'
import type { HttpTypes } from '@medusajs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, openTestShop, type TestShop } from '../../testing/shop'
import type { StoreShippingOptionView } from '../fulfillment/store-routes'
import type { CartView } from './schemas'
import type { CartService } from './service'

// Medusa's types give every line a back-reference to its cart (and every tax line and adjustment one
// to its line) that its API never sends, and type timestamps as Date, which JSON cannot carry.
type Line = HttpTypes.StoreCartLineItem
type Method = HttpTypes.StoreCartShippingMethod
type SentLine = Omit<Line, 'cart' | 'tax_lines' | 'adjustments' | 'created_at' | 'updated_at'> & {
  tax_lines?: Array<Omit<NonNullable<Line['tax_lines']>[number], 'item'>>
  adjustments?: Array<Omit<NonNullable<Line['adjustments']>[number], 'item'>>
}
type SentMethod = Omit<Method, 'tax_lines' | 'adjustments'> & {
  tax_lines?: Array<Omit<NonNullable<Method['tax_lines']>[number], 'shipping_method'>>
  adjustments?: Array<Omit<NonNullable<Method['adjustments']>[number], 'shipping_method'>>
}
// The payment collection is the payment module's to shape; the cart passes it through.
type SentCart = Omit<HttpTypes.StoreCart, 'items' | 'shipping_methods' | 'payment_collection'> & {
  items?: SentLine[]
  shipping_methods?: SentMethod[]
}
type SentShippingOption = Omit<
  HttpTypes.StoreCartShippingOption,
  'service_zone_id' | 'shipping_profile_id'
> & {
  service_zone_id: string | null
  shipping_profile_id: string | null
}

describe('cart through the Store API', () => {
  let shop: TestShop
  let sdk: Medusa
  let headers: Record<string, string>

  beforeAll(async () => {
    shop = await openTestShop()
    sdk = shop.sdk
    headers = shop.headers
  })
  afterAll(async () => {
    await shop?.close()
  })

  const carts = () => shop.app.container.resolve<CartService>('cartService')

  it('builds a cart with the Medusa JS SDK, with exact totals (tax added, 10 % off the order)', async () => {
    await admin(shop.app, 'POST', '/admin/promotions', {
      code: 'WELCOME10',
      application_method: { type: 'percentage', value: 10, target_type: 'order' },
    })
    const { cart: created } = await sdk.store.cart.create({ region_id: shop.us, email: 'ada@example.com' })
    expect(created).toMatchObject({ currency_code: 'usd', region_id: shop.us, total: 0, items: [] })

    await sdk.store.cart.createLineItem(created.id, { variant_id: shop.shirt.s, quantity: 2 })
    await sdk.store.cart.createLineItem(created.id, { variant_id: shop.mug.variant, quantity: 1 })
    await sdk.store.cart.update(created.id, {
      shipping_address: {
        first_name: 'Ada',
        address_1: '1 Main St',
        city: 'New York',
        country_code: 'us',
        province: 'ny',
      },
    })
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: created.id })
    expect(shipping_options.map((option) => [option.name, option.amount])).toEqual([
      ['Standard', 0], // 102.50 of items reaches the 100.00 threshold
      ['Express', 1500],
    ])
    await sdk.store.cart.addShippingMethod(created.id, { option_id: shop.standardUs })
    const { cart } = await sdk.store.cart.update(created.id, { promo_codes: ['welcome10'] })

    // Items 2 × 45.00 + 12.50 = 102.50; 10 % off is 10.25 (9.00 + 1.25), leaving 92.25, under the
    // free-shipping threshold, so Standard costs 5.00; NY tax 8.875 % on 81.00, 11.25 and 5.00.
    expect(cart.items?.map((item) => [item.variant_sku, item.unit_price, item.quantity])).toEqual([
      ['SHIRT-S', 4500, 2],
      ['MUG', 1250, 1],
    ])
    const shirt = cart.items!.find((item) => item.variant_sku === 'SHIRT-S')!
    expect(shirt).toMatchObject({ subtotal: 9000, discount_total: 980, tax_total: 719, total: 8819 })
    expect(shirt.adjustments?.map((adjustment) => [adjustment.code, adjustment.amount])).toEqual([
      ['WELCOME10', 900],
    ])
    expect(shirt.tax_lines?.map((line) => [line.code, line.rate, line.total])).toEqual([['NY', 8.875, 719]])
    expect(cart.shipping_methods?.map((method) => [method.name, method.amount, method.tax_total])).toEqual([
      ['Standard', 500, 44],
    ])
    expect(cart).toMatchObject({
      item_subtotal: 10250,
      item_tax_total: 819,
      item_total: 10044,
      shipping_subtotal: 500,
      shipping_tax_total: 44,
      shipping_total: 544,
      discount_total: 1116,
      discount_tax_total: 91,
      subtotal: 10750,
      tax_total: 863,
      original_total: 11704,
      total: 10588,
    })
    expect(cart.promotions.map((promotion) => promotion.code)).toEqual(['WELCOME10'])
  })

  it('answers with Medusa’s StoreCart and StoreCartShippingOption types', () => {
    // Type-level, checked by tsc: Shopwright's cart is a Medusa StoreCart as its API sends it.
    const asMedusaCart = (cart: CartView): SentCart => cart
    const asMedusaOption = (option: StoreShippingOptionView): SentShippingOption => option
    expect([asMedusaCart, asMedusaOption]).toHaveLength(2)
  })

  it('merges the same variant into one line, and removes a line at quantity 0 or on delete', async () => {
    const { cart } = await sdk.store.cart.create({ items: [{ variant_id: shop.mug.variant, quantity: 1 }] })
    expect(cart.region_id).toBe(shop.us) // the first region when none is named
    const { cart: merged } = await sdk.store.cart.createLineItem(cart.id, {
      variant_id: shop.mug.variant,
      quantity: 2,
    })
    expect(merged.items?.map((item) => item.quantity)).toEqual([3])
    const { cart: two } = await sdk.store.cart.createLineItem(cart.id, {
      variant_id: shop.shirt.m,
      quantity: 1,
    })
    const mugLine = two.items!.find((item) => item.variant_id === shop.mug.variant)!
    const shirtLine = two.items!.find((item) => item.variant_id === shop.shirt.m)!
    const { cart: updated } = await sdk.store.cart.updateLineItem(cart.id, mugLine.id, { quantity: 5 })
    expect(updated.items!.find((item) => item.id === mugLine.id)?.quantity).toBe(5)
    const { cart: zeroed } = await sdk.store.cart.updateLineItem(cart.id, mugLine.id, { quantity: 0 })
    expect(zeroed.items?.map((item) => item.id)).toEqual([shirtLine.id])
    const deleted = await sdk.store.cart.deleteLineItem(cart.id, shirtLine.id)
    expect(deleted).toMatchObject({ id: shirtLine.id, object: 'line-item', deleted: true })
    expect(deleted.parent?.items).toEqual([])
    expect(deleted.parent?.total).toBe(0)
  })

  it('contains the tax in a tax-inclusive region instead of adding it', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.eu,
      items: [
        { variant_id: shop.shirt.s, quantity: 1 },
        { variant_id: shop.mug.variant, quantity: 1 },
      ],
      shipping_address: { country_code: 'de', city: 'Berlin' },
    })
    const { cart: shipped } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.standardEu })
    // 42.00 + 11.90 + 4.95 shipping, each holding 19 % German VAT: 6.71, 1.90 and 0.79.
    expect(shipped.items?.every((item) => item.is_tax_inclusive)).toBe(true)
    expect(shipped).toMatchObject({
      currency_code: 'eur',
      item_total: 5390,
      item_tax_total: 861,
      item_subtotal: 4529,
      shipping_total: 495,
      shipping_tax_total: 79,
      shipping_subtotal: 416,
      tax_total: 940,
      subtotal: 4945,
      total: 5885,
    })
  })

  it('re-prices every line when the region changes, and drops the old region’s shipping', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: shop.shirt.s, quantity: 2 }],
    })
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.expressUs })
    const { cart: moved } = await sdk.store.cart.update(cart.id, { region_id: shop.eu })
    expect(moved).toMatchObject({ region_id: shop.eu, currency_code: 'eur', shipping_methods: [] })
    expect(moved.items?.map((item) => [item.unit_price, item.is_tax_inclusive])).toEqual([[4200, true]])
    expect(moved.item_total).toBe(8400)
  })

  it('prices each line from the catalog by its quantity tier and a live sale price list', async () => {
    const candle = (
      await admin(shop.app, 'POST', '/admin/products', {
        title: 'Beeswax Candle',
        status: 'published',
        sales_channel_ids: [shop.salesChannel],
        variants: [
          {
            title: 'Candle',
            manage_inventory: false,
            prices: [
              { currency_code: 'usd', amount: 2000 },
              { currency_code: 'usd', amount: 1500, min_quantity: 10 },
            ],
          },
        ],
      })
    ).product.variants[0].id
    await admin(shop.app, 'POST', '/admin/price-lists', {
      title: 'Candle sale',
      type: 'sale',
      status: 'active',
      prices: [{ variant_id: candle, currency_code: 'usd', amount: 1800 }],
    })
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: candle, quantity: 1 }],
    })
    expect(cart.items?.[0]?.unit_price).toBe(1800)
    const { cart: bulk } = await sdk.store.cart.updateLineItem(cart.id, cart.items![0]!.id, { quantity: 10 })
    expect([bulk.items?.[0]?.unit_price, bulk.item_subtotal]).toEqual([1500, 15000])
  })

  it('refuses a region where a line has no price, and changes nothing', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: shop.lamp.variant, quantity: 1 }],
    })
    const response = await shop.app.request('POST', `/store/carts/${cart.id}`, {
      headers,
      body: { region_id: shop.eu },
    })
    expect(response.status).toBe(400)
    expect(response.body.message).toContain('has no price in EUR')
    const { cart: after } = await sdk.store.cart.retrieve(cart.id)
    expect(after).toMatchObject({ region_id: shop.us, currency_code: 'usd', total: 8900 })
  })

  it('offers a zoned shipping option only to addresses in its zone, and refuses an option that does not fit', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.eu,
      shipping_address: { country_code: 'de' },
    })
    const german = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
    expect(german.shipping_options.map((option) => option.name)).toEqual(['Standard EU'])
    const zoned = await shop.app.request('POST', `/store/carts/${cart.id}/shipping-methods`, {
      headers,
      body: { option_id: shop.franceOnly },
    })
    expect(zoned.status).toBe(400)
    expect(zoned.body.message).toContain('does not ship to')
    const otherRegion = await shop.app.request('POST', `/store/carts/${cart.id}/shipping-methods`, {
      headers,
      body: { option_id: shop.standardUs },
    })
    expect(otherRegion.status).toBe(400)
    expect(otherRegion.body.message).toContain("not available in the cart's region")

    await sdk.store.cart.update(cart.id, { shipping_address: { country_code: 'fr' } })
    const french = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
    expect(
      french.shipping_options.map((option) => [option.name, option.calculated_price.calculated_amount]),
    ).toEqual([
      ['Standard EU', 495],
      ['Colissimo', 690],
    ])
  })

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const { cart } = await sdk.store.cart.create({ region_id: shop.us })
    const add = (body: unknown) =>
      shop.app.request('POST', `/store/carts/${cart.id}/line-items`, { headers, body })
    const cases: Array<[unknown, number, string]> = [
      [{ variant_id: 'variant_missing', quantity: 1 }, 400, 'variant_missing was not found'],
      [{ variant_id: shop.mug.variant, quantity: 0 }, 400, 'quantity'],
      [{ variant_id: shop.mug.variant, quantity: -2 }, 400, 'quantity'],
      [{ variant_id: shop.mug.variant, quantity: 1.5 }, 400, 'quantity'],
      [{ variant_id: shop.mug.variant, quantity: 10_000_000 }, 400, 'quantity'],
      [{ variant_id: shop.mug.variant, quantity: '3' }, 400, 'quantity'],
      [{ quantity: 1 }, 400, 'variant_id'],
      [{ variant_id: shop.draftVariant, quantity: 1 }, 400, 'not for sale'],
      [{ variant_id: shop.otherChannelVariant, quantity: 1 }, 400, 'not for sale'],
      [{ variant_id: shop.lamp.variant, quantity: 4 }, 409, 'required inventory'],
    ]
    for (const [body, status, message] of cases) {
      const response = await add(body)
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), status])
      expect(response.body.message).toContain(message)
    }
    const malformed = await shop.app.request('POST', `/store/carts/${cart.id}/line-items`, {
      headers: { ...headers, 'content-type': 'application/json' },
      rawBody: '{"variant_id": ',
    })
    expect(malformed.status).toBe(400)
    const unknownOption = await shop.app.request('POST', `/store/carts/${cart.id}/shipping-methods`, {
      headers,
      body: { option_id: 'so_missing' },
    })
    expect([unknownOption.status, unknownOption.body.message]).toEqual([
      400,
      'Shipping option so_missing was not found',
    ])
    const unknownCode = await shop.app.request('POST', `/store/carts/${cart.id}/promotions`, {
      headers,
      body: { promo_codes: ['NOPE'] },
    })
    expect([unknownCode.status, unknownCode.body.message]).toEqual([
      400,
      'The promotion code NOPE is invalid',
    ])
    const badCountry = await shop.app.request('POST', `/store/carts/${cart.id}`, {
      headers,
      body: { shipping_address: { country_code: 'de' } },
    })
    expect([badCountry.status, badCountry.body.message]).toEqual([
      400,
      'Country with code de is not within region North America',
    ])
    const missingCart = await shop.app.request('GET', '/store/carts/cart_missing', { headers })
    expect(missingCart.status).toBe(404)
    const missingLine = await shop.app.request('POST', `/store/carts/${cart.id}/line-items/cali_missing`, {
      headers,
      body: { quantity: 1 },
    })
    expect(missingLine.status).toBe(404)
    const noKey = await shop.app.request('GET', `/store/carts/${cart.id}`)
    expect(noKey.status).toBe(400)

    const { cart: after } = await sdk.store.cart.retrieve(cart.id)
    expect(after.items).toEqual([])
    expect(after.shipping_address).toBeUndefined()
  })

  it('never takes a price, total or quantity of money from the client', async () => {
    const line = await shop.app.request('POST', '/store/carts', {
      headers,
      body: { region_id: shop.us, items: [{ variant_id: shop.mug.variant, quantity: 1, unit_price: 1 }] },
    })
    expect(line.status).toBe(400)
    expect(line.body.message).toContain('unit_price')
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
    })
    for (const [path, body] of [
      [
        `/store/carts/${cart.id}/line-items`,
        { variant_id: shop.mug.variant, quantity: 1, unit_price: 1, total: 1 },
      ],
      [`/store/carts/${cart.id}/line-items/${cart.items![0]!.id}`, { quantity: 2, unit_price: 1 }],
      [`/store/carts/${cart.id}`, { total: 1, discount_total: 1250 }],
      [`/store/carts/${cart.id}/shipping-methods`, { option_id: shop.standardUs, amount: 0 }],
    ] as const) {
      const response = await shop.app.request('POST', path, { headers, body })
      expect([path, response.status]).toEqual([path, 400])
      expect(response.body.message).toMatch(/Unrecognized key/)
    }
    const { cart: after } = await sdk.store.cart.retrieve(cart.id)
    expect(after.items?.map((item) => [item.unit_price, item.quantity])).toEqual([[1250, 1]])
    expect(after.item_subtotal).toBe(1250)
  })

  it('keeps a customer’s cart from everyone else (404), and a guest cannot take a cart over (401)', async () => {
    const owned = await carts().createCart(
      { region_id: shop.us, items: [{ variant_id: shop.mug.variant, quantity: 1 }] },
      {
        sales_channel_ids: [shop.salesChannel],
        customer_id: 'cus_ada',
      },
    )
    expect(owned.customer_id).toBe('cus_ada')
    expect((await shop.app.request('GET', `/store/carts/${owned.id}`, { headers })).status).toBe(404)
    const change = await shop.app.request('POST', `/store/carts/${owned.id}/line-items`, {
      headers,
      body: { variant_id: shop.mug.variant, quantity: 1 },
    })
    expect(change.status).toBe(404)
    await expect(carts().retrieveCart(owned.id, 'cus_grace')).rejects.toThrow('was not found')
    expect((await carts().retrieveCart(owned.id, 'cus_ada')).items).toHaveLength(1)

    const { cart: guest } = await sdk.store.cart.create({})
    const takeOver = await shop.app.request('POST', `/store/carts/${guest.id}/customer`, { headers })
    expect(takeOver.status).toBe(401)
    const taken = await carts().setCustomer(guest.id, 'cus_grace')
    expect(taken.customer_id).toBe('cus_grace')
    expect((await shop.app.request('GET', `/store/carts/${guest.id}`, { headers })).status).toBe(404)
  })

  it('lets a signed-in customer take over a guest cart, after which only they can see or change it', async () => {
    const signUp = async (email: string) => {
      const password = 'correct horse battery'
      const registration = await shop.app.request('POST', '/auth/customer/emailpass/register', {
        body: { email, password },
      })
      await shop.app.request('POST', '/store/customers', {
        headers: { ...headers, authorization: `Bearer ${registration.body.token}` },
        body: { first_name: email.split('@')[0] },
      })
      const signIn = await shop.app.request('POST', '/auth/customer/emailpass', { body: { email, password } })
      return { ...headers, authorization: `Bearer ${signIn.body.token}` }
    }
    const ada = await signUp('ada.cart@example.com')
    const grace = await signUp('grace.cart@example.com')
    const { cart } = await sdk.store.cart.create({ items: [{ variant_id: shop.mug.variant, quantity: 1 }] })

    const taken = await shop.app.request('POST', `/store/carts/${cart.id}/customer`, { headers: ada })
    expect(taken.status).toBe(200)
    expect(taken.body.cart.customer_id).toEqual(expect.stringMatching(/^cus_/))
    expect(taken.body.cart.email).toBe('ada.cart@example.com')
    expect((await shop.app.request('GET', `/store/carts/${cart.id}`, { headers: ada })).status).toBe(200)
    for (const caller of [grace, headers]) {
      expect((await shop.app.request('GET', `/store/carts/${cart.id}`, { headers: caller })).status).toBe(404)
      const change = await shop.app.request('POST', `/store/carts/${cart.id}`, {
        headers: caller,
        body: { email: 'thief@example.com' },
      })
      expect(change.status).toBe(404)
    }
    const stolen = await shop.app.request('POST', `/store/carts/${cart.id}/customer`, { headers: grace })
    expect(stolen.status).toBe(404)
    const { body } = await shop.app.request('POST', '/store/carts', { headers: grace, body: {} })
    expect(body.cart.customer_id).toEqual(expect.stringMatching(/^cus_/))
    expect((await shop.app.request('GET', `/store/carts/${body.cart.id}`, { headers: ada })).status).toBe(404)
  })

  it('completes a cart once however many completions race, and refuses changes afterwards', async () => {
    const { cart } = await sdk.store.cart.create({ items: [{ variant_id: shop.mug.variant, quantity: 1 }] })
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => shop.app.db.transaction((em) => carts().markCompleted(em, cart.id))),
    )
    expect(outcomes.filter(Boolean)).toHaveLength(1)
    const change = await shop.app.request('POST', `/store/carts/${cart.id}/line-items`, {
      headers,
      body: { variant_id: shop.mug.variant, quantity: 1 },
    })
    expect(change.status).toBe(409)
    expect(change.body.message).toContain('already completed')
    const { cart: after } = await sdk.store.cart.retrieve(cart.id)
    expect(after.completed_at).toBeTruthy()
    expect(after.items?.[0]?.quantity).toBe(1)
  })

  it('records cart.created and cart.updated in the outbox', async () => {
    const { cart } = await sdk.store.cart.create({})
    await sdk.store.cart.update(cart.id, { email: 'grace@example.com' })
    const events = (await shop.app.db
      .knex()('event_outbox')
      .where('data', 'like', `%${cart.id}%`)
      .select('name')) as Array<{
      name: string
    }>
    expect(events.map((event) => event.name).sort()).toEqual(['cart.created', 'cart.updated'])
  })
})
