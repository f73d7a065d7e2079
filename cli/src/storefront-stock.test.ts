// Stock on the starter storefront's product page, in a real browser on the demo shop: each size says
// whether it is in stock, how many are left when few are, or that it is sold out (and then cannot be
// added); the server-rendered page says it too, and the cart refuses more than there is, on the
// product page and on the cart page alike.
import type { TestApp } from '@shopwright/core/testing'
import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToCart, openStorefront, PRODUCT, type StorefrontFixture } from './storefront-fixture'

/** Chrome logs the cart's refusal this test provokes on purpose (a 409) as a console error: only that is let through. */
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 409/.test(error))

describe('stock on the starter storefront', () => {
  let app: TestApp
  let browser: Browser
  let shop: string
  let publishableKey: string
  let fixture: StorefrontFixture

  /** Sets what a size of the product has on hand, through the Admin API as a merchant would. */
  async function setStock(size: string, quantity: number): Promise<void> {
    const { products } = (
      await app.request('GET', `/store/products?handle=${PRODUCT.handle}`, {
        headers: { 'x-publishable-api-key': publishableKey },
      })
    ).body
    const variant = products[0].variants.find((candidate: { options: Array<{ value: string }> }) =>
      candidate.options.some((option) => option.value === size),
    )
    const levels = (
      await app.request('GET', `/admin/inventory/levels?variant_id=${variant.id}`, {
        headers: app.adminHeaders,
      })
    ).body.inventory_levels as Array<{ location_id: string; stocked_quantity: number }>
    expect(levels.length).toBeGreaterThan(0)
    for (const [index, level] of levels.entries()) {
      const target = index === 0 ? quantity : 0
      const adjusted = await app.request('POST', '/admin/inventory/adjustments', {
        headers: app.adminHeaders,
        body: {
          variant_id: variant.id,
          location_id: level.location_id,
          adjustment: target - level.stocked_quantity,
        },
      })
      expect(adjusted.status).toBe(200)
    }
  }

  beforeAll(async () => {
    fixture = await openStorefront([])
    ;({ app, browser, shop, publishableKey } = fixture)
    // Given size S is sold out, M has 3 left and L plenty.
    await setStock('S', 0)
    await setStock('M', 3)
    await setStock('L', 40)
  }, 120_000)
  afterAll(async () => {
    await fixture?.close()
  })

  /** The quantities in the cart this page's shopper holds, as the Store API has them. */
  async function cartQuantities(page: Page): Promise<number[]> {
    const cartId = await page.evaluate(
      () => (globalThis as any).localStorage.getItem('shopwright.cart_id') as string,
    )
    const { cart } = (
      await app.request('GET', `/store/carts/${cartId}`, {
        headers: { 'x-publishable-api-key': publishableKey },
      })
    ).body
    return cart.items.map((item: { quantity: number }) => item.quantity)
  }

  async function chooseSize(page: Page, size: string) {
    await page.getByText(size, { exact: true }).click()
    await expect(page.getByRole('radio', { name: size }).isChecked()).resolves.toBe(true)
  }

  it('renders the first size’s stock on the server', async () => {
    const response = await fetch(`${shop}/products/${PRODUCT.handle}`)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toMatch(/<p class="stock out-of-stock" data-testid="stock">Out of stock<\/p>/)
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.+?)<\/script>/.exec(html)![1]!)
    expect(jsonLd.offers.map((offer: { availability: string }) => offer.availability)).toEqual([
      'https://schema.org/OutOfStock',
      'https://schema.org/InStock',
      'https://schema.org/InStock',
    ])
  })

  it('shows a sold-out size as out of stock and does not let it be added', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/products/${PRODUCT.handle}`)
    await page.getByRole('heading', { name: PRODUCT.title, level: 1 }).waitFor()
    await chooseSize(page, 'S')
    await expect(page.getByTestId('stock').textContent()).resolves.toBe('Out of stock')
    await expect(page.getByRole('button', { name: 'Add to cart' }).isDisabled()).resolves.toBe(true)

    await chooseSize(page, 'L')
    await expect(page.getByTestId('stock').textContent()).resolves.toBe('In stock')
    await expect(page.getByRole('button', { name: 'Add to cart' }).isEnabled()).resolves.toBe(true)
    expect(await unlabelledFields(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('says how many are left of a size running low, and refuses to put more in the cart', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${shop}/products/${PRODUCT.handle}`)
    await page.getByRole('heading', { name: PRODUCT.title, level: 1 }).waitFor()
    await chooseSize(page, 'M')
    await expect(page.getByTestId('stock').textContent()).resolves.toBe('Only 3 left')

    // When the shopper puts 2 in the cart, then asks for 2 more,
    await page.getByLabel('Quantity').fill('2')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('status').getByText('Added to your cart.').waitFor()
    await page.getByRole('button', { name: 'Add to cart' }).click()

    // then the cart refuses, and the page says why.
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Not enough in stock: only 3 left, and 2 are already in your cart.',
    )
    expect(await cartQuantities(page)).toEqual([2])
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })
  it('says how many are left when the cart page asks for more than there is', async () => {
    // Given a shopper with one of the size that has 3 left in their cart, on the cart page
    const { page, errors } = await openPage(browser)
    await addToCart(page, shop, 'M')
    await page.goto(`${shop}/cart`)
    const quantity = page.getByLabel(`Quantity of ${PRODUCT.title}`)
    await expect(quantity.inputValue()).resolves.toBe('1')

    // When they ask for 5 of it
    await quantity.fill('5')
    await quantity.blur()

    // Then the page says how many are left, as the product page does, and the cart keeps one
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Not enough in stock: only 3 left.')
    expect(await cartQuantities(page)).toEqual([1])
    expect(await unlabelledFields(page)).toEqual([])
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })
})
