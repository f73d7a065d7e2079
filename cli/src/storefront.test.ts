// The starter storefront as `shopwright start` serves it, in a real browser on the demo shop: pages
// rendered on the server for search engines, the shopper's journey, phone and desktop widths.
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { seedDemo, staticDir } from '@shopwright/core'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtStorefront, mountStorefront, STOREFRONT_BASE } from './storefront'

const PRODUCT = { handle: 'classic-oxford-shirt', title: 'Classic Oxford Shirt' }

describe('starter storefront', () => {
  let app: TestApp
  let browser: Browser
  let shop: string
  let publishableKey: string
  const project = mkdtempSync(path.join(tmpdir(), 'sw-storefront-'))
  const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), 'sw-storefront-shots-'))

  beforeAll(async () => {
    const storefront = await builtStorefront()
    expect(storefront, 'the storefront is built by npm install').toBeDefined()
    app = await createTestApp({
      listen: false,
      config: {
        projectDir: project,
        http: {
          static: [
            { prefix: '/static', dir: staticDir(project) },
            { prefix: STOREFRONT_BASE, dir: storefront!.storefrontAssets },
          ],
        },
      },
    })
    publishableKey = (await seedDemo(app)).publishableKey
    expect(await mountStorefront(app, storefront!)).toBe(true)
    await app.listen(0, '127.0.0.1')
    shop = `${app.url()}${STOREFRONT_BASE}`
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  async function screenshot(page: Page, name: string) {
    const file = path.join(shots, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    expect(statSync(file).size).toBeGreaterThan(5000)
  }

  it('renders a product page on the server with its title, price and structured data', async () => {
    const response = await fetch(`${shop}/products/${PRODUCT.handle}`)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain(`<title>${PRODUCT.title} · Shopwright Supply</title>`)
    expect(html).toMatch(/<meta name="description" content="The classic oxford shirt: [^"]+">/)
    expect(html).toMatch(/<h1>Classic Oxford Shirt<\/h1>/)
    expect(html).toContain('$49.00')
    expect(html).toContain(`<link rel="canonical" href="${shop}/products/${PRODUCT.handle}">`)
    expect(html).toContain(
      `<meta property="og:image" content="${app.url()}/static/products/${PRODUCT.handle}.svg">`,
    )
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.+?)<\/script>/.exec(html)![1]!)
    expect(jsonLd).toMatchObject({ '@type': 'Product', name: PRODUCT.title })
    expect(jsonLd.offers[0]).toMatchObject({ price: '49.00', priceCurrency: 'USD' })
  })

  it('renders a category page on the server with its products', async () => {
    const html = await (await fetch(`${shop}/categories/shirts`)).text()
    expect(html).toContain('<title>Shirts · Shopwright Supply</title>')
    expect(html).toContain('Classic Oxford Shirt')
    expect(html).not.toContain('Chelsea Boot')
  })

  it('renders prices in the region the shopper chose', async () => {
    const { regions } = (
      await app.request('GET', '/store/regions', { headers: { 'x-publishable-api-key': publishableKey } })
    ).body
    const europe = regions.find((region: { currency_code: string }) => region.currency_code === 'eur')
    const html = await (
      await fetch(`${shop}/products/${PRODUCT.handle}`, { headers: { cookie: `sw_region=${europe.id}` } })
    ).text()
    expect(html).toContain('€44.99')
  })

  it('switches the shop to the region the shopper picks, prices included', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/products/${PRODUCT.handle}`)
    await expect(page.getByTestId('price').textContent()).resolves.toBe('$49.00')
    await page.getByLabel('Ship to', { exact: true }).selectOption({ label: 'Europe (EUR)' })
    await page.getByTestId('price').getByText('€44.99').waitFor()
    await page.reload()
    await expect(page.getByTestId('price').textContent()).resolves.toBe('€44.99')
    expect(errors).toEqual([])
    await page.close()
  })

  it('answers an unknown product with a 404 page', async () => {
    const response = await fetch(`${shop}/products/no-such-thing`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Page not found')
  })

  it('sends visitors of the root to the shop', async () => {
    const response = await fetch(`${app.url()}/`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${STOREFRONT_BASE}/`)
  })

  it('lets a shopper find a product by search, open it and pick a variant', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/`)
    await page.getByRole('searchbox', { name: 'Search products' }).fill('oxford')
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter')
    await page.getByRole('heading', { name: 'Results for “oxford”' }).waitFor()
    await page.getByRole('link', { name: /Classic Oxford Shirt/ }).click()
    await page.getByRole('heading', { name: PRODUCT.title, level: 1 }).waitFor()
    await expect(page.getByTestId('price').textContent()).resolves.toBe('$49.00')
    await page.getByText('M', { exact: true }).click()
    await expect(page.getByRole('radio', { name: 'M' }).isChecked()).resolves.toBe(true)
    await expect(page.getByTestId('price').textContent()).resolves.toBe('$51.00')
    await expect(page.getByText('In stock').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('narrows search results with a facet', async () => {
    const headers = { 'x-publishable-api-key': publishableKey }
    const { collections } = (await app.request('GET', '/store/collections', { headers })).body
    const limitedRun = collections.find((collection: { title: string }) => collection.title === 'Limited Run')
    const all = (await app.request('GET', '/store/search?q=boot', { headers })).body.count
    const narrowed = (
      await app.request('GET', `/store/search?q=boot&collection_id=${limitedRun.id}`, { headers })
    ).body.count
    expect(narrowed).toBeGreaterThan(0)
    expect(narrowed).toBeLessThan(all)

    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/search?q=boot`)
    await page.getByRole('status').getByText(`${all} products`).waitFor()
    await page.getByRole('checkbox', { name: /^Limited Run/ }).check()
    await page.getByRole('status').getByText(`${narrowed} products`).waitFor()
    expect(page.url()).toContain(`collection_id=${limitedRun.id}`)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows an empty cart with nothing to check out', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/cart`)
    await page.getByText('Your cart is empty.').waitFor()
    await expect(page.getByRole('link', { name: 'Check out' }).count()).resolves.toBe(0)
    await page.goto(`${shop}/checkout`)
    await page.getByText('Your cart is empty.').waitFor()
    await expect(page.getByRole('button', { name: 'Place order' }).count()).resolves.toBe(0)
    await expect(page.getByLabel('Email').count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  for (const width of [390, 1280]) {
    it(`fits every page into ${width} px, with labelled fields and no console errors`, async () => {
      const { page, errors } = await openPage(browser, width)
      const pages: Array<[string, string, string]> = [
        ['home', '/', 'Everyday clothing, made to last'],
        ['search', '/search?q=shirt', 'Results for “shirt”'],
        ['category', '/categories/apparel', 'Apparel'],
        ['product', `/products/${PRODUCT.handle}`, PRODUCT.title],
        ['cart', '/cart', 'Your cart'],
        ['checkout', '/checkout', 'Checkout'],
        ['account', '/account', 'Your account'],
      ]
      for (const [name, route, heading] of pages) {
        await page.goto(`${shop}${route}`)
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
        expect(await unlabelledFields(page), name).toEqual([])
        const overflow = await page.evaluate(
          () => (globalThis as any).document.documentElement.scrollWidth as number,
        )
        expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(width)
        await screenshot(page, `${name}-${width}`)
      }
      expect(errors).toEqual([])
      await page.close()
    })
  }
})
