// Demo data: a believable small shop (`shopwright seed --demo`, and `npm start` on a fresh database),
// and large generated catalogs for benchmarks (`shopwright seed --products N`).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Database } from '../infra/database'
import { generateId } from '../infra/ids'
import type { Shopwright } from '../kernel/shopwright'
import type { FulfillmentService } from '../modules/fulfillment/service'
import type { InventoryService } from '../modules/inventory/service'
import type { ProductInput, ProductService } from '../modules/product/service'
import type { PromotionService } from '../modules/promotion/service'
import type { RegionService } from '../modules/region/service'
import type { SalesChannelService } from '../modules/sales-channel/service'
import type { StoreService } from '../modules/store/service'
import type { TaxService } from '../modules/tax/service'
import { seedDemoAdmin } from './demo-admin'

const CATEGORIES: Record<
  string,
  { nouns: string[]; base: number; options: Array<{ title: string; values: string[] }> }
> = {
  Shirts: {
    nouns: ['Oxford Shirt', 'Linen Shirt', 'Flannel Shirt', 'Denim Shirt', 'Poplin Shirt'],
    base: 4900,
    options: [{ title: 'Size', values: ['S', 'M', 'L'] }],
  },
  Knitwear: {
    nouns: ['Merino Sweater', 'Cable Cardigan', 'Wool Beanie', 'Cashmere Scarf', 'Ribbed Turtleneck'],
    base: 7900,
    options: [{ title: 'Size', values: ['S', 'M', 'L'] }],
  },
  Trousers: {
    nouns: ['Chino', 'Wide-Leg Trouser', 'Selvedge Jean', 'Cord Trouser', 'Linen Pant'],
    base: 6900,
    options: [{ title: 'Waist', values: ['30', '32', '34'] }],
  },
  Shoes: {
    nouns: ['Leather Sneaker', 'Suede Loafer', 'Chelsea Boot', 'Canvas Plimsoll', 'Desert Boot'],
    base: 11900,
    options: [{ title: 'Size', values: ['41', '42', '43'] }],
  },
  Accessories: {
    nouns: ['Canvas Tote', 'Leather Belt', 'Card Wallet', 'Weekender Bag', 'Silk Pocket Square'],
    base: 2900,
    options: [{ title: 'Color', values: ['Black', 'Tan', 'Navy'] }],
  },
}
const ADJECTIVES = ['Classic', 'Everyday', 'Heritage', 'Coastal', 'Urban', 'Alpine', 'Studio', 'Weekend']
const COLLECTIONS = ['Spring Edit', 'Essentials', 'Outdoor', 'Limited Run']
const COLORS = ['#c8553d', '#2d6a4f', '#264653', '#e9c46a', '#6d597a', '#8d99ae', '#b5838d', '#3d5a80']

export interface DemoResult {
  publishableKey: string
  products: number
  regions: string[]
  /** The owner's sign-in for the admin UI, when the store had no owner yet. */
  admin?: { email: string; password: string }
}

function productImage(dir: string, name: string, title: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600"><rect width="600" height="600" fill="${color}"/><circle cx="300" cy="260" r="120" fill="#ffffff" fill-opacity="0.18"/><text x="300" y="470" font-family="Helvetica, Arial, sans-serif" font-size="34" fill="#ffffff" text-anchor="middle">${title.replace(/&/g, '&amp;')}</text></svg>`
  writeFileSync(path.join(dir, `${name}.svg`), svg)
  return `/static/products/${name}.svg`
}

/** Where the demo's images live; the CLI serves this folder at /static. */
export function staticDir(projectDir: string): string {
  return path.join(projectDir, '.shopwright', 'static')
}

