// The admin UI in a real browser: served at /app, labelled, usable at phone and desktop widths.
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { UserService } from '@shopwright/core'
import type { TestApp } from '@shopwright/core/testing'
import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AdminFixture, type PlacedOrder, startAdminFixture } from './testing/admin-fixture'

/** A real 1×1 PNG, as a merchant's photo upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
)

describe('admin UI', () => {
  let fixture: AdminFixture
  let app: TestApp
  let browser: Browser
  let order: PlacedOrder
  const shots = process.env.ADMIN_SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), 'sw-admin-shots-'))
  const call = <T = any>(method: string, requestPath: string, body?: unknown) =>
    fixture.call<T>(method, requestPath, body)
  const signedIn = (width?: number) => fixture.signedIn(width)

  beforeAll(async () => {
    fixture = await startAdminFixture()
    ;({ app, browser } = fixture)
    // Products are priced in EUR too: the new product form asks for a price per region currency.
    await call('POST', '/admin/regions', { name: 'Europe', currency_code: 'eur', countries: ['de', 'fr'] })
    order = await fixture.placeOrder(2)
  })

  async function screenshot(page: Page, name: string) {
    const file = path.join(shots, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    expect(statSync(file).size).toBeGreaterThan(1000)
  }
  afterAll(async () => {
    await fixture?.close()
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

  it('signs staff in with email and password, and says so when the password is wrong', async () => {
    await app.container
      .resolve<UserService>('userService')
      .createUser({ email: 'clerk@shop.test', password: 'counter-clerk-1', role: 'admin' })
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.getByLabel('Email').fill('clerk@shop.test')
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Wrong email or password/)
    await page.getByLabel('Password').fill('counter-clerk-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    const stored = await page.evaluate(() =>
      (globalThis as any).sessionStorage.getItem('shopwright.admin.refresh'),
    )
    expect(stored).toMatch(/^rt_/)
    expect(errors.filter((error) => !/401/.test(error))).toEqual([])
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

  it('lists the failed deliveries the API lists, each with a replay button', async () => {
    const { page, errors } = await signedIn()
    const { dead_letters } = await call('GET', '/admin/dead-letters')
    await page.goto(`${app.url()}/app/deliveries`)
    await page.getByRole('heading', { name: 'Failed deliveries' }).waitFor()
    await page.getByRole('table').or(page.getByText('Nothing has failed')).waitFor()
    for (const entry of dead_letters) {
      const row = page.getByRole('row', { name: new RegExp(entry.job_key) })
      await row.getByRole('button', { name: 'Replay' }).waitFor()
    }
    expect(errors).toEqual([])
    await page.close()
  })

  it('signs a merchant in, who creates a product with two variants and their prices, and finds it listed', async () => {
    await app.container
      .resolve<UserService>('userService')
      .createUser({ email: 'merchant@shop.test', password: 'harbour-shop-2026', role: 'admin' })
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.getByLabel('Email').fill('merchant@shop.test')
    await page.getByLabel('Password').fill('harbour-shop-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click()
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
    await page.getByLabel('Images').setInputFiles({ name: 'shirt.png', mimeType: 'image/png', buffer: PNG })
    await page.getByRole('img', { name: '1 of 1, the thumbnail' }).waitFor()
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create product' }).click()

    await page.getByRole('heading', { name: 'Harbour Linen Shirt' }).waitFor()
    await page.getByText('Product created.').waitFor()
    const variants = page.getByRole('table').first()
    await expect(variants.getByRole('row').count()).resolves.toBe(3)
    await variants.getByRole('cell', { name: 'HLS-M' }).waitFor()
    await variants.getByRole('cell', { name: '$52.50' }).first().waitFor()

    const image = page.getByRole('img', { name: '1 of 1, the thumbnail' })
    const src = await image.getAttribute('src')
    expect(src).toMatch(/^\/static\/uploads\/.+\.png$/)
    const served = await fetch(`${app.url()}${src}`)
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)

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

  it("changes one variant's price and stock on the product page", async () => {
    const { products } = await call('GET', '/admin/products?handle=harbour-linen-shirt')
    const product = products[0]
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/products/${product.id}`)
    await page.getByRole('button', { name: 'Edit M' }).click()
    await page.getByLabel('Price of M in EUR').fill('45.00')
    await page.getByRole('button', { name: 'Save variant' }).click()
    const row = page.getByRole('row', { name: /^M HLS-M/ })
    await expect.poll(() => row.textContent()).toContain('€45.00')
    await expect(row.textContent()).resolves.toContain('$52.50')

    const { stock_location } = await call('POST', '/admin/stock-locations', { name: 'Harbour store' })
    await page.reload()
    await page.getByLabel('Variant', { exact: true }).selectOption({ label: 'M' })
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Harbour store' })
    await page.getByLabel('Add or remove').fill('+7')
    await page.getByRole('button', { name: 'Adjust stock' }).click()
    await page.getByText('7 available').waitFor()
    const { inventory_levels } = await call('GET', `/admin/inventory/levels?location_id=${stock_location.id}`)
    expect(inventory_levels).toMatchObject([{ stocked_quantity: 7 }])
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows an order, fulfils it and ships it with a tracking number', async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/orders`)
    const row = page.getByRole('row', { name: new RegExp(`#${order.display_id}`) })
    await expect(row.textContent()).resolves.toContain('$55.00')
    await row.getByRole('link', { name: `#${order.display_id}` }).click()
    await page.getByRole('heading', { name: `Order #${order.display_id}` }).waitFor()
    await page
      .getByText('2 × Canvas Tote')
      .or(page.getByRole('cell', { name: 'Canvas Tote' }))
      .first()
      .waitFor()

    await page.getByRole('button', { name: 'Capture payment' }).click()
    await page.getByText('Payment captured').waitFor()

    await page.getByRole('button', { name: 'Create fulfillment' }).click()
    await page.getByRole('heading', { name: 'Fulfillment 1' }).waitFor()
    await page.getByLabel('Tracking numbers for fulfillment 1').fill('1Z999AA10123456784')
    await page.getByRole('button', { name: 'Mark shipped' }).click()
    await page.getByText('Tracking: 1Z999AA10123456784').waitFor()
    await page.getByText('tracking 1Z999AA10123456784').waitFor()

    const shipped = await call('GET', `/admin/orders/${order.id}`)
    expect(shipped.order).toMatchObject({ fulfillment_status: 'shipped', payment_status: 'captured' })
    expect(shipped.order.fulfillments[0].tracking_numbers).toEqual(['1Z999AA10123456784'])
    expect(errors).toEqual([])
    await page.close()
  })

  it("shows today's sales, orders and top product on the home page", async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/`)
    const today = page.locator('.stat', { hasText: 'Sales today' })
    await expect.poll(() => today.textContent()).toContain('$55.00')
    await expect(page.locator('.stat', { hasText: 'Orders today' }).textContent()).resolves.toBe(
      'Orders today1',
    )
    await page.getByRole('link', { name: 'Canvas Tote' }).waitFor()
    await expect(page.getByText('2 sold in 1 order').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('finds a registered customer and adds them to a new group', async () => {
    const customerId = await fixture.registerCustomer('grace@example.com', 'Grace', 'Hopper')
    const { page, errors } = await signedIn()
    await page.goto(`${app.url()}/app/customers`)
    await page.getByLabel('New group name').fill('Wholesale')
    await page.getByRole('button', { name: 'Create group' }).click()
    await page.getByRole('listitem').filter({ hasText: 'Wholesale' }).waitFor()
    await page.getByLabel('Search').fill('grace')
    await page.getByRole('link', { name: 'Grace Hopper' }).click()
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor()
    await page.getByLabel('Add to group').selectOption({ label: 'Wholesale' })
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('button', { name: 'Remove from Wholesale' }).waitFor()

    const saved = await call('GET', `/admin/customers/${customerId}`)
    expect(saved.customer.groups.map((group: { name: string }) => group.name)).toEqual(['Wholesale'])
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
        ['orders', 'Orders'],
        [`orders/${order.id}`, `Order #${order.display_id}`],
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
        ['promotions', 'Promotions'],
        ['shipping-options', 'Shipping options'],
        ['tax-rates', 'Tax rates'],
        ['customers', 'Customers'],
        ['staff', 'Staff'],
        ['roles', 'Roles'],
        ['api-keys', 'API keys'],
      ]
      for (const [route, heading] of screens) {
        await page.goto(`${app.url()}/app/${route}`)
        await page.getByRole('heading', { name: heading, exact: true }).waitFor()
        expect(await unlabelledFields(page), route).toEqual([])
        const overflow = await page.evaluate(
          () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
        )
        expect(overflow, `${route || 'home'} fits ${width} px`).toBeLessThanOrEqual(0)
        await screenshot(
          page,
          `${route.replace(/\//g, '-').replace(/order_\w+/, 'detail') || 'home'}-${width}`,
        )
      }
      expect(errors).toEqual([])
      await page.close()
    })
  }
})
