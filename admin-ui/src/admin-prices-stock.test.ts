// Catalog editing in a real browser: the variant price editor (changing a variant's USD price keeps its
// quantity tier and its region price, which the editor shows and lets the merchant change), and which
// sales channels each stock location serves.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VariantPrice } from './types'

const dist = fileURLToPath(new URL('../dist', import.meta.url))
const ADMIN_TOKEN = 'browser-prices-admin-token-0123456789'
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` }

async function call<T = any>(app: TestApp, method: string, path: string, body?: unknown) {
  const answer = await app.request(method, path, { body, headers: ADMIN })
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`)
  return answer.body as T
}

describe('admin UI: prices and stock locations', () => {
  let app: TestApp
  let browser: Browser
  let product: string
  let variant: string
  let canada: string

  const pricesOf = async (): Promise<VariantPrice[]> =>
    (await call(app, 'GET', `/admin/products/${product}/variants?id=${variant}`)).variants[0].prices

  beforeAll(async () => {
    expect(existsSync(path.join(dist, 'index.html')), 'the admin UI is built by npm install').toBe(true)
    process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
    app = await createTestApp({
      config: {
        projectDir: mkdtempSync(path.join(tmpdir(), 'sw-admin-prices-')),
        http: { static: [{ prefix: '/app', dir: dist, spa: true }] },
      },
    })
    browser = await launchBrowser()
    await call(app, 'POST', '/admin/regions', {
      name: 'United States',
      currency_code: 'usd',
      countries: ['us'],
    })
    // Given a variant with a USD price, a USD price from 10 units, and a price for a USD region of its own,
    canada = (
      await call(app, 'POST', '/admin/regions', {
        name: 'Canada (USD)',
        currency_code: 'usd',
        countries: ['ca'],
      })
    ).region.id
    const created = (
      await call(app, 'POST', '/admin/products', {
        title: 'Harbour Mug',
        variants: [
          {
            title: 'Blue',
            sku: 'MUG-BLUE',
            prices: [
              { currency_code: 'usd', amount: 1500 },
              { currency_code: 'usd', amount: 1200, min_quantity: 10 },
              { currency_code: 'usd', amount: 1650, region_id: canada },
            ],
          },
        ],
      })
    ).product
    product = created.id
    variant = created.variants[0].id
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    delete process.env.SHOPWRIGHT_ADMIN_TOKEN
  })

  /** A page of the admin at `route`, signed in as staff. */
  async function signedIn(route: string) {
    const watched = await openPage(browser)
    await watched.page.goto(`${app.url()}/app/`)
    await watched.page.evaluate(
      (token: string) => (globalThis as any).sessionStorage.setItem('shopwright.admin.token', token),
      ADMIN_TOKEN,
    )
    await watched.page.goto(`${app.url()}/app${route}`)
    return watched
  }

  /** The product page with the Blue variant's editor open. */
  async function editingBlue() {
    const watched = await signedIn(`/products/${product}`)
    await watched.page.getByRole('button', { name: 'Edit Blue' }).click()
    return watched
  }

  it('keeps the quantity tier and the region price when the merchant changes the USD price', async () => {
    const before = await pricesOf()
    const { page, errors } = await editingBlue()

    // The editor shows the tier and the region price beside the USD price.
    await expect(page.getByLabel('Price of Blue in USD', { exact: true }).inputValue()).resolves.toBe('15.00')
    await expect(page.getByLabel('Price of Blue in USD from 10 units').inputValue()).resolves.toBe('12.00')
    await expect(page.getByLabel('Price of Blue in USD in Canada (USD)').inputValue()).resolves.toBe('16.50')
    expect(await unlabelledFields(page)).toEqual([])

    // When the merchant changes the USD price and saves,
    await page.getByLabel('Price of Blue in USD', { exact: true }).fill('17.25')
    await page.getByRole('button', { name: 'Save variant' }).click()
    const row = page.getByRole('row', { name: /^Blue MUG-BLUE/ })
    await expect.poll(() => row.textContent()).toContain('$17.25')

    // then the API shows the new USD price and still the tier and the region price, each with its id.
    const after = await pricesOf()
    const byId = (id: string) => after.find((price) => price.id === id)
    expect(after).toHaveLength(3)
    for (const price of before) {
      const expected = price.region_id === null && price.min_quantity === null ? 1725 : price.amount
      expect(byId(price.id)).toEqual({ ...price, amount: expected })
    }
    expect(after.find((price) => price.min_quantity === 10)?.amount).toBe(1200)
    expect(after.find((price) => price.region_id === canada)?.amount).toBe(1650)
    expect(errors).toEqual([])
    await page.close()
  })

  it('lets the merchant change a tier’s price, leaving its quantities as they were', async () => {
    const { page, errors } = await editingBlue()
    await page.getByLabel('Price of Blue in USD from 10 units').fill('11.00')
    await page.getByRole('button', { name: 'Save variant' }).click()
    await page.getByRole('button', { name: 'Save variant' }).waitFor({ state: 'detached' })

    await expect
      .poll(async () => (await pricesOf()).find((price) => price.min_quantity === 10)?.amount)
      .toBe(1100)
    const prices = await pricesOf()
    expect(prices).toHaveLength(3)
    expect(prices.find((price) => price.region_id === null && price.min_quantity === null)?.amount).toBe(1725)
    expect(prices.find((price) => price.region_id === canada)?.amount).toBe(1650)
    expect(errors).toEqual([])
    await page.close()
  })

  it('links a stock location to the sales channels it serves, and unlinks it', async () => {
    const web = (await call(app, 'POST', '/admin/sales-channels', { name: 'Web shop' })).sales_channel.id
    await call(app, 'POST', '/admin/sales-channels', { name: 'Market stall' })
    const warehouse = (await call(app, 'POST', '/admin/stock-locations', { name: 'Warehouse' }))
      .stock_location
    const { page, errors } = await signedIn('/stock-locations')
    const servesWeb = page.getByLabel('Warehouse serves Web shop')
    await expect(servesWeb.isChecked()).resolves.toBe(false)

    await servesWeb.check()
    await expect
      .poll(async () => (await call(app, 'GET', `/admin/stock-locations/${warehouse.id}`)).stock_location)
      .toMatchObject({ sales_channel_ids: [web] })
    await expect(page.getByLabel('Warehouse serves Market stall').isChecked()).resolves.toBe(false)

    await servesWeb.uncheck()
    await expect
      .poll(async () => (await call(app, 'GET', `/admin/stock-locations/${warehouse.id}`)).stock_location)
      .toMatchObject({ sales_channel_ids: [] })
    expect(await unlabelledFields(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
