// The one test shop: steps that set a shop up through the Admin API as a merchant would (a sales
// channel and its publishable key, regions, tax rates, products with prices and stock at a location,
// shipping options) and the shopper's steps through the Store API (a cart with an address and
// shipping, a payment session, a placed order). Tests compose the steps they need; `seedShop`,
// `seedSmallShop` and `openTestShop` compose the shops most tests start from.
import Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll } from 'vitest'
import { createTestApp, type TestApp } from './index'

type Headers = Record<string, string>

/** An admin call whose answer (any status) the test inspects; as the app's owner key. */
export function adminCall(app: TestApp, method: string, path: string, body?: unknown) {
  return app.request(method, path, { body, headers: app.adminHeaders })
}

/** An admin call that must succeed; its body. */
export async function admin<T = any>(app: TestApp, method: string, path: string, body?: unknown): Promise<T> {
  const response = await adminCall(app, method, path, body)
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`)
  return response.body as T
}

/** A Store API call with the shop's publishable key (and any other `headers`) that must succeed. */
export async function store<T = any>(
  app: TestApp,
  shop: { store: Headers },
  method: string,
  path: string,
  body?: unknown,
  headers: Headers = {},
): Promise<T> {
  const response = await app.request(method, path, { body, headers: { ...shop.store, ...headers } })
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`)
  return response.body as T
}

// ---- The merchant's steps ----

export interface SalesChannelWithKey {
  channel: string
  key: string
  /** The headers a storefront sends: the publishable key. */
  store: Headers
}

/** A sales channel and a publishable key for it. */
export async function salesChannelWithKey(
  app: TestApp,
  name = 'Web',
  keyTitle = 'Web',
): Promise<SalesChannelWithKey> {
  const channel = (await admin(app, 'POST', '/admin/sales-channels', { name })).sales_channel.id as string
  const key = (
    await admin(app, 'POST', '/admin/publishable-keys', { title: keyTitle, sales_channel_ids: [channel] })
  ).publishable_key.token as string
  return { channel, key, store: { 'x-publishable-api-key': key } }
}

/** A region; the United States in usd unless told otherwise. */
export async function createRegion(
  app: TestApp,
  region: { name: string; currency_code: string; countries: string[]; prices_include_tax?: boolean } = {
    name: 'United States',
    currency_code: 'usd',
    countries: ['us'],
  },
): Promise<string> {
  return (await admin(app, 'POST', '/admin/regions', region)).region.id
}

export interface TaxRate {
  country_code: string
  province_code?: string
  name: string
  code: string
  rate: number
  is_combinable?: boolean
}

/** A tax region with its default rate for each of `rates`. */
export async function createTaxRates(app: TestApp, rates: TaxRate[]): Promise<void> {
  for (const { country_code, province_code, ...rate } of rates)
    await admin(app, 'POST', '/admin/tax-regions', {
      country_code,
      ...(province_code && { province_code }),
      default_tax_rate: rate,
    })
}

/**
 * A product made from an Admin API body (published unless it says otherwise); its id and its
 * variants' ids in the order the body lists them.
 */
export async function createProduct(
  app: TestApp,
  body: {
    title: string
    variants?: Array<{ title: string; [field: string]: unknown }>
    [field: string]: unknown
  },
): Promise<{ product: string; variants: string[] }> {
  const created = (await admin(app, 'POST', '/admin/products', { status: 'published', ...body })).product
  const byTitle = (title: string) =>
    (created.variants as Array<{ id: string; title: string }>).find((variant) => variant.title === title)!.id
  return { product: created.id, variants: (body.variants ?? []).map((variant) => byTitle(variant.title)) }
}

/** A stock location. */
export async function stockLocation(app: TestApp, name = 'Warehouse'): Promise<string> {
  return (await admin(app, 'POST', '/admin/stock-locations', { name })).stock_location.id
}

