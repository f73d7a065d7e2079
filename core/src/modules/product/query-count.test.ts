// A product page costs the same number of SQL queries whatever its size: no query per product.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, type TestApp } from '../../testing'
import type { SearchService } from '../search/service'
import type { ProductService } from './service'

describe('product list queries', () => {
  let app: TestApp
  let key: string
  const queries: string[] = []

  beforeAll(async () => {
    process.env.SHOPWRIGHT_ADMIN_TOKEN = 'query-count-admin-token-0123456789'
    const headers = { authorization: `Bearer ${process.env.SHOPWRIGHT_ADMIN_TOKEN}` }
    app = await createTestApp()
    const channel = (await app.request('POST', '/admin/sales-channels', { headers, body: { name: 'Web' } }))
      .body.sales_channel.id
    key = (
      await app.request('POST', '/admin/publishable-keys', {
        headers,
        body: { title: 'Web', sales_channel_ids: [channel] },
      })
    ).body.publishable_key.token
    const category = (
      await app.request('POST', '/admin/product-categories', { headers, body: { name: 'All' } })
    ).body.product_category.id
    await app.container.resolve<ProductService>('productService').createProducts(
      Array.from({ length: 60 }, (_, i) => ({
        title: `Product ${i}`,
        status: 'published' as const,
        sales_channel_ids: [channel],
        category_ids: [category],
        tags: [`tag-${i % 5}`],
        images: [{ url: `/static/${i}.png` }],
        options: [{ title: 'Size', values: ['S', 'M', 'L'] }],
        variants: ['S', 'M', 'L'].map((size) => ({
          title: size,
          options: { Size: size },
          prices: [{ currency_code: 'usd', amount: 1000 + i }],
        })),
      })),
    )
    // Let the search index take in the 60 new products first: its reads would count too.
    const search = app.container.resolve<SearchService>('searchService')
    await eventually(
      async () =>
        (await search.search({ sales_channel_ids: [channel], sort: 'relevance', limit: 0, offset: 0 }))
          .count === 60,
    )
    // Count only the catalog's queries: the job queue and the event relay work on in the background.
    app.db.knex().on('query', (query: { sql: string }) => {
      if (!/\b(job|event_outbox|dead_letter|idempotency_record)\b/.test(query.sql)) queries.push(query.sql)
    })
  })
  afterAll(async () => {
    await app.close()
    delete process.env.SHOPWRIGHT_ADMIN_TOKEN
  })

  async function queriesFor(path: string): Promise<number> {
    queries.length = 0
    const response = await app.request('GET', path, { headers: { 'x-publishable-api-key': key } })
    expect(response.status).toBe(200)
    return queries.length
  }

  it('does not grow with the page size, cold or cached', async () => {
    // The key's channels and the price lists' start and end times are looked up once per catalog
    // version, then cached: warm them first.
    await queriesFor('/store/products?limit=1&currency_code=eur')
    const small = await queriesFor('/store/products?limit=5&currency_code=usd')
    const large = await queriesFor('/store/products?limit=50&offset=5&currency_code=usd')
    expect(small).toBeGreaterThan(0)
    expect(large).toBe(small)
    // The same page again comes from the read model's cache: no query at all.
    expect(await queriesFor('/store/products?limit=50&offset=5&currency_code=usd')).toBe(0)
  })
})
