// Helpers the catalog's tests share: admin calls that fail loudly, and a small published catalog.
import { afterAll, beforeAll } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'

export const ADMIN_TOKEN = 'catalog-test-admin-token-0123456789'
export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` }

/** An admin call that must succeed; its body. */
export async function admin<T = any>(app: TestApp, method: string, path: string, body?: unknown): Promise<T> {
  const response = await app.request(method, path, { body, headers: ADMIN })
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`)
  return response.body as T
}

/** An admin call whose answer (any status) the test inspects. */
export function adminCall(app: TestApp, method: string, path: string, body?: unknown) {
  return app.request(method, path, { body, headers: ADMIN })
}

export interface SmallShop {
  channel: string
  key: string
  us: string
  eu: string
  product: string
  variant: string
}

/** One channel and key, regions US (usd) and EU (eur), and a published mug at 1000 usd / 900 eur. */
export async function seedSmallShop(app: TestApp): Promise<SmallShop> {
  const channel = (await admin(app, 'POST', '/admin/sales-channels', { name: 'Web' })).sales_channel.id
  const key = (
    await admin(app, 'POST', '/admin/publishable-keys', { title: 'Web', sales_channel_ids: [channel] })
  ).publishable_key.token
  const us = (
    await admin(app, 'POST', '/admin/regions', { name: 'US', currency_code: 'usd', countries: ['us'] })
  ).region.id
  const eu = (
    await admin(app, 'POST', '/admin/regions', { name: 'EU', currency_code: 'eur', countries: ['de'] })
  ).region.id
  const created = (
    await admin(app, 'POST', '/admin/products', {
      title: 'Enamel Mug',
      status: 'published',
      sales_channel_ids: [channel],
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
  ).product
  return { channel, key, us, eu, product: created.id, variant: created.variants[0].id }
}

/**
 * Registers the hooks of a test file whose app takes the test admin token and (unless `shop` is
 * false) holds the small shop; hands both over once made.
 */
export function withCatalogApp(ready: (given: { app: TestApp; shop: SmallShop }) => void, shop = true) {
  let app: TestApp | undefined
  beforeAll(async () => {
    process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
    app = await createTestApp()
    ready({ app, shop: shop ? await seedSmallShop(app) : (undefined as never) })
  })
  afterAll(async () => {
    await app?.close()
    delete process.env.SHOPWRIGHT_ADMIN_TOKEN
  })
}