export async function seedDemo(app: Shopwright): Promise<DemoResult> {
  const regions = app.container.resolve<RegionService>('regionService')
  const channels = app.container.resolve<SalesChannelService>('salesChannelService')
  const products = app.container.resolve<ProductService>('productService')
  const imageDir = path.join(staticDir(app.config.projectDir), 'products')
  mkdirSync(imageDir, { recursive: true })

  const stores = app.container.resolve<StoreService>('storeService')
  await stores.updateStore((await stores.retrieveStore()).id, {
    name: 'Shopwright Outfitters',
    default_currency_code: 'usd',
    supported_currencies: ['usd', 'eur'],
  })
  const us = await regions.createRegion({
    name: 'United States',
    currency_code: 'usd',
    countries: ['us', 'ca'],
  })
  const eu = await regions.createRegion({
    name: 'Europe',
    currency_code: 'eur',
    countries: ['de', 'fr', 'nl', 'it', 'es', 'be', 'at', 'ie'],
    prices_include_tax: true,
  })
  const channel = await channels.createSalesChannel({ name: 'Web shop' })
  const key = await channels.createPublishableKey({
    title: 'Demo storefront',
    sales_channel_ids: [channel.id],
  })
  const collectionIds = []
  for (const title of COLLECTIONS) collectionIds.push((await products.createCollection({ title })).id)
  const apparel = await products.createCategory({ name: 'Apparel', rank: 0 })

  const inputs: ProductInput[] = []
  let n = 0
  for (const [category, spec] of Object.entries(CATEGORIES)) {
    const categoryId = await products.createCategory({
      name: category,
      parent_category_id: category === 'Accessories' ? null : apparel,
      rank: n,
    })
    for (const adjective of ADJECTIVES) {
      for (const noun of spec.nouns) {
        const title = `${adjective} ${noun}`
        const color = COLORS[n % COLORS.length]!
        const handle = `${adjective}-${noun}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
        const usd = spec.base + (n % 7) * 500
        const option = spec.options[0]!
        inputs.push({
          title,
          handle,
          description: `The ${title.toLowerCase()}: made to last, easy to wear, and finished with care in small batches.`,
          status: 'published',
          images: [{ url: productImage(imageDir, handle, title, color) }],
          collection_id: collectionIds[n % collectionIds.length],
          category_ids: [categoryId],
          tags: [adjective.toLowerCase(), category.toLowerCase()],
          sales_channel_ids: [channel.id],
          options: spec.options,
          variants: option.values.map((value, i) => ({
            title: `${option.title} ${value}`,
            sku: `${handle}-${value}`.toUpperCase(),
            options: { [option.title]: value },
            prices: [
              { currency_code: 'usd', amount: usd + i * 200 },
              { currency_code: 'eur', amount: Math.round((usd * 0.92) / 100) * 100 - 1 + i * 200 },
            ],
          })),
        })
        n++
      }
    }
  }
  const productIds = await products.createProducts(inputs)
  // Stock in one warehouse: 5 to 60 of each variant.
  const inventory = app.container.resolve<InventoryService>('inventoryService')
  const warehouse = await inventory.createLocation({ name: 'Main warehouse' })
  const variantIds = (await app.db
    .knex()('product_variant')
    .whereIn('product_id', productIds)
    .select('id')) as Array<{ id: string }>
  await inventory.setStockLevels(
    warehouse.id,
    variantIds.map((variant, i) => ({ variant_id: variant.id, stocked_quantity: 5 + ((i * 7) % 56) })),
  )
  await seedDemoCheckout(app, { us: us.id, eu: eu.id })
  const admin = await seedDemoAdmin(app)
  return { publishableKey: key.token, products: inputs.length, regions: [us.id, eu.id], admin }
}

/** Checkout for the demo shop: tax rates for every demo country, shipping options, a welcome code. */
async function seedDemoCheckout(app: Shopwright, regions: { us: string; eu: string }): Promise<void> {
  const taxes = app.container.resolve<TaxService>('taxService')
  const rates: Array<[string, string, number]> = [
    ['us', 'Sales tax', 7],
    ['ca', 'GST', 5],
    ['de', 'MwSt', 19],
    ['fr', 'TVA', 20],
    ['nl', 'BTW', 21],
    ['it', 'IVA', 22],
    ['es', 'IVA', 21],
    ['be', 'BTW', 21],
    ['at', 'USt', 20],
    ['ie', 'VAT', 23],
  ]
  for (const [country_code, name, rate] of rates) {
    await taxes.createTaxRegion({
      country_code,
      default_tax_rate: { name, code: `${country_code.toUpperCase()}${rate}`, rate },
    })
  }
  const shipping = app.container.resolve<FulfillmentService>('fulfillmentService')
  await shipping.createShippingOption({
    name: 'Standard',
    region_id: regions.us,
    amount: 795,
    free_above: 7500,
  })
  await shipping.createShippingOption({
    name: 'Express',
    region_id: regions.us,
    amount: 1995,
    type: { label: 'Express', code: 'express', description: 'Next business day' },
  })
  await shipping.createShippingOption({
    name: 'Standard',
    region_id: regions.eu,
    amount: 595,
    free_above: 6000,
  })
  await shipping.createShippingOption({
    name: 'Express',
    region_id: regions.eu,
    amount: 1495,
    type: { label: 'Express', code: 'express', description: 'Two business days' },
  })
  await app.container.resolve<PromotionService>('promotionService').createPromotion({
    code: 'WELCOME10',
    application_method: { type: 'percentage', value: 10, target_type: 'order' },
  })
}

/** True when the database holds no store yet: no region, sales channel or product. */
export async function isEmptyStore(db: Database): Promise<boolean> {
  const knex = db.knex()
  for (const table of ['region', 'sales_channel', 'product']) {
    const [{ count }] = (await knex(table).count({ count: '*' })) as [{ count: number | string }]
    if (Number(count) > 0) return false
  }
  return true
}

/**
 * Generates `count` published products with three variants and USD and EUR prices each, written in
 * batched inserts (no per-product events): for benchmarks on large catalogs.
 */
export async function seedGeneratedProducts(
  app: Shopwright,
  count: number,
  onProgress?: (done: number) => void,
): Promise<{ salesChannelId: string; publishableKey: string }> {
  const channels = app.container.resolve<SalesChannelService>('salesChannelService')
  const channel = await channels.createSalesChannel({ name: `Generated ${count}` })
  const key = await channels.createPublishableKey({
    title: `Generated ${count}`,
    sales_channel_ids: [channel.id],
  })
  const products = app.container.resolve<ProductService>('productService')
  const categoryIds: string[] = []
  for (const name of Object.keys(CATEGORIES)) {
    categoryIds.push(await products.createCategory({ name: `${name} ${channel.id.slice(-6)}` }))
  }
  const knex = app.db.knex()
  const batch = 500
  // Raw rows in the form MikroORM stores them: SQLite keeps times as epoch milliseconds.
  const now = app.db.dialect === 'sqlite' ? Date.now() : new Date()
  const sizes = ['S', 'M', 'L']
  for (let start = 0; start < count; start += batch) {
    const rows: Record<string, Array<Record<string, unknown>>> = {
      product: [],
      product_option: [],
      product_option_value: [],
      product_variant: [],
      product_variant_option: [],
      price: [],
      product_sales_channel: [],
      product_category_link: [],
    }
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const category = Object.keys(CATEGORIES)[i % 5]!
      const spec = CATEGORIES[category]!
      const title = `${ADJECTIVES[i % ADJECTIVES.length]} ${spec.nouns[Math.floor(i / 5) % spec.nouns.length]} ${i}`
      const id = generateId('prod')
      const handle = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(-8).toLowerCase()}`
      rows.product!.push({
        id,
        title,
        handle,
        description: `Generated product number ${i}.`,
        status: 'published',
        is_giftcard: false,
        discountable: true,
        created_at: now,
        updated_at: now,
      })
      rows.product_sales_channel!.push({ product_id: id, sales_channel_id: channel.id })
      rows.product_category_link!.push({ product_id: id, category_id: categoryIds[i % 5] })
      const optionId = generateId('opt')
      rows.product_option!.push({ id: optionId, product_id: id, title: 'Size', rank: 0 })
      sizes.forEach((size, rank) => {
        const valueId = generateId('optval')
        const variantId = generateId('variant')
        rows.product_option_value!.push({
          id: valueId,
          option_id: optionId,
          product_id: id,
          value: size,
          rank,
        })
        rows.product_variant!.push({
          id: variantId,
          product_id: id,
          title: size,
          sku: `GEN-${id.slice(-10)}-${size}`,
          allow_backorder: false,
          manage_inventory: true,
          variant_rank: rank,
          created_at: now,
          updated_at: now,
        })
        rows.product_variant_option!.push({ variant_id: variantId, option_value_id: valueId })
        const amount = spec.base + (i % 50) * 100
        rows.price!.push({
          id: generateId('price'),
          variant_id: variantId,
          currency_code: 'usd',
          amount,
          created_at: now,
          updated_at: now,
        })
        rows.price!.push({
          id: generateId('price'),
          variant_id: variantId,
          currency_code: 'eur',
          amount: Math.round(amount * 0.92),
          created_at: now,
          updated_at: now,
        })
      })
    }
    await knex.transaction(async (trx) => {
      for (const [table, values] of Object.entries(rows)) {
        for (let offset = 0; offset < values.length; offset += 400)
          await trx(table).insert(values.slice(offset, offset + 400))
      }
    })
    onProgress?.(Math.min(count, start + batch))
  }
  await products.catalogChanged()
  return { salesChannelId: channel.id, publishableKey: key.token }
}
