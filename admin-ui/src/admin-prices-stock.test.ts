// Catalog editing in a real browser: the variant price editor (changing a variant's USD price keeps its
// quantity tier and its region price, which the editor shows and lets the merchant change), and which
// sales channels each stock location serves.
import { unlabelledFields } from '@shopwright/core/testing/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AdminFixture, startAdminFixture } from './testing/admin-fixture'
import type { VariantPrice } from './types'

describe('admin UI: prices and stock locations', () => {
  let fixture: AdminFixture
  let product: string
  let variant: string
  let canada: string

  const pricesOf = async (): Promise<VariantPrice[]> =>
    (await fixture.call('GET', `/admin/products/${product}/variants?id=${variant}`)).variants[0].prices

  beforeAll(async () => {
    // The fixture's shop sells in its United States region (usd).
    fixture = await startAdminFixture()
    // Given a variant with a USD price, a USD price from 10 units, and a price for a USD region of its own,
    canada = (
      await fixture.call('POST', '/admin/regions', {
        name: 'Canada (USD)',
        currency_code: 'usd',
        countries: ['ca'],
      })
    ).region.id
    const created = (
      await fixture.call('POST', '/admin/products', {
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
    await fixture?.close()
  })

  /** A page of the admin at `route`, signed in as staff. */
  async function signedIn(route: string) {
    const watched = await fixture.signedIn()
    await watched.page.goto(`${fixture.app.url()}/app${route}`)
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
    // Given the fixture's Warehouse, serving no channel yet, its Web shop channel, and a Market stall
    const web = fixture.shop.channelId
    await fixture.call('POST', '/admin/sales-channels', { name: 'Market stall' })
    const warehouse = { id: fixture.shop.locationId }
    const { page, errors } = await signedIn('/stock-locations')
    const servesWeb = page.getByLabel('Warehouse serves Web shop')
    await expect(servesWeb.isChecked()).resolves.toBe(false)

    await servesWeb.check()
    await expect
      .poll(async () => (await fixture.call('GET', `/admin/stock-locations/${warehouse.id}`)).stock_location)
      .toMatchObject({ sales_channel_ids: [web] })
    await expect(page.getByLabel('Warehouse serves Market stall').isChecked()).resolves.toBe(false)

    await servesWeb.uncheck()
    await expect
      .poll(async () => (await fixture.call('GET', `/admin/stock-locations/${warehouse.id}`)).stock_location)
      .toMatchObject({ sales_channel_ids: [] })
    expect(await unlabelledFields(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
