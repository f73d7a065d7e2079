// The starter storefront as `shopwright start` serves it, on the demo shop, for browser tests: the
// app with the plugins a test chooses, the storefront mounted at /shop, a browser, and the steps of a
// shopper's journey that several tests share.
import { type PluginEntry, seedDemo } from '@shopwright/core'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { builtStorefront, mountStorefront, STOREFRONT_BASE } from './storefront'

export const PRODUCT = { handle: 'classic-oxford-shirt', title: 'Classic Oxford Shirt' }

export interface StorefrontFixture {
  app: TestApp
  browser: Browser
  /** The shop's address, e.g. http://127.0.0.1:41234/shop. */
  shop: string
  publishableKey: string
  close(): Promise<void>
}

/** The demo shop with these plugins, its storefront listening on a free port, and a browser. */
export async function openStorefront(plugins: PluginEntry[]): Promise<StorefrontFixture> {
  const storefront = await builtStorefront()
  expect(storefront, 'the storefront is built by npm install').toBeDefined()
  const app = await createTestApp({
    listen: false,
    plugins,
    serve: [{ prefix: STOREFRONT_BASE, dir: storefront!.storefrontAssets }],
  })
  const { publishableKey } = await seedDemo(app)
  expect(await mountStorefront(app, storefront!)).toBe(true)
  await app.listen(0, '127.0.0.1')
  const browser = await launchBrowser()
  return {
    app,
    browser,
    shop: `${app.url()}${STOREFRONT_BASE}`,
    publishableKey,
    async close() {
      await browser.close()
      await app.close()
    },
  }
}

/** Opens the product page, picks a size and adds it to the cart. */
export async function addToCart(page: Page, shop: string, size: string): Promise<void> {
  await page.goto(`${shop}/products/${PRODUCT.handle}`)
  await pickAndAdd(page, size)
}

/** On the product page: picks a size and adds it to the cart. */
export async function pickAndAdd(page: Page, size: string): Promise<void> {
  await page.getByText(size, { exact: true }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('status').getByText('Added to your cart.').waitFor()
}

/** From the cart: contact, a US address and the first delivery option, up to the payment step. */
export async function fillAddressAndChooseDelivery(page: Page, email: string): Promise<void> {
  await page.getByRole('link', { name: 'Check out' }).click()
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor()
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('First name', { exact: true }).fill('Ada')
  await page.getByLabel('Last name', { exact: true }).fill('Lovelace')
  await page.getByLabel('Address', { exact: true }).fill('12 Analytical Street')
  await page.getByLabel('Postal code', { exact: true }).fill('10001')
  await page.getByLabel('City', { exact: true }).fill('New York')
  await page.getByLabel('Country', { exact: true }).selectOption('us')
  await page.getByRole('button', { name: 'Continue to delivery' }).click()
  await page.getByRole('heading', { name: '2. Delivery' }).waitFor()
  await page.locator('input[name=shipping_option]').first().click()
  await page.getByRole('heading', { name: '3. Payment' }).waitFor()
  expect(await unlabelledFields(page)).toEqual([])
}
