// Price lists: a sale applies when lower, an override always; only active lists in their time window
// and region count; the Store's cached pages follow every change and every start or end at once; the
// cart's unit prices honour quantity tiers.
import { describe, expect, it } from 'vitest'
import { eventually, type TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, withSmallShop } from '../../testing/shop'
import type { PricingService } from './service'

describe('price lists', () => {
  let app: TestApp
  let shop: SmallShop
  const lists: string[] = []

  const storePrice = async (region: string) => {
    const response = await app.request('GET', `/store/products/${shop.product}?region_id=${region}`, {
      headers: { 'x-publishable-api-key': shop.key },
    })
    expect(response.status).toBe(200)
    return response.body.product.variants[0].calculated_price
  }
  const priceList = async (terms: Record<string, unknown>, amount: number, currency = 'usd') => {
    const { price_list } = await admin(app, 'POST', '/admin/price-lists', {
      title: 'List',
      status: 'active',
      ...terms,
      prices: [{ variant_id: shop.variant, currency_code: currency, amount }],
    })
    lists.push(price_list.id)
    return price_list
  }
  const clearLists = async () => {
    for (const id of lists.splice(0)) await admin(app, 'DELETE', `/admin/price-lists/${id}`)
  }

  withSmallShop((given) => {
    app = given.app
    shop = given.shop
  })

  it('applies a lower sale price at once, beside the original (the cached page is not served stale)', async () => {
    expect((await storePrice(shop.us)).calculated_amount).toBe(1000)
    const sale = await priceList({ type: 'sale' }, 750)
    expect(await storePrice(shop.us)).toMatchObject({
      is_calculated_price_price_list: true,
      calculated_amount: 750,
      original_amount: 1000,
      calculated_price: { price_list_id: sale.id, price_list_type: 'sale' },
      original_price: { price_list_id: null, price_list_type: null },
    })
    await clearLists()
    expect((await storePrice(shop.us)).calculated_amount).toBe(1000)
  })

  it('ignores a sale price that is not lower than the variant’s own', async () => {
    await priceList({ type: 'sale' }, 1200)
    expect(await storePrice(shop.us)).toMatchObject({
      is_calculated_price_price_list: false,
      calculated_amount: 1000,
      original_amount: 1000,
    })
    await clearLists()
  })

  it('applies an override even when higher, and it becomes the original price too', async () => {
    const override = await priceList({ type: 'override' }, 1200)
    expect(await storePrice(shop.us)).toMatchObject({
      is_calculated_price_price_list: true,
      calculated_amount: 1200,
      original_amount: 1200,
      calculated_price: { price_list_id: override.id, price_list_type: 'override' },
    })
    await clearLists()
  })

  it('ignores draft lists, lists of another region and lists outside their window', async () => {
    const hour = 60 * 60 * 1000
    await priceList({ status: 'draft' }, 500)
    await priceList({ region_id: shop.eu }, 500)
    await priceList({ starts_at: new Date(Date.now() + hour).toISOString() }, 500)
    await priceList({ ends_at: new Date(Date.now() - hour).toISOString() }, 500)
    expect((await storePrice(shop.us)).calculated_amount).toBe(1000)
    const inEurope = await admin(app, 'POST', '/admin/price-lists', {
      title: 'Europe sale',
      status: 'active',
      region_id: shop.eu,
      prices: [{ variant_id: shop.variant, currency_code: 'eur', amount: 700 }],
    })
    lists.push(inEurope.price_list.id)
    expect((await storePrice(shop.eu)).calculated_amount).toBe(700)
    await clearLists()
  })

  it('starts and ends a sale by the clock alone, without any write', async () => {
    // Pages are cached under the last start or end passed, so the moment itself changes the page.
    const starts = Date.now() + 2000
    await priceList(
      { starts_at: new Date(starts).toISOString(), ends_at: new Date(starts + 1000).toISOString() },
      600,
    )
    expect((await storePrice(shop.us)).calculated_amount).toBe(1000)
    await eventually(async () => (await storePrice(shop.us)).calculated_amount === 600)
    await eventually(async () => (await storePrice(shop.us)).calculated_amount === 1000)
    await clearLists()
  })

  it('gives the cart unit prices by quantity tier, price lists applied', async () => {
    const pricing = app.container.resolve<PricingService>('pricingService')
    const one = await pricing.calculatePrices(undefined, { variant_ids: [shop.variant], region_id: shop.us })
    expect(one[shop.variant]).toMatchObject({
      calculated_amount: 1000,
      is_calculated_price_tax_inclusive: false,
    })
    const twelve = await pricing.calculatePrices(undefined, {
      variant_ids: [shop.variant],
      currency_code: 'usd',
      quantities: { [shop.variant]: 12 },
    })
    expect(twelve[shop.variant]!.calculated_amount).toBe(800)
    const bulkSale = await admin(app, 'POST', '/admin/price-lists', {
      title: 'Bulk sale',
      status: 'active',
      prices: [{ variant_id: shop.variant, currency_code: 'usd', amount: 700, min_quantity: 20 }],
    })
    lists.push(bulkSale.price_list.id)
    const counts = { twelve: 12, twenty: 20 }
    const [atTwelve, atTwenty] = await Promise.all(
      Object.values(counts).map((quantity) =>
        pricing.calculatePrices(undefined, {
          variant_ids: [shop.variant],
          region_id: shop.us,
          quantities: { [shop.variant]: quantity },
        }),
      ),
    )
    expect(atTwelve![shop.variant]).toMatchObject({
      calculated_amount: 800,
      is_calculated_price_price_list: false,
    })
    expect(atTwenty![shop.variant]).toMatchObject({
      calculated_amount: 700,
      original_amount: 800,
      is_calculated_price_price_list: true,
    })
    await clearLists()
  })

  it('prices nothing for a variant without a price in the currency, and refuses bad pricing input', async () => {
    const pricing = app.container.resolve<PricingService>('pricingService')
    expect(
      await pricing.calculatePrices(undefined, { variant_ids: [shop.variant], currency_code: 'gbp' }),
    ).toEqual({})
    await expect(pricing.calculatePrices(undefined, { variant_ids: [shop.variant] })).rejects.toThrow(
      /region_id or a currency_code/,
    )
    await expect(
      pricing.calculatePrices(undefined, {
        variant_ids: [shop.variant],
        region_id: shop.us,
        currency_code: 'eur',
      }),
    ).rejects.toThrow(/prices in usd/)
    await expect(
      pricing.calculatePrices(undefined, {
        variant_ids: [shop.variant],
        currency_code: 'usd',
        quantities: { [shop.variant]: 0 },
      }),
    ).rejects.toThrow(/at least 1/)
  })

  it('lets the admin list, filter, edit and re-price a list, and delete it', async () => {
    const sale = await priceList({ title: 'Spring', type: 'sale' }, 900)
    await priceList({ title: 'Staff', type: 'override', status: 'draft' }, 500)
    const overrides = await admin(app, 'GET', '/admin/price-lists?type=override')
    expect(overrides.price_lists.map((list: { title: string }) => list.title)).toEqual(['Staff'])
    const page = await admin(app, 'GET', '/admin/price-lists?limit=1&offset=1')
    expect([page.count, page.price_lists.length, page.limit, page.offset]).toEqual([2, 1, 1, 1])

    const renamed = await admin(app, 'POST', `/admin/price-lists/${sale.id}`, { title: 'Spring sale' })
    expect(renamed.price_list.title).toBe('Spring sale')
    const repriced = await admin(app, 'POST', `/admin/price-lists/${sale.id}/prices/batch`, {
      create: [{ variant_id: shop.variant, currency_code: 'eur', amount: 850 }],
      delete: [sale.prices[0].id],
    })
    expect(repriced.price_list.prices.map((price: { currency_code: string }) => price.currency_code)).toEqual(
      ['eur'],
    )
    expect((await storePrice(shop.us)).calculated_amount).toBe(1000)
    expect((await storePrice(shop.eu)).calculated_amount).toBe(850)

    await admin(app, 'DELETE', `/admin/price-lists/${sale.id}`)
    lists.splice(lists.indexOf(sale.id), 1)
    expect((await adminCall(app, 'GET', `/admin/price-lists/${sale.id}`)).status).toBe(404)
    await clearLists()
  })

  it('refuses bad price lists with clear 4xx answers, writing nothing', async () => {
    const now = Date.now()
    const cases: Array<[string, string, unknown, number, string]> = [
      [
        'POST',
        '/admin/price-lists',
        {
          title: 'Backwards',
          starts_at: new Date(now).toISOString(),
          ends_at: new Date(now - 1).toISOString(),
        },
        400,
        'end after it starts',
      ],
      [
        'POST',
        '/admin/price-lists',
        { title: 'Ghost', prices: [{ variant_id: 'variant_missing', currency_code: 'usd', amount: 1 }] },
        400,
        'variant_missing',
      ],
      ['POST', '/admin/price-lists', { title: 'Elsewhere', region_id: 'reg_missing' }, 400, 'reg_missing'],
      ['POST', '/admin/price-lists', { title: 'Odd', type: 'discount' }, 400, 'type'],
      [
        'POST',
        '/admin/price-lists',
        { title: 'Negative', prices: [{ variant_id: shop.variant, currency_code: 'usd', amount: -5 }] },
        400,
        'amount',
      ],
      [
        'POST',
        '/admin/price-lists',
        {
          title: 'Tiers',
          prices: [
            { variant_id: shop.variant, currency_code: 'usd', amount: 5, min_quantity: 10, max_quantity: 2 },
          ],
        },
        400,
        'max_quantity',
      ],
      ['GET', '/admin/price-lists?status=paused', undefined, 400, 'status'],
      ['GET', '/admin/price-lists?limit=-1', undefined, 400, 'limit'],
      ['GET', '/admin/price-lists?limit=1000000', undefined, 400, 'limit'],
      ['GET', '/admin/price-lists/plist_missing', undefined, 404, 'plist_missing'],
      ['POST', '/admin/price-lists/plist_missing', { title: 'x' }, 404, 'plist_missing'],
      ['DELETE', '/admin/price-lists/plist_missing', undefined, 404, 'plist_missing'],
      [
        'POST',
        '/admin/price-lists/plist_missing/prices/batch',
        { delete: ['price_x'] },
        404,
        'plist_missing',
      ],
    ]
    for (const [method, path, body, status, words] of cases) {
      const response = await adminCall(app, method, path, body)
      expect([method, path, response.status]).toEqual([method, path, status])
      expect(response.body.message).toContain(words)
    }
    expect((await admin(app, 'GET', '/admin/price-lists')).count).toBe(0)
  })
})
