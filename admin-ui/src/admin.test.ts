// The admin UI in a real browser: served at /app, labelled, usable at phone and desktop widths.
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../dist', import.meta.url))
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789'
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` }

describe('admin UI', () => {
  let app: TestApp
  let browser: Browser
  const shots = process.env.ADMIN_SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), 'sw-admin-shots-'))

  beforeAll(async () => {
    expect(existsSync(path.join(dist, 'index.html')), 'the admin UI is built by npm install').toBe(true)
    process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
    app = await createTestApp({ config: { http: { static: [{ prefix: '/app', dir: dist, spa: true }] } } })
    browser = await launchBrowser()
    await app.request('POST', '/admin/regions', {
      headers: ADMIN,
      body: { name: 'Europe', currency_code: 'eur', countries: ['de', 'fr'] },
    })
    await app.request('POST', '/admin/regions', {
      headers: ADMIN,
      body: { name: 'United States', currency_code: 'usd', countries: ['us'] },
    })
  })

  /** A page of the admin, signed in as staff. */
  async function signedIn(width = 1280) {
    const watched = await openPage(browser, width)
    await watched.page.goto(`${app.url()}/app/`)
    await watched.page.evaluate(
      (token: string) => (globalThis as any).sessionStorage.setItem('shopwright.admin.token', token),
      ADMIN_TOKEN,
    )
    return watched
  }

  async function screenshot(page: Page, name: string) {
    const file = path.join(shots, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    expect(statSync(file).size).toBeGreaterThan(1000)
  }
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    delete process.env.SHOPWRIGHT_ADMIN_TOKEN
  })

  for (const width of [390, 1280]) {
    it(`shows a labelled sign-in form at ${width} px, with no console errors`, async () => {
      const { page, errors } = await openPage(browser, width)
      await page.goto(`${app.url()}/app/`)
      await page.getByRole('heading', { name: 'Sign in to Shopwright' }).waitFor()
      expect(await unlabelledFields(page)).toEqual([])
      const form = await page.locator('form').boundingBox()
      expect(form!.width).toBeLessThanOrEqual(width)
      const file = path.join(shots, `sign-in-${width}.png`)
      await page.screenshot({ path: file, fullPage: true })
      expect(statSync(file).size).toBeGreaterThan(1000)
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it('checks the form before sending it', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email address/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('serves the app for its own routes and its assets with long caching', async () => {
    const deep = await fetch(`${app.url()}/app/orders/order_123`)
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('<div id="root">')
    const html = await (await fetch(`${app.url()}/app/`)).text()
    const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!
    const script = await fetch(`${app.url()}${asset}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${app.url()}/app/assets/missing.js`)).status).toBe(404)
  })

  it('lists failed deliveries for a signed-in admin', async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/deliveries`)
    await page.getByRole('heading', { name: 'Failed deliveries' }).waitFor()
    await page.getByText('Nothing has failed').waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a product with two variants and their prices, and lists it', async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/products`)
    await page.getByRole('link', { name: 'New product' }).click()
    await page.getByLabel('Title', { exact: true }).fill('Harbour Linen Shirt')
    await page.getByLabel('Status').selectOption('published')
    await page.getByRole('button', { name: 'Add option' }).click()
    await page.getByLabel('Option 1 name').fill('Size')
    await page.getByLabel('Option 1 values').fill('S, M')
    await page.getByLabel('Price of S in EUR').fill('49.00')
    await page.getByLabel('Price of S in USD').fill('52.50')
    await page.getByLabel('Price of M in EUR').fill('49.00')
    await page.getByLabel('Price of M in USD').fill('52.50')
    await page.getByLabel('SKU of M').fill('HLS-M')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create product' }).click()

    await page.getByRole('heading', { name: 'Harbour Linen Shirt' }).waitFor()
    await page.getByText('Product created.').waitFor()
    const variants = page.getByRole('table').first()
    await expect(variants.getByRole('row').count()).resolves.toBe(3)
    await variants.getByRole('cell', { name: 'HLS-M' }).waitFor()
    await variants.getByRole('cell', { name: '$52.50' }).first().waitFor()

    await page.getByRole('link', { name: 'Back to products' }).click()
    await page.getByLabel('Search').fill('Harbour')
    const row = page.getByRole('row', { name: /Harbour Linen Shirt/ })
    await row.waitFor()
    await expect(row.textContent()).resolves.toContain('published')
    expect(errors).toEqual([])
    await page.close()
  })

  it('checks a new product before sending it and shows what is wrong next to the field', async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/products/new`)
    await page.getByLabel('Handle').fill('Not A Handle')
    await page.getByLabel('Price of Default in EUR').fill('twelve')
    await page.getByRole('button', { name: 'Create product' }).click()
    await page.getByText('Give the product a title.').waitFor()
    await page.getByText('Use lowercase letters, digits and dashes').waitFor()
    await page.getByText('Enter an amount like 12.50.').waitFor()
    await expect(page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true')
    expect(errors).toEqual([])
    await page.close()
  })

  it("shows the API's error next to the field it names", async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/products/new`)
    await page.getByLabel('Title', { exact: true }).fill('A'.repeat(300))
    await page.getByRole('button', { name: 'Create product' }).click()
    const title = page.getByLabel('Title', { exact: true })
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true')
    const describedBy = await title.getAttribute('aria-describedby')
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/255/)
    expect(errors.filter((error) => !error.includes('400 (Bad Request)'))).toEqual([])
    await page.close()
  })

  for (const width of [390, 1280]) {
    it(`shows every screen at ${width} px, labelled and without console errors`, async () => {
      const { page, errors } = await signedIn(width)
      const screens: Array<[string, string]> = [
        ['', 'Home'],
        ['products', 'Products'],
        ['products/new', 'New product'],
        ['categories', 'Categories'],
        ['collections', 'Collections'],
        ['regions', 'Regions'],
        ['sales-channels', 'Sales channels'],
        ['stock-locations', 'Stock locations'],
        ['price-lists', 'Price lists'],
        ['store', 'Store'],
        ['notifications', 'Notifications'],
        ['notifications/templates', 'Notifications'],
        ['notifications/templates/order_confirmation', 'Order confirmation'],
        ['notifications/campaigns', 'Notifications'],
      ]
      for (const [route, heading] of screens) {
        await page.goto(`${app.url()}/app/${route}`)
        await page.getByRole('heading', { name: heading, exact: true }).waitFor()
        expect(await unlabelledFields(page), route).toEqual([])
        const overflow = await page.evaluate(
          () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
        )
        expect(overflow, `${route || 'home'} fits ${width} px`).toBeLessThanOrEqual(0)
        await screenshot(page, `${route.replace(/\//g, '-') || 'home'}-${width}`)
      }
      expect(errors).toEqual([])
      await page.close()
    })
  }
})
