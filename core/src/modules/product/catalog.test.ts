// The catalog through the Store API, as a Medusa storefront sees it: the Medusa JS SDK lists regions,
// products with calculated prices, categories and collections; drafts, other channels and missing
// keys behave as in Medusa; bad input gets clear 4xx answers.
import Medusa from '@medusajs/js-sdk'
import type { HttpTypes } from '@medusajs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { createTestApp, type TestApp } from '../../testing'
import { admin, createProduct, createRegion, salesChannelWithKey } from '../../testing/shop'
import type { productSchema } from './schemas'

interface Seeded {
  key: string
  otherKey: string
  us: string
  eu: string
  shirt: string
  draft: string
  hidden: string
  tops: string
  summer: string
}

async function seed(app: TestApp): Promise<Seeded> {
  const web = await salesChannelWithKey(app, 'Web shop')
  const stall = await salesChannelWithKey(app, 'Market stall', 'Stall')
  const us = await createRegion(app)
  const eu = await createRegion(app, { name: 'Europe', currency_code: 'EUR', countries: ['de', 'fr'] })
  const tops = (await admin(app, 'POST', '/admin/product-categories', { name: 'Tops' })).product_category.id
  const summer = (await admin(app, 'POST', '/admin/collections', { title: 'Summer' })).collection.id
  const product = (body: Parameters<typeof createProduct>[1]) =>
    createProduct(app, body).then((created) => created.product)
  const shirt = await product({
    title: 'Linen Shirt',
    description: 'A breezy shirt',
    status: 'published',
    images: [{ url: '/static/shirt.png' }],
    collection_id: summer,
    category_ids: [tops],
    tags: ['linen'],
    sales_channel_ids: [web.channel],
    options: [{ title: 'Size', values: ['S', 'M'] }],
    variants: [
      {
        title: 'S',
        sku: 'SHIRT-S',
        options: { Size: 'S' },
        prices: [
          { currency_code: 'usd', amount: 4500 },
          { currency_code: 'eur', amount: 4200 },
          { currency_code: 'eur', amount: 3900, region_id: eu },
        ],
      },
      {
        title: 'M',
        sku: 'SHIRT-M',
        options: { Size: 'M' },
        prices: [{ currency_code: 'usd', amount: 4700 }],
      },
    ],
  })
  const draft = await product({ title: 'Secret Jacket', status: 'draft', sales_channel_ids: [web.channel] })
  const hidden = await product({
    title: 'Stall Apron',
    status: 'published',
    sales_channel_ids: [stall.channel],
  })
  return { key: web.key, otherKey: stall.key, us, eu, shirt, draft, hidden, tops, summer }
}

