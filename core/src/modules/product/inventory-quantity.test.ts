// Stock on the Store API, as a Medusa storefront asks for it (`fields=+variants.inventory_quantity`):
// only when asked, only on stock-managed variants, what the locations serving the key's sales channel
// can sell, and never stale after an order or a restock. Carts are held to the same figure.
import Medusa from '@medusajs/js-sdk'
import type { HttpTypes } from '@medusajs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { admin, createProduct, readyCart, type Shop, seedShop, store } from '../../testing/shop'

const WITH_STOCK = '*variants.calculated_price,+variants.inventory_quantity'

describe('variant inventory quantity on the Store API', () => {
  let app: TestApp
  let shop: Shop
  let sdk: Medusa
  let product: string

  beforeAll(async () => {
    app = await createTestApp()
    shop = await seedShop(app, { shirt: 12, mug: 3 })
    sdk = new Medusa({ baseUrl: app.url(), publishableKey: shop.key })
    product = (await sdk.store.product.list({ limit: 1 })).products[0]!.id
  })
  afterAll(async () => {
    await app?.close()
  })

  /** Each variant's inventory_quantity as the product list and the product page both show it. */
  async function shownStock(variantId: string): Promise<number | null | undefined> {
    const { products } = await sdk.store.product.list({ fields: WITH_STOCK, region_id: shop.region })
    const listed = products.flatMap((item) => item.variants ?? []).find((variant) => variant.id === variantId)
    const { product: page } = await sdk.store.product.retrieve(product, { fields: WITH_STOCK })
    const shown = page.variants?.find((variant) => variant.id === variantId)
    expect(listed?.inventory_quantity).toBe(shown?.inventory_quantity)
    return shown?.inventory_quantity
  }

  async function limitedVariant(title: string, extra: object = {}): Promise<string> {
    const { variants } = await createProduct(app, {
      title,
      sales_channel_ids: [shop.channel],
      variants: [{ title: 'One', prices: [{ currency_code: 'usd', amount: 900 }], ...extra }],
    })
    return variants[0]!
  }

  it('leaves inventory_quantity out unless the storefront asks for it', async () => {
    const plain = await sdk.store.product.list({ region_id: shop.region })
    const variants = plain.products.flatMap((item) => item.variants ?? [])
    expect(variants.length).toBeGreaterThan(0)
    expect(variants.every((variant) => !('inventory_quantity' in variant))).toBe(true)
    const { product: page } = await sdk.store.product.retrieve(product, { region_id: shop.region })
    expect(page.variants!.every((variant) => !('inventory_quantity' in variant))).toBe(true)

    expect(await shownStock(shop.shirt)).toBe(12)
    expect(await shownStock(shop.mug)).toBe(3)
    const { products } = await sdk.store.product.list({ fields: WITH_STOCK, region_id: shop.region })
    const shirt: HttpTypes.StoreProductVariant = products[0]!.variants!.find((v) => v.id === shop.shirt)!
    expect(shirt.calculated_price?.calculated_amount).toBe(2500)
  })

  it('shows less once an order reserves stock, and more after a restock', async () => {
    expect(await shownStock(shop.mug)).toBe(3)
    const cart = await readyCart(app, shop, { items: [{ variant_id: shop.mug, quantity: 2 }] })
    const completed = await store(app, shop, 'POST', `/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe('order')

    expect(await shownStock(shop.mug)).toBe(1)

    await admin(app, 'POST', '/admin/inventory/adjustments', {
      variant_id: shop.mug,
      location_id: shop.warehouse,
      adjustment: 4,
    })
    expect(await shownStock(shop.mug)).toBe(5)

    await admin(app, 'POST', `/admin/orders/${completed.order.id}/cancel`)
    expect(await shownStock(shop.mug)).toBe(7)
  })

  it('gives no inventory_quantity for a variant whose stock is not managed', async () => {
    const unmanaged = await limitedVariant('Gift note', { manage_inventory: false })
    const managedEmpty = await limitedVariant('Sold out poster')
    const { products } = await sdk.store.product.list({ fields: WITH_STOCK, limit: 100 })
    const variants = products.flatMap((item) => item.variants ?? [])
    const note = variants.find((variant) => variant.id === unmanaged)!
    expect(note.manage_inventory).toBe(false)
    expect(note.inventory_quantity ?? null).toBeNull()
    expect(variants.find((variant) => variant.id === managedEmpty)!.inventory_quantity).toBe(0)
  })

  it('counts only the stock locations that serve the key’s sales channel, and holds carts to them', async () => {
    const poster = await limitedVariant('Framed poster')
    const web = (await admin(app, 'GET', '/admin/sales-channels')).sales_channels[0].id
    const stall = (await admin(app, 'POST', '/admin/sales-channels', { name: 'Market stall' })).sales_channel
      .id
    const outlet = (await admin(app, 'POST', '/admin/stock-locations', { name: 'Outlet' })).stock_location.id
    for (const [location, adjustment] of [
      [shop.warehouse, 2],
      [outlet, 6],
    ] as const) {
      await admin(app, 'POST', '/admin/inventory/adjustments', {
        variant_id: poster,
        location_id: location,
        adjustment,
      })
    }
    const stockOfPoster = async () => {
      const { products } = await sdk.store.product.list({ fields: WITH_STOCK, limit: 100 })
      return products.flatMap((item) => item.variants ?? []).find((variant) => variant.id === poster)!
        .inventory_quantity
    }
    // Given no location linked to any channel, every channel draws on every location.
    expect(await stockOfPoster()).toBe(8)

    // When the warehouse serves the web shop and the outlet only the market stall,
    const linked = await admin(app, 'POST', `/admin/stock-locations/${shop.warehouse}/sales-channels`, {
      add: [web],
    })
    expect(linked.stock_location.sales_channel_ids).toEqual([web])
    await admin(app, 'POST', `/admin/stock-locations/${outlet}/sales-channels`, { add: [stall] })

    // then the web shop's key sees the warehouse's stock alone, and its carts are held to it.
    expect(await stockOfPoster()).toBe(2)
    const refused = await app.request('POST', '/store/carts', {
      headers: shop.store,
      body: { region_id: shop.region, items: [{ variant_id: poster, quantity: 3 }] },
    })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({
      type: 'conflict',
      message: `Variant ${poster} does not have the required inventory`,
    })
    const cart = await readyCart(app, shop, { items: [{ variant_id: poster, quantity: 2 }] })
    expect((await store(app, shop, 'POST', `/store/carts/${cart.id}/complete`)).type).toBe('order')
    expect(await stockOfPoster()).toBe(0)
    const levels = (await admin(app, 'GET', `/admin/inventory/levels?variant_id=${poster}`)).inventory_levels
    expect(
      levels.find((level: { location_id: string }) => level.location_id === outlet).reserved_quantity,
    ).toBe(0)

    // Unlinked again, the web shop draws on every location once more.
    await admin(app, 'POST', `/admin/stock-locations/${shop.warehouse}/sales-channels`, { remove: [web] })
    await admin(app, 'POST', `/admin/stock-locations/${outlet}/sales-channels`, { remove: [stall] })
    expect(await stockOfPoster()).toBe(6)
  })

  it('refuses hostile fields selections with a 400 naming the parameter', async () => {
    for (const fields of [
      "+variants.inventory_quantity' OR 1=1 --",
      'variants.inventory_quantity;DROP TABLE product',
      '+variants..inventory_quantity',
      `+${'a.'.repeat(1200)}b`,
      '(select 1)',
    ]) {
      for (const path of ['/store/products', `/store/products/${product}`]) {
        const response = await app.request('GET', `${path}?fields=${encodeURIComponent(fields)}`, {
          headers: shop.store,
        })
        expect(response.status, `${path} ${fields}`).toBe(400)
        expect(response.body.type).toBe('invalid_data')
        expect(response.body.message).toContain('fields')
      }
    }
    const twice = await app.request('GET', '/store/products?fields[]=a&fields[]=b', { headers: shop.store })
    expect(twice.status).toBe(400)
  })
})
