// The demo shop and generated catalogs: believable data that the Store API serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreService } from '../modules/store/service'
import { createTestApp, type TestApp } from '../testing'
import { type DemoResult, isEmptyStore, seedDemo, seedGeneratedProducts } from './demo'

describe('demo data', () => {
  let app: TestApp
  let demo: DemoResult
  beforeAll(async () => {
    app = await createTestApp()
    expect(await isEmptyStore(app.db)).toBe(true)
    demo = await seedDemo(app)
  }, 120_000)
  afterAll(() => app.close())

  it('makes a shop of about 200 products, two regions and a working publishable key', async () => {
    expect(demo.products).toBe(200)
    expect(await isEmptyStore(app.db)).toBe(false)
    const headers = { 'x-publishable-api-key': demo.publishableKey }
    const list = await app.request('GET', `/store/products?limit=3&region_id=${demo.regions[1]}`, { headers })
    expect(list.status).toBe(200)
    expect(list.body.count).toBe(200)
    const variant = list.body.products[0].variants[0]
    expect(variant.calculated_price.currency_code).toBe('eur')
    expect(variant.calculated_price.calculated_amount).toBeGreaterThan(0)
    expect(list.body.products[0].images[0].url).toMatch(/^\/static\/products\/.+\.svg$/)
    const categories = await app.request('GET', '/store/product-categories?limit=50', { headers })
    expect(categories.body.count).toBe(6)
    const stocked = (await app.db
      .knex()('inventory_level')
      .where('stocked_quantity', '>', 0)
      .count({ count: '*' })) as Array<{
      count: number | string
    }>
    expect(Number(stocked[0]!.count)).toBe(600)
    const regions = await app.request('GET', '/store/regions', { headers })
    expect(
      regions.body.regions.map((region: { currency_code: string }) => region.currency_code).sort(),
    ).toEqual(['eur', 'usd'])
  })

  it('names the store and sells in USD and EUR, USD first', async () => {
    const store = await app.container.resolve<StoreService>('storeService').retrieveStore()
    expect(store).toMatchObject({
      name: 'Shopwright Outfitters',
      default_currency_code: 'usd',
      supported_currencies: [
        { currency_code: 'usd', is_default: true },
        { currency_code: 'eur', is_default: false },
      ],
    })
  })

  it('generates large catalogs in batches that the Store API serves', async () => {
    const generated = await seedGeneratedProducts(app, 1200)
    const headers = { 'x-publishable-api-key': generated.publishableKey }
    const page = await app.request('GET', '/store/products?limit=20&offset=1180&currency_code=usd', {
      headers,
    })
    expect(page.status).toBe(200)
    expect(page.body.count).toBe(1200)
    expect(page.body.products).toHaveLength(20)
    expect(page.body.products[0].variants).toHaveLength(3)
    expect(page.body.products[0].variants[0].calculated_price.calculated_amount).toBeGreaterThan(0)
  }, 120_000)
})
