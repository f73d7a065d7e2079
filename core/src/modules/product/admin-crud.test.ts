// The Admin API over the catalog's own resources: categories (nesting and moving), collections, tags,
// product types, and a product's variants and options. Every list pages and filters through the one
// list helper; deleting something in use answers 409 or cascades as documented; bad input is a 4xx.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, withSmallShop } from '../../testing/shop'

describe('catalog admin CRUD', () => {
  let app: TestApp
  let shop: SmallShop

  const storeProduct = async (query = '') =>
    (
      await app.request('GET', `/store/products/${shop.product}${query}`, {
        headers: { 'x-publishable-api-key': shop.key },
      })
    ).body.product

  withSmallShop((given) => {
    app = given.app
    shop = given.shop
  })

  it('nests and moves categories, never under their own descendants', async () => {
    const create = async (name: string, parent?: string) =>
      (await admin(app, 'POST', '/admin/product-categories', { name, parent_category_id: parent }))
        .product_category.id as string
    const clothing = await create('Clothing')
    const tops = await create('Tops', clothing)
    const tees = await create('Tees', tops)
    const roots = await admin(app, 'GET', '/admin/product-categories?parent_category_id=null')
    expect(roots.product_categories.map((category: { name: string }) => category.name)).toEqual(['Clothing'])
    expect(roots.product_categories[0].category_children.map((child: { id: string }) => child.id)).toEqual([
      tops,
    ])

    const cycle = await adminCall(app, 'POST', `/admin/product-categories/${clothing}`, {
      parent_category_id: tees,
    })
    expect(cycle.status).toBe(400)
    expect(cycle.body.message).toContain('its own descendants')

    const moved = await admin(app, 'POST', `/admin/product-categories/${tees}`, {
      parent_category_id: clothing,
    })
    expect(moved.product_category.parent_category.id).toBe(clothing)
    const top = await admin(app, 'POST', `/admin/product-categories/${tops}`, {
      parent_category_id: null,
      rank: 3,
    })
    expect(top.product_category).toMatchObject({ parent_category_id: null, rank: 3 })
  })

  it('refuses to delete a category with children (409) and drops a deleted leaf from its products', async () => {
    const parent = (await admin(app, 'POST', '/admin/product-categories', { name: 'Kitchen' }))
      .product_category.id
    const leaf = (
      await admin(app, 'POST', '/admin/product-categories', { name: 'Mugs', parent_category_id: parent })
    ).product_category.id
    await admin(app, 'POST', `/admin/products/${shop.product}`, { category_ids: [leaf] })
    expect((await storeProduct()).categories.map((category: { id: string }) => category.id)).toEqual([leaf])

    const refused = await adminCall(app, 'DELETE', `/admin/product-categories/${parent}`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('child categories')

    await admin(app, 'DELETE', `/admin/product-categories/${leaf}`)
    expect((await storeProduct()).categories).toEqual([])
    await admin(app, 'DELETE', `/admin/product-categories/${parent}`)
    expect((await adminCall(app, 'GET', `/admin/product-categories/${parent}`)).status).toBe(404)
  })

  it('edits a collection and, deleting it, leaves its products in no collection', async () => {
    const collection = (await admin(app, 'POST', '/admin/collections', { title: 'Winter' })).collection
    await admin(app, 'POST', `/admin/products/${shop.product}`, { collection_id: collection.id })
    const renamed = await admin(app, 'POST', `/admin/collections/${collection.id}`, {
      handle: 'winter-warmers',
    })
    expect(renamed.collection.handle).toBe('winter-warmers')
    expect((await admin(app, 'GET', '/admin/collections?handle=winter-warmers')).count).toBe(1)
    expect((await storeProduct()).collection.handle).toBe('winter-warmers')

    await admin(app, 'DELETE', `/admin/collections/${collection.id}`)
    expect(await storeProduct()).toMatchObject({ collection_id: null, collection: null })
  })

  it('keeps tags and product types, shows a product’s type, and lets deletes fall off products', async () => {
    const type = (await admin(app, 'POST', '/admin/product-types', { value: 'Drinkware' })).product_type
    const tag = (await admin(app, 'POST', '/admin/product-tags', { value: 'gift' })).product_tag
    await admin(app, 'POST', `/admin/products/${shop.product}`, { type_id: type.id, tags: ['gift'] })
    expect((await storeProduct()).type).toMatchObject({ id: type.id, value: 'Drinkware' })

    const duplicate = await adminCall(app, 'POST', '/admin/product-tags', { value: 'gift' })
    expect(duplicate.status).toBe(400)
    await admin(app, 'POST', `/admin/product-types/${type.id}`, { value: 'Tableware' })
    expect((await admin(app, 'GET', '/admin/product-types?value=Tableware')).product_types).toHaveLength(1)
    expect((await storeProduct()).type.value).toBe('Tableware')

    await admin(app, 'DELETE', `/admin/product-types/${type.id}`)
    await admin(app, 'DELETE', `/admin/product-tags/${tag.id}`)
    expect(await storeProduct()).toMatchObject({ type_id: null, type: null, tags: [] })
    const unknownType = await adminCall(app, 'POST', `/admin/products/${shop.product}`, { type_id: type.id })
    expect(unknownType.status).toBe(400)
  })

  it('adds, re-prices and deletes a variant, its option values checked', async () => {
    const withOption = await admin(app, 'POST', `/admin/products/${shop.product}/options`, {
      title: 'Colour',
      values: ['White', 'Black'],
    })
    expect(withOption.product.options.map((option: { title: string }) => option.title)).toEqual(['Colour'])
    const added = await admin(app, 'POST', `/admin/products/${shop.product}/variants`, {
      title: 'Black',
      sku: 'MUG-BLACK',
      weight: 350,
      length: 120,
      height: 95,
      width: 90,
      options: { Colour: 'Black' },
      prices: [{ currency_code: 'usd', amount: 1100 }],
    })
    const black = added.product.variants.find((variant: { sku: string }) => variant.sku === 'MUG-BLACK')
    expect(black).toMatchObject({ weight: 350, length: 120, height: 95, width: 90 })
    const priced = await storeProduct(`?region_id=${shop.us}`)
    expect(
      priced.variants.find((variant: { id: string }) => variant.id === black.id).calculated_price
        .calculated_amount,
    ).toBe(1100)

    await admin(app, 'POST', `/admin/products/${shop.product}/variants/${black.id}`, {
      prices: [{ currency_code: 'usd', amount: 1050 }],
    })
    const repriced = await storeProduct(`?region_id=${shop.us}`)
    expect(
      repriced.variants.find((variant: { id: string }) => variant.id === black.id).calculated_price
        .calculated_amount,
    ).toBe(1050)
    const bySku = await admin(app, 'GET', `/admin/products/${shop.product}/variants?sku=MUG-BLACK`)
    expect(bySku.variants.map((variant: { id: string }) => variant.id)).toEqual([black.id])

    const badValue = await adminCall(app, 'POST', `/admin/products/${shop.product}/variants`, {
      title: 'Red',
      options: { Colour: 'Red' },
    })
    expect(badValue.status).toBe(400)
    expect(badValue.body.message).toContain('Colour: Red')

    await admin(app, 'DELETE', `/admin/products/${shop.product}/variants/${black.id}`)
    expect((await admin(app, 'GET', `/admin/products/${shop.product}/variants`)).count).toBe(1)
  })

  it('refuses to take away an option value a variant uses (409), and deletes an unused option', async () => {
    const { product } = await admin(app, 'POST', `/admin/products/${shop.product}/options`, {
      title: 'Finish',
      values: ['Matte', 'Gloss'],
    })
    const finish = product.options.find((option: { title: string }) => option.title === 'Finish')
    await admin(app, 'POST', `/admin/products/${shop.product}/variants`, {
      title: 'Matte',
      options: { Finish: 'Matte' },
    })
    const refused = await adminCall(app, 'POST', `/admin/products/${shop.product}/options/${finish.id}`, {
      values: ['Gloss'],
    })
    expect(refused.status).toBe(409)
    expect(
      (await adminCall(app, 'DELETE', `/admin/products/${shop.product}/options/${finish.id}`)).status,
    ).toBe(409)

    const grown = await admin(app, 'POST', `/admin/products/${shop.product}/options/${finish.id}`, {
      title: 'Surface',
      values: ['Matte', 'Gloss', 'Satin'],
    })
    const surface = grown.product.options.find((option: { id: string }) => option.id === finish.id)
    expect([surface.title, surface.values.map((value: { value: string }) => value.value)]).toEqual([
      'Surface',
      ['Matte', 'Gloss', 'Satin'],
    ])
    const spare = (
      await admin(app, 'POST', `/admin/products/${shop.product}/options`, { title: 'Spare', values: ['A'] })
    ).product.options.find((option: { title: string }) => option.title === 'Spare')
    await admin(app, 'DELETE', `/admin/products/${shop.product}/options/${spare.id}`)
  })

  it('creates, updates and deletes products in one batch, and writes nothing when one part fails', async () => {
    const { created } = await admin(app, 'POST', '/admin/products/batch', {
      create: [{ title: 'Batch Bowl' }, { title: 'Batch Plate' }],
    })
    const [bowl, plate] = created.map((row: { id: string }) => row.id)
    const failed = await adminCall(app, 'POST', '/admin/products/batch', {
      update: [{ id: bowl, title: 'Batch Bowl, Large' }],
      delete: [plate, 'prod_ghost'],
    })
    expect(failed.status).toBe(404)
    expect(failed.body.message).toContain('prod_ghost')
    expect((await admin(app, 'GET', `/admin/products/${bowl}`)).product.title).toBe('Batch Bowl')
    expect((await adminCall(app, 'GET', `/admin/products/${plate}`)).status).toBe(200)

    const done = await admin(app, 'POST', '/admin/products/batch', {
      update: [{ id: bowl, title: 'Batch Bowl, Large' }],
      delete: [plate],
    })
    expect([done.updated, done.deleted.map((row: { id: string }) => row.id)]).toEqual([
      [{ id: bowl }],
      [plate],
    ])
    expect((await admin(app, 'GET', `/admin/products/${bowl}`)).product.title).toBe('Batch Bowl, Large')
    expect((await adminCall(app, 'GET', `/admin/products/${plate}`)).status).toBe(404)
  })

  it('pages every catalog list the same way and refuses negative or huge limits and unknown filters', async () => {
    const lists = [
      '/admin/products',
      '/admin/product-categories',
      '/admin/collections',
      '/admin/product-tags',
      '/admin/product-types',
      '/admin/price-lists',
      '/admin/regions',
      '/admin/sales-channels',
      '/admin/publishable-keys',
      '/admin/stock-locations',
      '/admin/inventory/levels',
      `/admin/products/${shop.product}/variants`,
    ]
    for (const path of lists) {
      const page = await adminCall(app, 'GET', `${path}?limit=1&offset=0`)
      expect([path, page.status, page.body.limit, page.body.offset]).toEqual([path, 200, 1, 0])
      expect(typeof page.body.count).toBe('number')
      for (const [query, field] of [
        ['limit=-1', 'limit'],
        ['limit=99999999', 'limit'],
        ['offset=-3', 'offset'],
        ['colour=red', 'colour'],
      ]) {
        const refused = await adminCall(app, 'GET', `${path}?${query}`)
        expect([path, query, refused.status]).toEqual([path, query, 400])
        expect(refused.body.message).toContain(field)
      }
    }
  })

  it('answers 404 for every unknown id, naming it', async () => {
    for (const [method, path, body] of [
      ['GET', '/admin/product-categories/pcat_nope'],
      ['POST', '/admin/product-categories/pcat_nope', { name: 'x' }],
      ['DELETE', '/admin/product-categories/pcat_nope'],
      ['GET', '/admin/collections/pcol_nope'],
      ['POST', '/admin/collections/pcol_nope', { title: 'x' }],
      ['DELETE', '/admin/collections/pcol_nope'],
      ['GET', '/admin/product-tags/ptag_nope'],
      ['POST', '/admin/product-tags/ptag_nope', { value: 'x' }],
      ['DELETE', '/admin/product-types/ptyp_nope'],
      ['GET', '/admin/products/prod_nope/variants'],
      ['POST', '/admin/products/prod_nope/variants', { title: 'x' }],
      ['POST', `/admin/products/${shop.product}/variants/variant_nope`, { title: 'x' }],
      ['DELETE', `/admin/products/${shop.product}/variants/variant_nope`],
      ['POST', `/admin/products/${shop.product}/options/opt_nope`, { title: 'x' }],
      ['DELETE', `/admin/products/${shop.product}/options/opt_nope`],
      ['GET', '/admin/regions/reg_nope'],
      ['POST', '/admin/regions/reg_nope', { name: 'x' }],
      ['GET', '/admin/sales-channels/sc_nope'],
      ['POST', '/admin/sales-channels/sc_nope/products', { add: [] }],
      ['DELETE', '/admin/sales-channels/sc_nope'],
      ['GET', '/admin/publishable-keys/apk_nope'],
      ['DELETE', '/admin/publishable-keys/apk_nope'],
      ['GET', '/admin/stock-locations/sloc_nope'],
      ['DELETE', '/admin/stock-locations/sloc_nope'],
    ] as Array<[string, string, unknown?]>) {
      const response = await adminCall(app, method, path, body)
      expect([method, path, response.status]).toEqual([method, path, 404])
      expect(response.body.message).toContain('_nope')
    }
  })
})
