// Products in and out as CSV: a good file imports whole, a bad one imports nothing and names each bad
// line, an export imports back as it was, and 10,000 rows stream through.
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import type { ProductCsv } from './csv'

const HEADER =
  'handle,title,description,status,collection_handle,category_handles,tags,option_name,option_value,variant_title,sku,price_usd,price_eur'

const GOOD = [
  HEADER,
  'field-jacket,Field Jacket,"Waxed cotton, lined",published,,outerwear,waxed|cotton,Size,M,Medium,FJ-M,12900,11900',
  'field-jacket,Field Jacket,"Waxed cotton, lined",published,,outerwear,waxed|cotton,Size,L,Large,FJ-L,12900,11900',
  'rain-hat,Rain Hat,,published,,outerwear,,,,One size,RH-1,3900,',
].join('\n')

describe('product CSV', () => {
  let app: TestApp
  const importCsv = (body: string) =>
    app.request('POST', '/admin/products/import', {
      rawBody: body,
      headers: { ...app.adminHeaders, 'content-type': 'text/csv' },
    })
  const productCount = async () =>
    (await app.request('GET', '/admin/products?limit=0', { headers: app.adminHeaders })).body.count

  beforeAll(async () => {
    app = await createTestApp()
    await app.request('POST', '/admin/product-categories', {
      headers: app.adminHeaders,
      body: { name: 'Outerwear' },
    })
  })
  afterAll(async () => {
    await app.close()
  })

  it('imports a good file whole', async () => {
    const response = await importCsv(GOOD)
    expect(response.status).toBe(201)
    expect(response.body).toEqual({ created: 2 })
    const jacket = (
      await app.request('GET', '/admin/products?handle=field-jacket&currency_code=eur', {
        headers: app.adminHeaders,
      })
    ).body.products[0]
    expect(jacket.variants.map((variant: { sku: string }) => variant.sku)).toEqual(['FJ-M', 'FJ-L'])
    expect(jacket.variants[0].calculated_price.calculated_amount).toBe(11900)
    expect(jacket.tags.map((tag: { value: string }) => tag.value).sort()).toEqual(['cotton', 'waxed'])
    expect(jacket.categories[0].handle).toBe('outerwear')
  })

  it('imports nothing from a file with bad rows, naming each bad line', async () => {
    const before = await productCount()
    const response = await importCsv(
      [
        HEADER,
        'wool-scarf,Wool Scarf,,published,,,,,,One size,WS-1,2900,',
        'Bad Handle,Thing,,published,,,,,,One,BH-1,100,',
        'no-title,,,published,,,,,,One,NT-1,100,',
        'cheap-socks,Socks,,published,,,,,,One,CS-1,ten dollars,',
        'ghost-coat,Ghost Coat,,published,,no-such-category,,,,One,GC-1,100,',
        'wool-scarf,Wool Scarf again,,published,,,,,,One size,WS-2,2900,',
      ].join('\n'),
    )
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/nothing was imported/)
    const lines = response.body.issues.map((issue: { field: string }) => issue.field)
    expect(lines).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7'])
    expect(response.body.issues[2].message).toContain('price_usd')
    expect(await productCount()).toBe(before)
  })

  it('refuses malformed CSV and other content types', async () => {
    const malformed = await importCsv(`${HEADER}\n"unclosed,Quote,,published,,,,,,One,UQ,100,`)
    expect(malformed.status).toBe(400)
    expect(malformed.body.issues[0].message).toMatch(/malformed CSV/)
    const json = await app.request('POST', '/admin/products/import', {
      headers: app.adminHeaders,
      body: { rows: [] },
    })
    expect(json.status).toBe(415)
  })

  it('exports what imports back the same', async () => {
    const exported = await app.request('GET', '/admin/products/export', { headers: app.adminHeaders })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toContain('text/csv')
    const lines = exported.text.trim().split('\n')
    // Price columns come in currency order.
    expect(lines[0]).toBe(HEADER.replace('price_usd,price_eur', 'price_eur,price_usd'))
    expect(lines).toHaveLength(4)

    const other = await createTestApp()
    try {
      await other.request('POST', '/admin/product-categories', {
        headers: other.adminHeaders,
        body: { name: 'Outerwear' },
      })
      const reimport = await other.request('POST', '/admin/products/import', {
        rawBody: exported.text,
        headers: { ...other.adminHeaders, 'content-type': 'text/csv' },
      })
      expect(reimport.body).toEqual({ created: 2 })
      const again = await other.request('GET', '/admin/products/export', { headers: other.adminHeaders })
      expect(again.text).toBe(exported.text)
    } finally {
      await other.close()
    }
  })

  it('streams 10,000 rows in', async () => {
    function* rows() {
      yield `${HEADER}\n`
      for (let product = 0; product < 2500; product++) {
        for (const size of ['S', 'M', 'L', 'XL']) {
          yield `bulk-${product},Bulk ${product},,published,,,,Size,${size},${size},BULK-${product}-${size},${1000 + product},\n`
        }
      }
    }
    const before = await productCount()
    const report = await app.container.resolve<ProductCsv>('productCsv').importProducts(Readable.from(rows()))
    expect(report.created).toBe(2500)
    expect(await productCount()).toBe(before + 2500)
  }, 120_000)
})