/** Adds `quantity` units of a variant to the stock at `location`. */
export async function addStock(app: TestApp, location: string, variant: string, quantity: number) {
  await admin(app, 'POST', '/admin/inventory/adjustments', {
    variant_id: variant,
    location_id: location,
    adjustment: quantity,
  })
}

export interface StockedVariant {
  title: string
  /** In usd. */
  price: number
  stock: number
  sku?: string
  options?: Record<string, string>
}

/**
 * A published product sold in the shop's channel, each variant priced in usd and stocked at the
 * shop's warehouse; its id and its variants' ids in the order given.
 */
export async function stockedProduct(
  app: TestApp,
  shop: { channel: string; warehouse: string },
  product: {
    title: string
    options?: Array<{ title: string; values: string[] }>
    variants: StockedVariant[]
  },
): Promise<{ product: string; variants: string[] }> {
  const created = await createProduct(app, {
    ...product,
    sales_channel_ids: [shop.channel],
    variants: product.variants.map(({ price, stock: _, ...variant }) => ({
      ...variant,
      prices: [{ currency_code: 'usd', amount: price }],
    })),
  })
  for (const [index, variant] of product.variants.entries())
    await addStock(app, shop.warehouse, created.variants[index]!, variant.stock)
  return created
}

/** A shipping option (an Admin API body: name, region_id, amount, …). */
export async function shippingOption(app: TestApp, body: Record<string, unknown>): Promise<string> {
  return (await admin(app, 'POST', '/admin/shipping-options', body)).shipping_option.id
}

// ---- The usual shop ----

export interface Shop extends SalesChannelWithKey {
  region: string
  warehouse: string
  /** One product with two variants, a shirt at 25.00 and a mug at 12.00. */
  product: string
  shirt: string
  mug: string
  /** Standard shipping at 5.00. */
  shipping: string
}

/**
 * A US shop in usd selling a shirt (25.00) and a mug (12.00) through a web channel, `stock` units of
 * each at a warehouse, with standard shipping at 5.00.
 */
export async function seedShop(app: TestApp, stock = { shirt: 100, mug: 100 }): Promise<Shop> {
  const storefront = await salesChannelWithKey(app)
  const region = await createRegion(app)
  const warehouse = await stockLocation(app)
  const goods = await stockedProduct(
    app,
    { channel: storefront.channel, warehouse },
    {
      title: 'Shop Goods',
      options: [{ title: 'Kind', values: ['Shirt', 'Mug'] }],
      variants: [
        { title: 'Shirt', sku: 'SHIRT', options: { Kind: 'Shirt' }, price: 2500, stock: stock.shirt },
        { title: 'Mug', sku: 'MUG', options: { Kind: 'Mug' }, price: 1200, stock: stock.mug },
      ],
    },
  )
  const shipping = await shippingOption(app, { name: 'Standard', region_id: region, amount: 500 })
  const [shirt, mug] = goods.variants as [string, string]
  return { ...storefront, region, warehouse, product: goods.product, shirt, mug, shipping }
}

// ---- The catalogue's small shop ----

export interface SmallShop extends SalesChannelWithKey {
  us: string
  eu: string
  product: string
  variant: string
}

/** One channel and key, regions US (usd) and EU (eur), and a published mug at 1000 usd / 900 eur. */
export async function seedSmallShop(app: TestApp): Promise<SmallShop> {
  const storefront = await salesChannelWithKey(app)
  const us = await createRegion(app, { name: 'US', currency_code: 'usd', countries: ['us'] })
  const eu = await createRegion(app, { name: 'EU', currency_code: 'eur', countries: ['de'] })
  const mug = await createProduct(app, {
    title: 'Enamel Mug',
    sales_channel_ids: [storefront.channel],
    variants: [
      {
        title: 'One size',
        sku: 'MUG-1',
        prices: [
          { currency_code: 'usd', amount: 1000 },
          { currency_code: 'usd', amount: 800, min_quantity: 10 },
          { currency_code: 'eur', amount: 900 },
        ],
      },
    ],
  })
  return { ...storefront, us, eu, product: mug.product, variant: mug.variants[0]! }
}

