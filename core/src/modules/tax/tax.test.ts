// Taxes on carts: the most specific tax region decides the rate (a province's over its country's, or
// both when the province's rate is combinable), shipping is taxed too, and the Admin API manages
// tax regions and rates.
import type Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, openTestShop, type TestShop } from '../../testing/shop'

describe('taxes', () => {
  let shop: TestShop
  let sdk: Medusa

  beforeAll(async () => {
    shop = await openTestShop()
    sdk = shop.sdk
  })
  afterAll(async () => {
    await shop?.close()
  })

  const shirtTo = async (address: { country_code: string; province?: string }) =>
    (
      await sdk.store.cart.create({
        region_id: shop.us,
        items: [{ variant_id: shop.shirt.s, quantity: 1 }],
        shipping_address: address,
      })
    ).cart

  it("uses a province's own rate over its country's", async () => {
    const newYork = await shirtTo({ country_code: 'us', province: 'NY' })
    expect(newYork.items?.[0]?.tax_lines?.map((line) => [line.code, line.rate])).toEqual([['NY', 8.875]])
    expect(newYork.tax_total).toBe(399) // 8.875 % of 45.00 = 3.99375
    const california = await shirtTo({ country_code: 'us', province: 'ca' })
    expect(california.items?.[0]?.tax_lines?.map((line) => line.code)).toEqual(['US'])
    expect(california.tax_total).toBe(225)
  })

  it("adds a combinable province rate to its country's, splitting the tax between them to the cent", async () => {
    const quebec = await shirtTo({ country_code: 'ca', province: 'qc' })
    // 14.975 % of 45.00 = 6.73875 → 6.74, split 5 : 9.975.
    expect(quebec.items?.[0]?.tax_lines?.map((line) => [line.code, line.total])).toEqual([
      ['GST', 225],
      ['QST', 449],
    ])
    expect(quebec).toMatchObject({ tax_total: 674, total: 5174 })
  })

  it('charges no tax where no tax region applies', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.eu,
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
    })
    expect(cart).toMatchObject({ tax_total: 0, subtotal: 1190, total: 1190 })
    expect(cart.items?.[0]?.tax_lines).toEqual([])
  })

  it('manages tax regions and rates through the Admin API', async () => {
    const region = (
      await admin(shop.app, 'POST', '/admin/tax-regions', {
        country_code: 'IT',
        default_tax_rate: { name: 'IVA', code: 'IT22', rate: 22 },
      })
    ).tax_region
    expect(region).toMatchObject({
      country_code: 'it',
      province_code: null,
      tax_rates: [{ code: 'IT22', is_default: true }],
    })
    const reduced = (
      await admin(shop.app, 'POST', '/admin/tax-rates', {
        tax_region_id: region.id,
        name: 'IVA ridotta',
        code: 'IT10',
        rate: 10,
        is_default: true,
      })
    ).tax_rate
    const rates = (await admin(shop.app, 'GET', `/admin/tax-rates?tax_region_id=${region.id}`)).tax_rates
    expect(rates.map((rate: { code: string; is_default: boolean }) => [rate.code, rate.is_default])).toEqual([
      ['IT22', false],
      ['IT10', true],
    ])
    const updated = (await admin(shop.app, 'POST', `/admin/tax-rates/${reduced.id}`, { rate: 4 })).tax_rate
    expect(updated.rate).toBe(4)
    await admin(shop.app, 'DELETE', `/admin/tax-rates/${reduced.id}`)
    await admin(shop.app, 'DELETE', `/admin/tax-regions/${region.id}`)
    expect((await admin(shop.app, 'GET', '/admin/tax-regions?country_code=it')).count).toBe(0)
    const events = (await shop.app.db
      .knex()('event_outbox')
      .where('name', 'like', 'tax_%')
      .select('name')) as Array<{
      name: string
    }>
    expect(events.map((event) => event.name)).toEqual(
      expect.arrayContaining([
        'tax_region.created',
        'tax_rate.created',
        'tax_rate.updated',
        'tax_rate.deleted',
        'tax_region.deleted',
      ]),
    )
  })

  it('refuses bad tax input with a 400 naming the problem', async () => {
    const cases: Array<[string, object, string]> = [
      ['/admin/tax-regions', { country_code: 'usa' }, 'country_code'],
      ['/admin/tax-regions', { country_code: 'us' }, 'already exists'],
      ['/admin/tax-regions', { country_code: 'mx', province_code: 'jal' }, 'before one of its provinces'],
      ['/admin/tax-rates', { tax_region_id: 'txreg_x', name: 'A', code: 'A', rate: 150 }, 'rate'],
    ]
    for (const [path, body, message] of cases) {
      const response = await shop.app.request('POST', path, { headers: shop.app.adminHeaders, body })
      expect([path, response.status]).toEqual([path, 400])
      expect(response.body.message).toContain(message)
    }
    const missing = await shop.app.request('POST', '/admin/tax-rates', {
      headers: shop.app.adminHeaders,
      body: { tax_region_id: 'txreg_missing', name: 'A', code: 'A', rate: 5 },
    })
    expect(missing.status).toBe(404)
  })

  it('taxes a cart at a rate changed a moment ago: kept rates are dropped on every tax write', async () => {
    const { cart } = await sdk.store.cart.create({
      region_id: shop.eu,
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
      shipping_address: { country_code: 'fr' },
    })
    expect(cart.items?.[0]?.tax_lines?.map((line) => line.rate)).toEqual([20])
    const { tax_regions } = await admin(shop.app, 'GET', '/admin/tax-regions?country_code=fr')
    const rate = tax_regions[0].tax_rates[0].id
    await admin(shop.app, 'POST', `/admin/tax-rates/${rate}`, { rate: 5.5 })

    const { cart: reread } = await sdk.store.cart.retrieve(cart.id)

    expect(reread.items?.[0]?.tax_lines?.map((line) => line.rate)).toEqual([5.5])
  })
})
