// Regions through the Admin API: an edit to a region's currency, countries or tax setting shows in the
// Store's prices at once; countries stay with one region; unknown regions are 404.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, withSmallShop } from '../../testing/shop'

describe('regions', () => {
  let app: TestApp
  let shop: SmallShop

  const price = async (region: string) =>
    (
      await app.request('GET', `/store/products/${shop.product}?region_id=${region}`, {
        headers: { 'x-publishable-api-key': shop.key },
      })
    ).body.product.variants[0].calculated_price

  withSmallShop((given) => {
    app = given.app
    shop = given.shop
  })

  it('prices in a region’s new currency and tax setting at once after an edit', async () => {
    const region = (await admin(app, 'POST', '/admin/regions', { name: 'Shifting', currency_code: 'usd' }))
      .region.id
    expect(await price(region)).toMatchObject({ currency_code: 'usd', calculated_amount: 1000 })
    const { region: edited } = await admin(app, 'POST', `/admin/regions/${region}`, {
      name: 'Eurozone',
      currency_code: 'EUR',
      prices_include_tax: true,
    })
    expect(edited).toMatchObject({ name: 'Eurozone', currency_code: 'eur', prices_include_tax: true })
    expect(await price(region)).toMatchObject({
      currency_code: 'eur',
      calculated_amount: 900,
      is_calculated_price_tax_inclusive: true,
    })
  })

  it('replaces a region’s countries, but never takes another region’s', async () => {
    const { region } = await admin(app, 'POST', `/admin/regions/${shop.us}`, { countries: ['us', 'ca'] })
    expect(region.countries.map((country: { iso_2: string }) => country.iso_2)).toEqual(['ca', 'us'])
    const taken = await adminCall(app, 'POST', `/admin/regions/${shop.eu}`, { countries: ['de', 'ca'] })
    expect(taken.status).toBe(400)
    expect(taken.body.message).toContain('ca')
    expect(
      (await admin(app, 'GET', `/admin/regions/${shop.eu}`)).region.countries.map(
        (c: { iso_2: string }) => c.iso_2,
      ),
    ).toEqual(['de'])
  })

  it('filters regions by currency, and refuses a bad currency code', async () => {
    const eur = await admin(app, 'GET', '/admin/regions?currency_code=eur')
    expect(eur.regions.every((region: { currency_code: string }) => region.currency_code === 'eur')).toBe(
      true,
    )
    const bad = await adminCall(app, 'POST', `/admin/regions/${shop.us}`, { currency_code: 'dollars' })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('currency_code')
  })
})