/**
 * Registers the hooks of a test file whose app (unless `shop` is false) holds the small shop;
 * hands both over once made.
 */
export function withSmallShop(ready: (given: { app: TestApp; shop: SmallShop }) => void, shop = true) {
  let app: TestApp | undefined
  beforeAll(async () => {
    app = await createTestApp()
    ready({ app, shop: shop ? await seedSmallShop(app) : (undefined as never) })
  })
  afterAll(async () => {
    await app?.close()
  })
}

// ---- The two-region shop of the cart, shipping, tax and promotion tests ----

export interface TestShop {
  app: TestApp
  /** The Medusa JS SDK with the shop's publishable key. */
  sdk: Medusa
  /** The publishable key header, for raw requests. */
  headers: Headers
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
  /** Where shoppers in North America buy: the web key, the region and standard shipping. */
  northAmerica: ShopFront
  close(): Promise<void>
}

/** Prices in usd and eur, in minor units. */
const prices = (usd: number, eur?: number) => [
  { currency_code: 'usd', amount: usd },
  ...(eur === undefined ? [] : [{ currency_code: 'eur', amount: eur }]),
]

/**
 * A tax-exclusive North America region (usd) and a tax-inclusive Europe region (eur) with tax
 * rates, products in a web channel (a shirt in two sizes, a mug, a lamp unpriced in eur, a draft)
 * and one in a market stall's channel, stock at a warehouse, and shipping options.
 */