describe('catalog through the Store API', () => {
  let app: TestApp
  let data: Seeded
  let sdk: Medusa

  beforeAll(async () => {
    app = await createTestApp()
    data = await seed(app)
    sdk = new Medusa({ baseUrl: app.url(), publishableKey: data.key })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('lists regions with the Medusa JS SDK', async () => {
    const { regions, count } = await sdk.store.region.list()
    expect(count).toBe(2)
    const europe = regions.find((region) => region.id === data.eu)!
    expect(europe).toMatchObject({ name: 'Europe', currency_code: 'eur' })
    expect(europe.countries?.map((country) => country.iso_2).sort()).toEqual(['de', 'fr'])
    const { region } = await sdk.store.region.retrieve(data.us)
    expect(region.currency_code).toBe('usd')
  })

  it('lists published products of the key’s channel, with calculated prices per region', async () => {
    const { products, count } = await sdk.store.product.list({
      region_id: data.eu,
      fields: '*variants.calculated_price',
    })
    expect(count).toBe(1)
    const shirt = products[0]!
    expect(shirt).toMatchObject({
      id: data.shirt,
      title: 'Linen Shirt',
      handle: 'linen-shirt',
      status: 'published',
    })
    const small = shirt.variants!.find((variant) => variant.sku === 'SHIRT-S')!
    // The region's own price wins over the currency's.
    expect(small.calculated_price).toMatchObject({ calculated_amount: 3900, currency_code: 'eur' })
    const medium = shirt.variants!.find((variant) => variant.sku === 'SHIRT-M')!
    expect(medium.calculated_price).toBeUndefined()
    expect(small.options?.[0]).toMatchObject({ value: 'S' })
    expect(shirt.collection?.title).toBe('Summer')
    expect(shirt.categories?.[0]?.name).toBe('Tops')

    const inUsd = await sdk.store.product.list({ region_id: data.us })
    expect(
      inUsd.products[0]!.variants!.map((variant) => variant.calculated_price?.calculated_amount),
    ).toEqual([4500, 4700])
  })

  it('finds products by handle, category, collection and text, and retrieves one', async () => {
    expect((await sdk.store.product.list({ handle: 'linen-shirt' })).count).toBe(1)
    expect((await sdk.store.product.list({ category_id: [data.tops] })).count).toBe(1)
    expect((await sdk.store.product.list({ collection_id: [data.summer] })).count).toBe(1)
    expect((await sdk.store.product.list({ q: 'breezy' })).count).toBe(1)
    expect((await sdk.store.product.list({ q: 'nothing like it' })).count).toBe(0)
    const { product } = await sdk.store.product.retrieve(data.shirt, { region_id: data.us })
    expect(product.variants?.[0]?.calculated_price?.calculated_amount).toBe(4500)
  })

  it('lists categories and collections with the SDK', async () => {
    const { product_categories } = await sdk.store.category.list()
    expect(product_categories.map((category) => category.handle)).toEqual(['tops'])
    const { collections } = await sdk.store.collection.list()
    expect(collections.map((collection) => collection.handle)).toEqual(['summer'])
    expect((await sdk.store.collection.retrieve(data.summer)).collection.title).toBe('Summer')
  })

  it('hides drafts and products of other channels (404 by id), as Medusa does', async () => {
    for (const id of [data.draft, data.hidden]) {
      const response = await app.request('GET', `/store/products/${id}`, {
        headers: { 'x-publishable-api-key': data.key },
      })
      expect(response.status).toBe(404)
      expect(response.body.type).toBe('not_found')
    }
    const stall = await app.request('GET', '/store/products', {
      headers: { 'x-publishable-api-key': data.otherKey },
    })
    expect(stall.body.products.map((product: { id: string }) => product.id)).toEqual([data.hidden])
  })

  it('answers 400 without a valid publishable key, in Medusa’s words', async () => {
    const missing = await app.request('GET', '/store/products')
    expect(missing.status).toBe(400)
    expect(missing.body).toEqual({
      type: 'not_allowed',
      message:
        'Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.',
    })
    const wrong = await app.request('GET', '/store/regions', {
      headers: { 'x-publishable-api-key': 'pk_forged' },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.message).toBe('A valid publishable key is required to proceed with the request')
  })

  it('refuses bad filters, limits and unknown ids with clear 4xx answers', async () => {
    const headers = { 'x-publishable-api-key': data.key }
    for (const [query, field] of [
      ['limit=-1', 'limit'],
      ['limit=100000', 'limit'],
      ['offset=abc', 'offset'],
      ['currency_code=dollars', 'currency_code'],
      ['colour=red', 'colour'],
    ]) {
      const response = await app.request('GET', `/store/products?${query}`, { headers })
      expect([query, response.status]).toEqual([query, 400])
      expect(response.body.message).toContain(field)
    }
    const order = await app.request('GET', '/store/products?order=price_secret', { headers })
    expect(order.status).toBe(400)
    const region = await app.request('GET', '/store/products?region_id=reg_missing', { headers })
    expect(region.status).toBe(404)
    const unknown = await app.request('GET', '/store/regions/reg_missing', { headers })
    expect(unknown.status).toBe(404)
  })

  it('answers with the exact Medusa response types', () => {
    // Type-level: a Shopwright product document is a Medusa StoreProduct (checked by tsc).
    const asMedusa = (product: z.output<typeof productSchema>): HttpTypes.StoreProduct => product
    expect(asMedusa).toBeTypeOf('function')
  })

  it('shows an edit at once, and forgets a deleted product', async () => {
    const headers = { 'x-publishable-api-key': data.key }
    await app.request('GET', `/store/products/${data.shirt}`, { headers })
    await admin(app, 'POST', `/admin/products/${data.shirt}`, { title: 'Linen Shirt, Washed' })
    const edited = await app.request('GET', `/store/products/${data.shirt}`, { headers })
    expect(edited.body.product.title).toBe('Linen Shirt, Washed')
    const temporary = (
      await admin(app, 'POST', '/admin/products', {
        title: 'Pop-up Tote',
        status: 'published',
        sales_channel_ids: [],
      })
    ).product.id
    await admin(app, 'DELETE', `/admin/products/${temporary}`)
    expect(
      (await app.request('GET', `/admin/products/${temporary}`, { headers: app.adminHeaders })).status,
    ).toBe(404)
  })

  it('refuses a product whose variant uses an option value it does not offer, writing nothing', async () => {
    const response = await app.request('POST', '/admin/products', {
      headers: app.adminHeaders,
      body: {
        title: 'Odd Socks',
        options: [{ title: 'Size', values: ['S'] }],
        variants: [{ title: 'XL', options: { Size: 'XL' } }],
      },
    })
    expect(response.status).toBe(400)
    expect(response.body.message).toContain('Size: XL')
    expect((await admin(app, 'GET', '/admin/products?handle=odd-socks')).count).toBe(0)
  })
})
