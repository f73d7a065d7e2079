// Search with the embedded provider: typo tolerance, exact facet counts, filters, sorting, paging,
// a deleted product leaving the index through its event, and clear 400s for bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, type TestApp } from '../../testing'
import type { ProductService } from '../product/service'
import type { SalesChannelService } from '../sales-channel/service'
import type { SearchService } from './service'

describe('store search', () => {
  let app: TestApp
  let headers: Record<string, string>
  let shirts: string
  let products: Record<string, string>

  const search = (query: string) => app.request('GET', `/store/search?${query}`, { headers })

  beforeAll(async () => {
    app = await createTestApp()
    const channels = app.container.resolve<SalesChannelService>('salesChannelService')
    const catalog = app.container.resolve<ProductService>('productService')
    const web = await channels.createSalesChannel({ name: 'Web' })
    const other = await channels.createSalesChannel({ name: 'Other' })
    headers = {
      'x-publishable-api-key': (
        await channels.createPublishableKey({ title: 'k', sales_channel_ids: [web.id] })
      ).token,
    }
    shirts = await catalog.createCategory({ name: 'Shirts' })
    const hats = await catalog.createCategory({ name: 'Hats' })
    const product = (title: string, category: string, usd: number, sizes: string[], extra: object = {}) => ({
      title,
      status: 'published' as const,
      sales_channel_ids: [web.id],
      category_ids: [category],
      tags: ['cotton'],
      options: [{ title: 'Size', values: sizes }],
      variants: sizes.map((size, i) => ({
        title: size,
        sku: `${title.replace(/\W/g, '').toUpperCase()}-${size}`,
        options: { Size: size },
        prices: [{ currency_code: 'usd', amount: usd + i * 100 }],
      })),
      ...extra,
    })
    const ids = await catalog.createProducts([
      product('Oxford Shirt', shirts, 4900, ['S', 'M']),
      product('Flannel Shirt', shirts, 5900, ['M', 'L'], { tags: ['wool'] }),
      product('Linen Shirt', shirts, 2900, ['S']),
      product('Bucket Hat', hats, 1900, ['One size']),
      product('Hidden Shirt', shirts, 100, ['S'], { sales_channel_ids: [other.id] }),
      product('Draft Shirt', shirts, 100, ['S'], { status: 'draft' }),
    ])
    products = { oxford: ids[0]!, flannel: ids[1]!, linen: ids[2]!, hat: ids[3]! }
    const service = app.container.resolve<SearchService>('searchService')
    await eventually(
      async () =>
        (await service.search({ sales_channel_ids: [web.id], sort: 'relevance', limit: 10, offset: 0 }))
          .count === 4,
    )
  })
  afterAll(() => app.close())

  it('finds products despite a typo, and by SKU', async () => {
    const typo = await search('q=shrt')
    expect(typo.status).toBe(200)
    expect(typo.body.hits.map((hit: { title: string }) => hit.title).sort()).toEqual([
      'Flannel Shirt',
      'Linen Shirt',
      'Oxford Shirt',
    ])
    const sku = await search('q=BUCKETHAT-One')
    expect(sku.body.hits.map((hit: { id: string }) => hit.id)).toEqual([products.hat])
  })

  it('finds a word typed with two letters swapped, but not a different word two edits away', async () => {
    const swapped = await search('q=lnien')
    expect(swapped.body.hits.map((hit: { id: string }) => hit.id)).toEqual([products.linen])
    // "Bucket" is two edits from "jacket": another word, not a typo of it.
    expect((await search('q=jacket')).body.count).toBe(0)
  })

  it('counts facets exactly over the matching products', async () => {
    const { body } = await search('currency_code=usd&limit=0')
    expect(body.count).toBe(4)
    expect(body.hits).toEqual([])
    expect(body.facets.category_id[shirts]).toBe(3)
    expect(body.facets.tag).toEqual({ cotton: 3, wool: 1 })
    expect(body.facets.options.Size).toEqual({ S: 2, M: 2, L: 1, 'One size': 1 })
    // Lowest prices 19, 29, 49 and 59 dollars: buckets under 25, 25–50, 50–100, 100–200, 200 and up.
    expect(body.facets.price.map((bucket: { count: number }) => bucket.count)).toEqual([1, 2, 1, 0, 0])
  })

  it('combines a query with filters', async () => {
    const { body } = await search('q=shirt&options[Size]=S&currency_code=usd&price_max=3000')
    expect(body.hits.map((hit: { id: string }) => hit.id)).toEqual([products.linen])
    expect(body.hits[0].price).toEqual({ amount: 2900, currency_code: 'usd' })
  })

  it('sorts by price both ways and by newest, and pages', async () => {
    const ascending = await search('sort=price_asc&currency_code=usd')
    expect(ascending.body.hits.map((hit: { price: { amount: number } }) => hit.price.amount)).toEqual([
      1900, 2900, 4900, 5900,
    ])
    const descending = await search('sort=price_desc&currency_code=usd')
    expect(descending.body.hits.map((hit: { id: string }) => hit.id)).toEqual([
      products.flannel,
      products.oxford,
      products.linen,
      products.hat,
    ])
    const newest = await search('sort=newest')
    expect(newest.body.hits).toHaveLength(4)
    const page = await search('sort=price_asc&currency_code=usd&limit=2&offset=2')
    expect(page.body.hits.map((hit: { id: string }) => hit.id)).toEqual([products.oxford, products.flannel])
    expect(page.body.count).toBe(4)
  })

  it("finds products by their category's and tag's new names once renamed, and forgets a deleted tag", async () => {
    const catalog = app.container.resolve<ProductService>('productService')
    const tagId = async (value: string) =>
      ((await app.db.knex()('product_tag').where({ value }).first('id')) as { id: string }).id
    await catalog.updateCategory(shirts, { name: 'Blouses' })
    await catalog.updateLabel('tag', await tagId('wool'), 'merino')
    await catalog.deleteLabel('tag', await tagId('cotton'))

    await eventually(async () => (await search('q=blouses')).body.count === 3)
    await eventually(async () => (await search('q=merino')).body.hits[0]?.id === products.flannel)
    await eventually(async () => (await search('limit=0')).body.facets.tag.cotton === undefined)
    expect((await search('limit=0')).body.facets.tag).toEqual({ merino: 1 })
  })

  it('drops a deleted product once its event is handled', async () => {
    await app.container.resolve<ProductService>('productService').deleteProduct(products.hat!)
    await eventually(async () => (await search('q=bucket')).body.count === 0)
  })

  it('answers malformed parameters with 400', async () => {
    for (const [query, field] of [
      ['limit=-1', 'limit'],
      ['sort=cheapest', 'sort'],
      ['currency_code=usd&price_min=500&price_max=100', 'price_min'],
      ['currency_code=usd&price_min=ten', 'price_min'],
      ['price_min=100', 'currency_code'],
      ['colour=red', 'colour'],
    ] as Array<[string, string]>) {
      const response = await search(query)
      expect([query, response.status]).toEqual([query, 400])
      expect(response.body.message).toContain(field)
    }
    expect((await app.request('GET', '/store/search?q=shirt')).status).toBe(400)
  })
})