export async function openTestShop(): Promise<TestShop> {
  const app = await createTestApp()
  const web = await salesChannelWithKey(app, 'Web shop')
  const stall = await salesChannelWithKey(app, 'Market stall', 'Stall')
  const us = await createRegion(app, { name: 'North America', currency_code: 'usd', countries: ['us', 'ca'] })
  const eu = await createRegion(app, {
    name: 'Europe',
    currency_code: 'eur',
    countries: ['de', 'fr'],
    prices_include_tax: true,
  })
  const apparel = (await admin(app, 'POST', '/admin/product-categories', { name: 'Apparel' }))
    .product_category.id
  const tops = (
    await admin(app, 'POST', '/admin/product-categories', { name: 'Tops', parent_category_id: apparel })
  ).product_category.id
  const inWeb = { sales_channel_ids: [web.channel] }
  const shirt = await createProduct(app, {
    title: 'Linen Shirt',
    category_ids: [tops],
    ...inWeb,
    options: [{ title: 'Size', values: ['S', 'M'] }],
    variants: [
      { title: 'S', sku: 'SHIRT-S', options: { Size: 'S' }, prices: prices(4500, 4200) },
      { title: 'M', sku: 'SHIRT-M', options: { Size: 'M' }, prices: prices(4700, 4400) },
    ],
  })
  const mug = await createProduct(app, {
    title: 'Stoneware Mug',
    ...inWeb,
    variants: [{ title: 'Mug', sku: 'MUG', manage_inventory: false, prices: prices(1250, 1190) }],
  })
  const lamp = await createProduct(app, {
    title: 'Brass Lamp',
    ...inWeb,
    variants: [{ title: 'Lamp', sku: 'LAMP', prices: prices(8900) }],
  })
  const draft = await createProduct(app, {
    title: 'Secret Jacket',
    status: 'draft',
    ...inWeb,
    variants: [{ title: 'One', prices: prices(100) }],
  })
  const elsewhere = await createProduct(app, {
    title: 'Stall Apron',
    sales_channel_ids: [stall.channel],
    variants: [{ title: 'One', prices: prices(100) }],
  })
  const warehouse = await stockLocation(app)
  await addStock(app, warehouse, shirt.variants[0]!, 50)
  await addStock(app, warehouse, shirt.variants[1]!, 50)
  await addStock(app, warehouse, lamp.variants[0]!, 3)

  await createTaxRates(app, [
    { country_code: 'us', name: 'US sales tax', code: 'US', rate: 5 },
    { country_code: 'ca', name: 'GST', code: 'GST', rate: 5 },
    { country_code: 'ca', province_code: 'qc', name: 'QST', code: 'QST', rate: 9.975, is_combinable: true },
    { country_code: 'us', province_code: 'ny', name: 'NY sales tax', code: 'NY', rate: 8.875 },
    { country_code: 'de', name: 'MwSt', code: 'DE19', rate: 19 },
    { country_code: 'fr', name: 'TVA', code: 'FR20', rate: 20 },
  ])

  const france = (await admin(app, 'POST', '/admin/service-zones', { name: 'France', countries: ['fr'] }))
    .service_zone.id
  const standardUs = await shippingOption(app, {
    name: 'Standard',
    region_id: us,
    amount: 500,
    free_above: 10000,
  })
  const expressUs = await shippingOption(app, {
    name: 'Express',
    region_id: us,
    amount: 1500,
    type: { label: 'Express', code: 'express' },
  })
  const standardEu = await shippingOption(app, { name: 'Standard EU', region_id: eu, amount: 495 })
  const franceOnly = await shippingOption(app, {
    name: 'Colissimo',
    region_id: eu,
    amount: 690,
    service_zone_id: france,
  })

  return {
    app,
    sdk: new Medusa({ baseUrl: app.url(), publishableKey: web.key }),
    headers: web.store,
    key: web.key,
    salesChannel: web.channel,
    otherKey: stall.key,
    us,
    eu,
    tops,
    apparel,
    shirt: { product: shirt.product, s: shirt.variants[0]!, m: shirt.variants[1]! },
    mug: { product: mug.product, variant: mug.variants[0]! },
    lamp: { product: lamp.product, variant: lamp.variants[0]! },
    draftVariant: draft.variants[0]!,
    otherChannelVariant: elsewhere.variants[0]!,
    unpricedInEur: lamp.variants[0]!,
    standardUs,
    expressUs,
    standardEu,
    franceOnly,
    northAmerica: { store: web.store, region: us, shipping: standardUs },
    close: () => app.close(),
  }
}

// ---- The shopper's steps ----

export const ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address_1: '1 Analytical Way',
  city: 'New York',
  country_code: 'us',
  postal_code: '10001',
}

/** What the shopper's steps need of a shop: its key, a region to buy in, a shipping option. */
export interface ShopFront {
  store: Headers
  region: string
  shipping: string
}

export interface CartOptions {
  /** One shirt and two mugs of the usual shop unless named. */
  items?: Array<{ variant_id: string; quantity: number }>
  /** The email the order is placed with; ada@example.com unless named. */
  email?: string
  address?: Record<string, string>
  /** A signed-in customer's credentials; a guest without. */
  headers?: Headers
}

function itemsFor(shop: ShopFront, items: CartOptions['items']) {
  if (items) return items
  if (!('shirt' in shop && 'mug' in shop)) throw new Error('name the items: this shop sells no shirt and mug')
  return [
    { variant_id: shop.shirt as string, quantity: 1 },
    { variant_id: shop.mug as string, quantity: 2 },
  ]
}

/** A cart in the shop's region with items, an email and a shipping address; its id. */
export async function addressedCart(
  app: TestApp,
  shop: ShopFront,
  options: CartOptions = {},
): Promise<string> {
  const { cart } = await store(
    app,
    shop,
    'POST',
    '/store/carts',
    {
      region_id: shop.region,
      email: options.email ?? 'ada@example.com',
      shipping_address: options.address ?? ADDRESS,
      items: itemsFor(shop, options.items),
    },
    options.headers,
  )
  return cart.id
}

