// Shipping options: managed through the Admin API, listed for a cart with the price it would pay
// (flat, or free once the items reach a sum), and refused when they do not fit the cart.
import type Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, openTestShop, type TestShop } from '../../testing/shop'

describe('shipping options', () => {
  let shop: TestShop
  let sdk: Medusa

  beforeAll(async () => {
    shop = await openTestShop()
    sdk = shop.sdk
  })
  afterAll(async () => {
    await shop?.close()
  })

  const pricesFor = async (cartId: string) =>
    (await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })).shipping_options.map((option) => [
      option.name,
      option.amount,
    ])

  it('is free once the items (after discounts) reach its threshold, and costs its flat amount below it', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: shop.shirt.s, quantity: 2 }],
    })
    expect(await pricesFor(cart.id)).toEqual([
      ['Standard', 500], // 90.00 is under 100.00
      ['Express', 1500],
    ])
    await sdk.store.cart.createLineItem(cart.id, { variant_id: shop.mug.variant, quantity: 1 })
    expect(await pricesFor(cart.id)).toEqual([
      ['Standard', 0],
      ['Express', 1500],
    ])
    const { cart: shipped } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.standardUs })
    expect(shipped.shipping_methods?.map((method) => [method.shipping_option_id, method.amount])).toEqual([
      [shop.standardUs, 0],
    ])
    const mugLine = shipped.items!.find((item) => item.variant_id === shop.mug.variant)!
    const { parent } = await sdk.store.cart.deleteLineItem(cart.id, mugLine.id)
    expect(parent?.shipping_total).toBe(500)
  })

  it('replaces the chosen shipping method when another is chosen', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
    })
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.standardUs })
    const { cart: express } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.expressUs })
    expect(express.shipping_methods?.map((method) => method.name)).toEqual(['Express'])
    expect(express.shipping_total).toBe(1500)
  })

  it('manages service zones and shipping options through the Admin API, recording events', async () => {
    const zone = (
      await admin(shop.app, 'POST', '/admin/service-zones', { name: 'Benelux', countries: ['NL', 'BE'] })
    ).service_zone
    expect(zone.countries).toEqual(['nl', 'be'])
    const option = (
      await admin(shop.app, 'POST', '/admin/shipping-options', {
        name: 'Bike courier',
        region_id: shop.eu,
        service_zone_id: zone.id,
        amount: 900,
        free_above: 5000,
      })
    ).shipping_option
    expect(option).toMatchObject({
      provider_id: 'manual_manual',
      price_type: 'flat',
      amount: 900,
      free_above: 5000,
    })
    const updated = (await admin(shop.app, 'POST', `/admin/shipping-options/${option.id}`, { amount: 700 }))
      .shipping_option
    expect(updated.amount).toBe(700)
    expect((await admin(shop.app, 'GET', `/admin/shipping-options?region_id=${shop.eu}`)).count).toBe(3)
    const zoneInUse = await shop.app.request('DELETE', `/admin/service-zones/${zone.id}`, {
      headers: shop.app.adminHeaders,
    })
    expect(zoneInUse.status).toBe(400)
    await admin(shop.app, 'DELETE', `/admin/shipping-options/${option.id}`)
    await admin(shop.app, 'DELETE', `/admin/service-zones/${zone.id}`)
    const events = (await shop.app.db
      .knex()('event_outbox')
      .where('data', 'like', `%${option.id}%`)
      .orderBy('id')
      .select('name')) as Array<{ name: string }>
    expect(events.map((event) => event.name)).toEqual([
      'shipping_option.created',
      'shipping_option.updated',
      'shipping_option.deleted',
    ])
  })

  it('refuses a bad shipping option with a 400 naming the problem', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'Negative', region_id: shop.us, amount: -1 }, 'amount'],
      [{ name: 'Fraction', region_id: shop.us, amount: 4.5 }, 'amount'],
      [{ name: 'Nowhere', region_id: 'reg_missing', amount: 100 }, 'Region reg_missing was not found'],
      [
        { name: 'Zoneless', region_id: shop.us, amount: 100, service_zone_id: 'serzo_missing' },
        'Service zone',
      ],
      [{ name: 'Carrier', region_id: shop.us, amount: 100, provider_id: 'ups' }, 'provider_id'],
    ]
    for (const [body, message] of cases) {
      const response = await shop.app.request('POST', '/admin/shipping-options', {
        headers: shop.app.adminHeaders,
        body,
      })
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400])
      expect(response.body.message).toContain(message)
    }
  })

  it('needs a cart to list options for, and the cart must be visible to the caller', async () => {
    const headers = { 'x-publishable-api-key': shop.key }
    expect((await shop.app.request('GET', '/store/shipping-options', { headers })).status).toBe(400)
    expect(
      (await shop.app.request('GET', '/store/shipping-options?cart_id=cart_missing', { headers })).status,
    ).toBe(404)
  })
})
