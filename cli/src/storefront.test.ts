// The starter storefront as `shopwright start` serves it, in a real browser on the demo shop: pages
// rendered on the server for search engines, the shopper's journey, phone and desktop widths.
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { NotificationService } from '@shopwright/core'
import { emailedCode, eventually, type TestApp } from '@shopwright/core/testing'
import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import paypalPlugin from '@shopwright/plugin-payment-paypal'
import stripePlugin from '@shopwright/plugin-payment-stripe'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STOREFRONT_BASE } from './storefront'
import {
  addToCart as addToShopCart,
  fillAddressAndChooseDelivery,
  openStorefront,
  PRODUCT,
  pickAndAdd,
  type StorefrontFixture,
} from './storefront-fixture'

/** What the test does as the merchant: the order service's fulfilment and shipment. */
interface OrderShipping {
  createFulfillment(orderId: string): Promise<{ fulfillments: Array<{ id: string }> }>
  createShipment(orderId: string, fulfillmentId: string, trackingNumbers: string[]): Promise<unknown>
}

/** Chrome logs each API refusal that a test provokes on purpose (a 4xx) as a console error: only those are let through. */
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error))

describe('starter storefront', () => {
  let app: TestApp
  let browser: Browser
  let shop: string
  let publishableKey: string
  let fixture: StorefrontFixture
  const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), 'sw-storefront-shots-'))

  beforeAll(async () => {
    // Card and PayPal are configured (never called here), beside the system provider.
    fixture = await openStorefront([
      [stripePlugin, { apiKey: 'sk_test_storefront', webhookSecret: 'whsec_storefront' }],
      [paypalPlugin, { clientId: 'storefront', clientSecret: 'storefront', webhookId: 'storefront' }],
    ])
    ;({ app, browser, shop, publishableKey } = fixture)
  }, 120_000)
  afterAll(async () => {
    await fixture?.close()
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

  /** From the home page: searches for the product and opens it from the results. */
  async function findBySearch(page: Page) {
    await page.goto(`${shop}/`)
    await page.getByRole('searchbox', { name: 'Search products' }).fill('oxford')
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter')
    await page.getByRole('heading', { name: 'Results for “oxford”' }).waitFor()
    await page.getByRole('link', { name: /Classic Oxford Shirt/ }).click()
    await page.getByRole('heading', { name: PRODUCT.title, level: 1 }).waitFor()
  }

  it('lets a shopper find a product by search, open it and pick a variant', async () => {
    const { page, errors } = await openPage(browser)
    await findBySearch(page)
    await expect(page.getByTestId('price').textContent()).resolves.toBe('$49.00')
    await page.getByText('M', { exact: true }).click()
    await expect(page.getByRole('radio', { name: 'M' }).isChecked()).resolves.toBe(true)
    await expect(page.getByTestId('price').textContent()).resolves.toBe('$51.00')
    await expect(page.getByText('In stock').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  /** Opens the product page, picks a size and adds it to the cart. */
  const addToCart = (page: Page, size: string) => addToShopCart(page, shop, size)

  async function fillAddressAndPay(page: Page, email: string) {
    await fillAddressAndChooseDelivery(page, email)
    await page.getByRole('radio', { name: /Pay on delivery/ }).check()
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor()
  }

  it('lets a guest buy a variant: cart, quantity, address, delivery, system payment, confirmation', async () => {
    const { page, errors } = await openPage(browser, 390)
    await addToCart(page, 'M')
    await page.getByRole('link', { name: /Cart/ }).first().click()
    await page.getByRole('heading', { name: 'Your cart' }).waitFor()
    await expect(page.getByText('Size M').count()).resolves.toBe(1)
    await page.getByLabel(`Quantity of ${PRODUCT.title}`, { exact: true }).fill('2')
    await page.getByLabel(`Quantity of ${PRODUCT.title}`, { exact: true }).blur()
    await page.getByTestId('total').getByText('$102.00').waitFor()
    await screenshot(page, 'cart-with-items-390')
    await fillAddressAndPay(page, 'guest@example.com')
    await expect(page.getByText('guest@example.com').count()).resolves.toBe(1)
    await expect(page.getByText(/2 × Classic Oxford Shirt/).count()).resolves.toBe(1)
    await screenshot(page, 'order-confirmed-390')
    // The cart is gone with the order.
    await expect(page.locator('.badge').textContent()).resolves.toContain('0')
    expect(errors).toEqual([])
    await page.close()
  })

  it("applies the demo's promotion code in the cart and refuses an unknown one", async () => {
    const { page, errors } = await openPage(browser)
    await addToCart(page, 'S')
    await page.goto(`${shop}/cart`)
    await page.getByTestId('total').getByText('$49.00').waitFor()
    await page.getByLabel('Promotion code', { exact: true }).fill('NOPE')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByRole('alert').waitFor()
    await page.getByLabel('Promotion code', { exact: true }).fill('WELCOME10')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByTestId('total').getByText('$44.10').waitFor()
    await expect(page.getByRole('list', { name: 'Applied codes' }).textContent()).resolves.toContain(
      'WELCOME10',
    )
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it('offers card and PayPal payment with their own buttons when the server lists those providers', async () => {
    const { page, errors } = await openPage(browser, 390)
    await addToCart(page, 'S')
    await page.goto(`${shop}/cart`)
    await fillAddressAndChooseDelivery(page, 'card@example.com')
    await page.getByRole('radio', { name: /Card/ }).check()
    await page.locator('#stripe-card-element').waitFor()
    await page.getByRole('button', { name: 'Pay with card' }).click()
    // This shop has not added Stripe.js to its page: the method is refused before any payment starts.
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Card payments are not available/)
    await page.getByRole('radio', { name: /PayPal/ }).check()
    await expect(page.getByRole('button', { name: 'Pay with PayPal' }).isVisible()).resolves.toBe(true)
    await expect(page.locator('#stripe-card-element').count()).resolves.toBe(0)
    await screenshot(page, 'checkout-paypal-390')
    expect(errors).toEqual([])
    await page.close()
  })

  it('lets a shopper buy as a guest, register with that email, confirm it, and follow the order to shipped', async () => {
    const { page, errors } = await openPage(browser)
    // Found by search, bought as a guest.
    await findBySearch(page)
    await pickAndAdd(page, 'L')
    await page.goto(`${shop}/cart`)
    await fillAddressAndPay(page, 'grace@example.com')
    const number = (await page.locator('strong', { hasText: /^#\d+$/ }).textContent())!
    const orderId = /\/order\/([^/]+)\/confirmed/.exec(page.url())![1]!

    await screenshot(page, 'guest-order-confirmed-1280')
    // Registers from the confirmation page, with the order's email already filled in.
    await page.getByRole('link', { name: 'Create an account to track this order' }).click()
    await expect(page.getByLabel('Email', { exact: true }).inputValue()).resolves.toBe('grace@example.com')
    await page.getByLabel('First name', { exact: true }).fill('Grace')
    await page.getByLabel('Last name', { exact: true }).fill('Hopper')
    await page.getByLabel('Password', { exact: true }).fill('a long enough password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor()
    // Registering proves nothing about the email: the guest order waits for the code.
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor()
    await page.getByText('No orders yet.').waitFor()
    expect(await unlabelledFields(page)).toEqual([])
    await screenshot(page, 'account-confirm-email-1280')

    await page
      .getByLabel('Confirmation code', { exact: true })
      .fill(await emailedCode(app, 'grace@example.com', /Confirm your email/))
    await page.getByRole('button', { name: 'Confirm email' }).click()
    const row = page.getByRole('row', { name: new RegExp(number) })
    await row.waitFor()
    await expect(row.getByTestId('order-status').textContent()).resolves.toBe('placed')
    await expect(page.getByRole('heading', { name: 'Confirm your email' }).count()).resolves.toBe(0)

    // The merchant ships it; the shopper sees it shipped.
    const orders = app.container.resolve<OrderShipping>('orderService')
    const fulfilled = await orders.createFulfillment(orderId)
    await orders.createShipment(orderId, fulfilled.fulfillments[0]!.id, ['1Z999AA10123456784'])
    await page.reload()
    await expect(row.getByTestId('order-status').textContent()).resolves.toBe('shipped')
    await screenshot(page, 'account-orders-1280')

    await page.getByRole('button', { name: 'Add an address' }).click()
    await page.getByLabel('First name', { exact: true }).fill('Grace')
    await page.getByLabel('Last name', { exact: true }).fill('Hopper')
    await page.getByLabel('Address', { exact: true }).fill('1 Navy Yard')
    await page.getByLabel('Postal code', { exact: true }).fill('20374')
    await page.getByLabel('City', { exact: true }).fill('Washington')
    await page.getByLabel('Country', { exact: true }).selectOption('us')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Save address' }).click()
    await page.getByText(/Grace Hopper, 1 Navy Yard, 20374 Washington, US/).waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('signs a customer in with a one-time code sent by email', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/account`)
    await page.getByRole('tab', { name: 'Email me a code' }).click()
    await page.getByLabel('Email', { exact: true }).fill('grace@example.com')
    await page.getByRole('button', { name: 'Email me a code' }).click()
    await page.getByLabel('Code', { exact: true }).waitFor()
    const notifications = app.container.resolve<NotificationService>('notificationService')
    const code = await eventually(async () => {
      const { messages } = await notifications.listOutbox({
        recipient: 'grace@example.com',
        limit: 1,
        offset: 0,
      })
      return /\b(\d{6})\b/.exec(messages[0]?.text ?? '')?.[1]
    })
    await page.getByLabel('Code', { exact: true }).fill(code)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows a wrong password as an error next to the form', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/account`)
    await page.getByLabel('Email', { exact: true }).fill('grace@example.com')
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong email or password.')
    expect(unexpected(errors)).toEqual([])
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
    await expect(page.getByLabel('Email', { exact: true }).count()).resolves.toBe(0)
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