/** A cart's payment collection; its id. */
export async function paymentCollection(
  app: TestApp,
  shop: ShopFront,
  cartId: string,
  headers: Headers = {},
) {
  const { payment_collection } = await store(
    app,
    shop,
    'POST',
    '/store/payment-collections',
    { cart_id: cartId },
    headers,
  )
  return payment_collection.id as string
}

export interface PaymentSession {
  id: string
  amount: number
  data: Record<string, any>
}

/** Starts a payment session with `provider` (and its `data`) on a payment collection. */
export async function startPaymentSession(
  app: TestApp,
  shop: ShopFront,
  collectionId: string,
  options: { provider: string; data?: Record<string, unknown>; headers?: Headers },
): Promise<{ amount: number; session: PaymentSession }> {
  const { payment_collection } = await store(
    app,
    shop,
    'POST',
    `/store/payment-collections/${collectionId}/payment-sessions`,
    { provider_id: options.provider, ...(options.data && { data: options.data }) },
    options.headers,
  )
  return { amount: payment_collection.amount, session: payment_collection.payment_sessions.at(-1) }
}

/**
 * A cart ready to complete: items, email, address, the shop's shipping and a payment session with
 * `provider` (the built-in one unless named).
 */
export async function readyCart(
  app: TestApp,
  shop: ShopFront,
  options: CartOptions & { provider?: string; data?: Record<string, unknown> } = {},
): Promise<{ id: string; total: number; collection: string; session: PaymentSession }> {
  const id = await addressedCart(app, shop, options)
  await store(
    app,
    shop,
    'POST',
    `/store/carts/${id}/shipping-methods`,
    { option_id: shop.shipping },
    options.headers,
  )
  const collection = await paymentCollection(app, shop, id, options.headers)
  const { amount, session } = await startPaymentSession(app, shop, collection, {
    provider: options.provider ?? 'pp_system_default',
    data: options.data,
    headers: options.headers,
  })
  return { id, total: amount, collection, session }
}

/** Completes a cart; the Store API's answer, whatever it is. */
export function completeCart(app: TestApp, shop: ShopFront, cartId: string, headers: Headers = {}) {
  return app.request('POST', `/store/carts/${cartId}/complete`, { headers: { ...shop.store, ...headers } })
}

/** A ready cart completed; the order placed (throws if checkout answers with the cart instead). */
export async function placeOrder<Order = any>(
  app: TestApp,
  shop: ShopFront,
  options: Parameters<typeof readyCart>[2] = {},
): Promise<Order> {
  const cart = await readyCart(app, shop, options)
  const { body } = await completeCart(app, shop, cart.id, options.headers)
  if (body.type !== 'order')
    throw new Error(`checkout did not complete: ${JSON.stringify(body.error ?? body)}`)
  return body.order
}

/** Registers and signs in a customer through the Store API; answers their id and auth header. */
export async function signedInCustomer(app: TestApp, shop: { store: Headers }, email: string) {
  const password = 'correct horse battery staple'
  const registration = await app.request('POST', '/auth/customer/emailpass/register', {
    body: { email, password },
  })
  const { customer } = await store(
    app,
    shop,
    'POST',
    '/store/customers',
    { email },
    { authorization: `Bearer ${registration.body.token}` },
  )
  const signIn = await app.request('POST', '/auth/customer/emailpass', { body: { email, password } })
  return { id: customer.id as string, headers: { authorization: `Bearer ${signIn.body.token}` } }
}

/** A variant's stock at its (first) location, as the Admin API reports it. */
export async function stockOf(app: TestApp, variantId: string) {
  const { inventory_levels } = await admin(app, 'GET', `/admin/inventory/levels?variant_id=${variantId}`)
  return inventory_levels[0] as {
    stocked_quantity: number
    reserved_quantity: number
    available_quantity: number
  }
}
