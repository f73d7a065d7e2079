// A small shop for the cart, shipping, tax and promotion tests, built through the Admin API: a
// tax-exclusive US region and a tax-inclusive EU region, products in a web channel, stock, tax rates
// and shipping options.
import Medusa from '@medusajs/js-sdk'
import { createTestApp, type TestApp } from '../../testing'
import { admin } from '../../testing/shop'

export { admin } from '../../testing/shop'

const ADMIN_TOKEN = 'catalog-test-admin-token-0123456789'
export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` }

export interface TestShop {
  app: TestApp
  /** The Medusa JS SDK with the shop's publishable key. */
  sdk: Medusa
  /** The publishable key header, for raw requests. */
  headers: Record<string, string>
  key: string
  /** The key's sales channel. */
  salesChannel: string
  /** A key whose channel sells nothing of the shop's. */
  otherKey: string
  us: string
  eu: string
  tops: string
  apparel: string
  shirt: { product: string; s: string; m: string }
  mug: { product: string; variant: string }
  lamp: { product: string; variant: string }
  draftVariant: string
  otherChannelVariant: string
  unpricedInEur: string
  standardUs: string
  expressUs: string
  standardEu: string
  franceOnly: string
  close(): Promise<void>
}

export async function openTestShop(): Promise<TestShop> {
  process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
  const app = await createTestApp()
  const web = (await admin(app, 'POST', '/admin/sales-channels', { name: 'Web shop' })).sales_channel.id
  const stall = (await admin(app, 'POST', '/admin/sales-channels', { name: 'Market stall' })).sales_channel.id
  const key = (
    await admin(app, 'POST', '/admin/publishable-keys', { title: 'Web', sales_channel_ids: [web] })
  ).publishable_key.token
  const otherKey = (
    await admin(app, 'POST', '/admin/publishable-keys', { title: 'Stall', sales_channel_ids: [stall] })
  ).publishable_key.token
  const us = (
    await admin(app, 'POST', '/admin/regions', {
      name: 'North America',
      currency_code: 'usd',
      countries: ['us', 'ca'],
    })
  ).region.id
  const eu = (
    await admin(app, 'POST', '/admin/regions', {
      name: 'Europe',
      currency_code: 'eur',
      countries: ['de', 'fr'],
      prices_include_tax: true,
    })
  ).region.id
  const apparel = (await admin(app, 'POST', '/admin/product-categories', { name: 'Apparel' }))
    .product_category.id
  const tops = (
    await admin(app, 'POST', '/admin/product-categories', { name: 'Tops', parent_category_id: apparel })
  ).product_category.id
  const product = async (body: object) => {
    const created = (await admin(app, 'POST', '/admin/products', body)).product
    return {
      product: created.id as string,
      variants: created.variants as Array<{ id: string; title: string }>,
    }
  }
  const shirt = await product({
    title: 'Linen Shirt',
    status: 'published',
    category_ids: [tops],
    sales_channel_ids: [web],
    options: [{ title: 'Size', values: ['S', 'M'] }],
    variants: [
      {
        title: 'S',
        sku: 'SHIRT-S',
        options: { Size: 'S' },
        prices: [
          { currency_code: 'usd', amount: 4500 },
          { currency_code: 'eur', amount: 4200 },
        ],
      },
      {
        title: 'M',
        sku: 'SHIRT-M',
        options: { Size: 'M' },
        prices: [
          { currency_code: 'usd', amount: 4700 },
          { currency_code: 'eur', amount: 4400 },
        ],
      },
    ],
  })
  const mug = await product({
    title: 'Stoneware Mug',
    status: 'published',
    sales_channel_ids: [web],
    variants: [
      {
        title: 'Mug',
        sku: 'MUG',
        manage_inventory: false,
        prices: [
          { currency_code: 'usd', amount: 1250 },
          { currency_code: 'eur', amount: 1190 },
        ],
      },
    ],
  })
  const lamp = await product({
    title: 'Brass Lamp',
    status: 'published',
    sales_channel_ids: [web],
    variants: [{ title: 'Lamp', sku: 'LAMP', prices: [{ currency_code: 'usd', amount: 8900 }] }],
  })
  const draft = await product({
    title: 'Secret Jacket',
    status: 'draft',
    sales_channel_ids: [web],
    variants: [{ title: 'One', prices: [{ currency_code: 'usd', amount: 100 }] }],
  })
  const elsewhere = await product({
    title: 'Stall Apron',
    status: 'published',
    sales_channel_ids: [stall],
    variants: [{ title: 'One', prices: [{ currency_code: 'usd', amount: 100 }] }],
  })
  const warehouse = (await admin(app, 'POST', '/admin/stock-locations', { name: 'Warehouse' })).stock_location
    .id
  const stock = (variant_id: string, adjustment: number) =>
    admin(app, 'POST', '/admin/inventory/adjustments', { variant_id, location_id: warehouse, adjustment })
  await stock(shirt.variants[0]!.id, 50)
  await stock(shirt.variants[1]!.id, 50)
  await stock(lamp.variants[0]!.id, 3)

  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'us',
    default_tax_rate: { name: 'US sales tax', code: 'US', rate: 5 },
  })
  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'ca',
    default_tax_rate: { name: 'GST', code: 'GST', rate: 5 },
  })
  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'ca',
    province_code: 'qc',
    default_tax_rate: { name: 'QST', code: 'QST', rate: 9.975, is_combinable: true },
  })
  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'us',
    province_code: 'ny',
    default_tax_rate: { name: 'NY sales tax', code: 'NY', rate: 8.875 },
  })
  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'de',
    default_tax_rate: { name: 'MwSt', code: 'DE19', rate: 19 },
  })
  await admin(app, 'POST', '/admin/tax-regions', {
    country_code: 'fr',
    default_tax_rate: { name: 'TVA', code: 'FR20', rate: 20 },
  })

  const option = async (body: object) =>
    (await admin(app, 'POST', '/admin/shipping-options', body)).shipping_option.id
  const france = (await admin(app, 'POST', '/admin/service-zones', { name: 'France', countries: ['fr'] }))
    .service_zone.id
  const standardUs = await option({ name: 'Standard', region_id: us, amount: 500, free_above: 10000 })
  const expressUs = await option({
    name: 'Express',
    region_id: us,
    amount: 1500,
    type: { label: 'Express', code: 'express' },
  })
  const standardEu = await option({ name: 'Standard EU', region_id: eu, amount: 495 })
  const franceOnly = await option({ name: 'Colissimo', region_id: eu, amount: 690, service_zone_id: france })

  return {
    app,
    sdk: new Medusa({ baseUrl: app.url(), publishableKey: key }),
    headers: { 'x-publishable-api-key': key },
    key,
    salesChannel: web,
    otherKey,
    us,
    eu,
    tops,
    apparel,
    shirt: { product: shirt.product, s: shirt.variants[0]!.id, m: shirt.variants[1]!.id },
    mug: { product: mug.product, variant: mug.variants[0]!.id },
    lamp: { product: lamp.product, variant: lamp.variants[0]!.id },
    draftVariant: draft.variants[0]!.id,
    otherChannelVariant: elsewhere.variants[0]!.id,
    unpricedInEur: lamp.variants[0]!.id,
    standardUs,
    expressUs,
    standardEu,
    franceOnly,
    async close() {
      await app.close()
      delete process.env.SHOPWRIGHT_ADMIN_TOKEN
    },
  }
}
