// What every admin UI browser test starts from: a server serving the built admin at /app, Debian's
// Chromium, a small shop (a region, a sales channel with its publishable key, a stocked product, a
// shipping option), staff pages signed in, and guest orders placed through the Store API.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, openPage, type WatchedPage } from '@shopwright/core/testing/browser'
import {
  addressedCart,
  createRegion,
  placeOrder,
  type ShopFront,
  salesChannelWithKey,
  shippingOption,
  stockedProduct,
  stockLocation,
} from '@shopwright/core/testing/shop'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'

const dist = fileURLToPath(new URL('../../dist', import.meta.url))

/** Chrome logs each API refusal a test provokes on purpose (a 4xx) as a console error: only those pass. */
export const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error))

/** The message under a field (read through its aria-describedby), once the field is marked invalid. */
export async function fieldMessage(page: Page, label: string): Promise<string | null> {
  const field = page.getByLabel(label, { exact: true })
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
  return page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent()
}

export interface Shop {
  regionId: string
  channelId: string
  /** Headers a storefront sends: the publishable key. */
  store: Record<string, string>
  productId: string
  variantId: string
  locationId: string
  shippingOptionId: string
}

export interface PlacedOrder {
  id: string
  display_id: number
}

export interface AdminFixture {
  app: TestApp
  browser: Browser
  shop: Shop
  /** Calls the API (as the admin unless told otherwise) and throws on an error answer. */
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>
  /** A page of the admin, signed in as the owner, watched for console errors. */
  signedIn(width?: number): Promise<WatchedPage>
  /** A guest cart in the shop's region with `quantity` totes in it, addressed to `address`. */
  cartWith(quantity: number, address?: Record<string, string>): Promise<string>
  /** A guest order of `quantity` totes at 25.00, with 5.00 shipping, paid by the system provider. */
  placeOrder(quantity?: number): Promise<PlacedOrder>
  /** A shopper who registers and fills in their profile, as a storefront does; answers the customer id. */
  registerCustomer(email: string, firstName: string, lastName: string): Promise<string>
  /** How many totes the warehouse holds (stocked), and how many of those are reserved. */
  stock(): Promise<{ stocked: number; reserved: number }>
  close(): Promise<void>
}

export const SHOPPER_ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address_1: '1 Analytical Way',
  city: 'New York',
  province: 'ny',
  postal_code: '10001',
  country_code: 'us',
}

export async function startAdminFixture(): Promise<AdminFixture> {
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error('Build the admin UI first: npm run build --workspace admin-ui')
  const app = await createTestApp({ serve: [{ prefix: '/app', dir: dist, spa: true }] })
  const browser = await launchBrowser()

  async function call<T = any>(
    method: string,
    requestPath: string,
    body?: unknown,
    headers: Record<string, string> = app.adminHeaders,
  ): Promise<T> {
    const answer = await app.request(method, requestPath, { body, headers })
    if (answer.status >= 300) throw new Error(`${method} ${requestPath}: ${answer.status} ${answer.text}`)
    return answer.body as T
  }

  const shop = await openShop(app)
  const front: ShopFront = { store: shop.store, region: shop.regionId, shipping: shop.shippingOptionId }
  const totes = (quantity: number) => [{ variant_id: shop.variantId, quantity }]

  return {
    app,
    browser,
    shop,
    call,
    cartWith: (quantity, address = SHOPPER_ADDRESS) =>
      addressedCart(app, front, { items: totes(quantity), address }),
    async signedIn(width = 1280) {
      const watched = await openPage(browser, width)
      await watched.page.goto(`${app.url()}/app/`)
      await watched.page.evaluate(
        (token: string) => (globalThis as any).sessionStorage.setItem('shopwright.admin.token', token),
        app.adminHeaders.authorization!.slice('Bearer '.length),
      )
      return watched
    },
    placeOrder: (quantity = 2) =>
      placeOrder<PlacedOrder>(app, front, { items: totes(quantity), address: SHOPPER_ADDRESS }),
    async registerCustomer(email, firstName, lastName) {
      const { token } = await call(
        'POST',
        '/auth/customer/emailpass/register',
        { email, password: 'shopper-password-1' },
        {},
      )
      const { customer } = await call(
        'POST',
        '/store/customers',
        { email, first_name: firstName, last_name: lastName },
        { ...shop.store, authorization: `Bearer ${token}` },
      )
      return customer.id
    },
    async stock() {
      const { inventory_levels } = await call('GET', `/admin/inventory/levels?location_id=${shop.locationId}`)
      const level = inventory_levels[0]
      return { stocked: level.stocked_quantity, reserved: level.reserved_quantity }
    },
    async close() {
      await browser.close()
      await app.close()
    },
  }
}

/** A US region selling one tote from one warehouse, through one channel, with one shipping option. */
async function openShop(app: TestApp): Promise<Shop> {
  const regionId = await createRegion(app)
  const { channel: channelId, store } = await salesChannelWithKey(app, 'Web shop')
  const locationId = await stockLocation(app)
  const tote = await stockedProduct(
    app,
    { channel: channelId, warehouse: locationId },
    { title: 'Canvas Tote', variants: [{ title: 'One size', price: 2500, stock: 50 }] },
  )
  const shippingOptionId = await shippingOption(app, { name: 'Standard', region_id: regionId, amount: 500 })
  return {
    regionId,
    channelId,
    store,
    productId: tote.product,
    variantId: tote.variants[0]!,
    locationId,
    shippingOptionId,
  }
}
