// Shop settings in a real browser: a tax rate a Store cart then charges, a shipping option the Store
// offers at the right price, a staff invite accepted through its link, and API keys that work until
// they are revoked.
import type { UserService } from '@shopwright/core'
import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AdminFixture,
  fieldMessage,
  SHOPPER_ADDRESS,
  startAdminFixture,
  unexpected,
} from './testing/admin-fixture'

describe('shop settings in the admin UI', () => {
  let fixture: AdminFixture

  beforeAll(async () => {
    fixture = await startAdminFixture()
  })
  afterAll(async () => {
    await fixture?.close()
  })

  /** The tax a fresh Store cart of two totes (50.00) shipped to `province` is charged. */
  async function taxOnTwoTotes(province: string): Promise<number> {
    const cart = await fixture.cartWith(2, { ...SHOPPER_ADDRESS, province })
    return (await fixture.call('GET', `/store/carts/${cart}`, undefined, fixture.shop.store)).cart.tax_total
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${fixture.app.url()}/app/`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
  }

  it("adds a country's rate and a province's own rate, and a Store cart is taxed by the province's", async () => {
    await expect(taxOnTwoTotes('ny')).resolves.toBe(0)
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/tax-rates`)
    await page.getByText('No tax regions yet').waitFor()

    // A province before its country: the API's refusal shows at the province.
    await page.getByLabel('Country').fill('US')
    await page.getByLabel('Province').fill('NY')
    await page.getByLabel('Default rate name').fill('NY sales tax')
    await page.getByLabel('Default rate (%)').fill('8')
    await page.getByRole('button', { name: 'Create tax region' }).click()
    await expect(fieldMessage(page, 'Province')).resolves.toBe('Create the tax region of US first')

    await page.getByLabel('Province').fill('')
    await page.getByLabel('Default rate name').fill('Sales tax')
    await page.getByLabel('Default rate (%)').fill('150')
    await page.getByRole('button', { name: 'Create tax region' }).click()
    await expect(fieldMessage(page, 'Default rate (%)')).resolves.toBe('Enter a percentage from 0 to 100.')
    await page.getByLabel('Default rate (%)').fill('4')
    await page.getByRole('button', { name: 'Create tax region' }).click()
    await page.getByRole('cell', { name: 'US', exact: true }).waitFor()

    await page.getByLabel('Country').fill('US')
    await page.getByLabel('Province').fill('NY')
    await page.getByLabel('Default rate name').fill('NY sales tax')
    await page.getByLabel('Default rate (%)').fill('8')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create tax region' }).click()
    const row = page.getByRole('row', { name: /US · NY/ })
    await expect.poll(() => row.textContent()).toContain('NY sales tax (us-ny-sales-tax): 8% · default')

    await expect(taxOnTwoTotes('ny')).resolves.toBe(400)
    await expect(taxOnTwoTotes('ca')).resolves.toBe(200)
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it('creates a shipping option free above an order value, which the Store offers at the right price', async () => {
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/shipping-options`)
    await page.getByLabel('Name', { exact: true }).fill('Express')
    await page.getByLabel('Region').selectOption({ label: 'United States (USD)' })
    await page.getByLabel('Price in USD').fill('12.5')
    await page.getByLabel('Free from an order of').fill('100')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create option' }).click()
    const row = page.getByRole('row', { name: /Express/ })
    await expect.poll(() => row.textContent()).toContain('$12.50')
    await expect(row.textContent()).resolves.toContain('free from $100.00')

    /** What the Store asks for Express on a fresh cart of `totes` totes at 25.00. */
    const express = async (totes: number) => {
      const cart = await fixture.cartWith(totes)
      const { shipping_options } = await fixture.call(
        'GET',
        `/store/shipping-options?cart_id=${cart}`,
        undefined,
        fixture.shop.store,
      )
      return shipping_options.find((option: { name: string }) => option.name === 'Express')?.amount
    }
    await expect(express(2)).resolves.toBe(1250)
    await expect(express(4)).resolves.toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('lets the owner invite a staff member, who accepts through the link, chooses a password and signs in', async () => {
    await fixture.app.container
      .resolve<UserService>('userService')
      .createUser({ email: 'owner@shop.test', password: 'owner-password-1', role: 'owner' })
    const owner = await openPage(fixture.browser)
    await signIn(owner.page, 'owner@shop.test', 'owner-password-1')
    await owner.page.goto(`${fixture.app.url()}/app/staff`)
    await owner.page.getByLabel('Email').fill('owner@shop.test')
    await owner.page.getByRole('button', { name: 'Send invite' }).click()
    await expect(fieldMessage(owner.page, 'Email')).resolves.toBe('Already has a staff account')
    await owner.page.getByLabel('Email').fill('new.clerk@shop.test')
    await owner.page.getByLabel('Role', { exact: true }).selectOption('orders')
    expect(await unlabelledFields(owner.page)).toEqual([])
    await owner.page.getByRole('button', { name: 'Send invite' }).click()
    const link = await owner.page.getByRole('status').locator('code').textContent()
    expect(link).toMatch(new RegExp(`^${fixture.app.url()}/app/invite\\?token=`))
    await owner.page.getByText('new.clerk@shop.test').first().waitFor()

    const invitee = await openPage(fixture.browser)
    await invitee.page.goto(link!)
    await invitee.page.getByRole('heading', { name: 'Join the Shopwright admin' }).waitFor()
    await invitee.page.getByLabel('First name').fill('Nia')
    await invitee.page.getByLabel('Password').fill('short')
    await invitee.page.getByRole('button', { name: 'Join' }).click()
    await expect(fieldMessage(invitee.page, 'Password')).resolves.toBe(
      'Choose a password of at least 8 characters.',
    )
    await invitee.page.getByLabel('Password').fill('clerk-password-1')
    expect(await unlabelledFields(invitee.page)).toEqual([])
    await invitee.page.getByRole('button', { name: 'Join' }).click()
    await invitee.page.getByRole('heading', { name: 'Home', exact: true }).waitFor()
    expect(new URL(invitee.page.url()).pathname).toBe('/app/')

    const { users } = await fixture.call('GET', '/admin/users?limit=50')
    expect(users.find((user: { email: string }) => user.email === 'new.clerk@shop.test')).toMatchObject({
      role: 'orders',
      first_name: 'Nia',
    })
    await invitee.page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(invitee.page, 'new.clerk@shop.test', 'clerk-password-1')
    await invitee.page.getByRole('heading', { name: 'Home', exact: true }).waitFor()

    await owner.page.reload()
    await owner.page.getByText('No open invites.').waitFor()
    expect(unexpected(owner.errors)).toEqual([])
    expect(unexpected(invitee.errors)).toEqual([])
    await owner.page.close()
    await invitee.page.close()
  })

  it('shows a secret key once, which works against the Admin API until it is revoked', async () => {
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/api-keys`)
    await page.getByLabel('Secret key name').fill('ERP sync')
    await page.getByLabel('Role', { exact: true }).selectOption('orders')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create secret key' }).click()
    const token = await page.getByRole('status').locator('code').textContent()
    expect(token).toMatch(/^sk_/)
    const asKey = () =>
      fixture.app.request('GET', '/admin/orders?limit=1', { headers: { authorization: `Bearer ${token}` } })
    expect((await asKey()).status).toBe(200)

    await page.reload()
    const row = page.getByRole('row', { name: /ERP sync/ })
    await row.waitFor()
    await expect(page.getByText(token!).count()).resolves.toBe(0)
    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByRole('button', { name: 'Revoke ERP sync' }).click()
    await expect.poll(() => row.textContent()).toContain('revoked')
    expect((await asKey()).status).toBe(401)
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a publishable key for a sales channel, which opens the Store until it is revoked', async () => {
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/api-keys`)
    await page.getByLabel('Publishable key name').fill('Kiosk')
    await page.getByLabel('For sales channel').selectOption({ label: 'Web shop' })
    await page.getByRole('button', { name: 'Create publishable key' }).click()
    const row = page.getByRole('row', { name: /Kiosk/ })
    await expect.poll(() => row.textContent()).toContain('Web shop')
    const token = await row.locator('code').textContent()
    expect(token).toMatch(/^pk_/)
    const asStore = () =>
      fixture.app.request('GET', '/store/products?limit=1', { headers: { 'x-publishable-api-key': token! } })
    expect((await asStore()).body.products).toHaveLength(1)

    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByRole('button', { name: 'Revoke Kiosk' }).click()
    await expect.poll(() => row.textContent()).toContain('revoked')
    expect((await asStore()).status).toBe(400)
    expect((await fixture.call('GET', '/store/products?limit=1', undefined, fixture.shop.store)).count).toBe(
      1,
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a region, a stock location, a role, a category and a collection through their forms', async () => {
    const { page, errors } = await fixture.signedIn()
    const open = async (route: string) => {
      await page.goto(`${fixture.app.url()}/app/${route}`)
      expect(await unlabelledFields(page)).toEqual([])
    }
    await open('regions')
    await page.getByLabel('Name', { exact: true }).fill('Nordics')
    await page.getByLabel('Currency').fill('sek')
    await page.getByLabel('Countries').fill('SE, DK')
    await page.getByRole('button', { name: 'Create region' }).click()
    await page.getByRole('cell', { name: 'Nordics', exact: true }).waitFor()

    await open('stock-locations')
    await page.getByLabel('Name', { exact: true }).fill('Malmö depot')
    await page.getByRole('button', { name: 'Create location' }).click()
    await page.getByRole('listitem').filter({ hasText: 'Malmö depot' }).waitFor()

    await open('roles')
    await page.getByLabel('Name', { exact: true }).fill('Warehouse')
    await page.getByLabel('Permissions').fill('order:read, inventory:write')
    await page.getByRole('button', { name: 'Create role' }).click()
    await expect(fieldMessage(page, 'Name')).resolves.toBe(
      'Use lower-case letters, digits, _ or -, e.g. warehouse.',
    )
    await page.getByLabel('Name', { exact: true }).fill('warehouse')
    await page.getByRole('button', { name: 'Create role' }).click()
    await page.getByRole('cell', { name: 'warehouse', exact: true }).waitFor()

    await open('categories')
    await page.getByLabel('Name', { exact: true }).fill('Bags')
    await page.getByRole('button', { name: 'Create category' }).click()
    await page.getByRole('cell', { name: 'Bags', exact: true }).waitFor()

    await open('collections')
    await page.getByLabel('Title', { exact: true }).fill('Summer')
    await page.getByRole('button', { name: 'Create collection' }).click()
    await page.getByRole('cell', { name: 'Summer', exact: true }).waitFor()

    const { regions } = await fixture.call('GET', '/admin/regions?limit=50')
    expect(regions.find((region: { name: string }) => region.name === 'Nordics')).toMatchObject({
      currency_code: 'sek',
      countries: [{ iso_2: 'dk' }, { iso_2: 'se' }],
    })
    const { stock_locations } = await fixture.call('GET', '/admin/stock-locations?limit=50')
    expect(stock_locations.map((location: { name: string }) => location.name)).toContain('Malmö depot')
    const { roles } = await fixture.call('GET', '/admin/roles')
    expect(roles.find((role: { name: string }) => role.name === 'warehouse').permissions).toEqual([
      'order:read',
      'inventory:write',
    ])
    const { product_categories } = await fixture.call('GET', '/admin/product-categories?limit=50')
    expect(product_categories).toMatchObject([{ name: 'Bags', handle: 'bags' }])
    const { collections } = await fixture.call('GET', '/admin/collections?limit=50')
    expect(collections).toMatchObject([{ title: 'Summer', handle: 'summer' }])
    expect(errors).toEqual([])
    await page.close()
  })
})
