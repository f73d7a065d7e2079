// The admin UI follows the signed-in staff member's role: the menu offers only what they may use, a
// screen they may not open says so instead of failing, an action they may not take is disabled with
// the reason; and an owner chooses which payment providers each region offers.
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { UserService } from '@shopwright/core'
import type { TestApp } from '@shopwright/core/testing'
import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from './screens'
import { type AdminFixture, type PlacedOrder, startAdminFixture } from './testing/admin-fixture'

describe('admin UI by role', () => {
  let fixture: AdminFixture
  let app: TestApp
  let browser: Browser
  let order: PlacedOrder
  const shots = process.env.ADMIN_SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), 'sw-admin-roles-shots-'))

  beforeAll(async () => {
    fixture = await startAdminFixture()
    ;({ app, browser } = fixture)
    // One paid order, captured, so that it could be refunded.
    order = await fixture.placeOrder()
    await fixture.call('POST', `/admin/orders/${order.id}/capture`, {})
  })
  afterAll(async () => {
    await fixture?.close()
  })

  async function screenshot(page: Page, name: string) {
    const file = path.join(shots, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    expect(statSync(file).size).toBeGreaterThan(1000)
  }

  /** A page of the admin, signed in as a new staff member with this role. */
  async function signedInAs(role: string) {
    const staff = await app.createStaff(role)
    const watched = await openPage(browser)
    await watched.page.goto(`${app.url()}/app/`)
    await watched.page.evaluate(
      (token: string) => (globalThis as any).sessionStorage.setItem('shopwright.admin.token', token),
      staff.headers.authorization!.replace('Bearer ', ''),
    )
    await watched.page.reload()
    return watched
  }

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Sections' })

  async function menuLabels(page: Page): Promise<string[]> {
    await menu(page).getByRole('link', { name: 'Home' }).waitFor()
    return menu(page).getByRole('link').allTextContents()
  }

  it('shows a catalog clerk who signs in the catalog, but not orders, staff or API keys', async () => {
    await app.container
      .resolve<UserService>('userService')
      .createUser({ email: 'clerk@shop.test', password: 'catalog-clerk-2026', role: 'catalog' })
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.getByLabel('Email').fill('clerk@shop.test')
    await page.getByLabel('Password').fill('catalog-clerk-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()

    const labels = await menuLabels(page)
    expect(labels).toEqual(expect.arrayContaining(['Products', 'Categories', 'Collections', 'Regions']))
    for (const hidden of ['Orders', 'Customers', 'Staff', 'Roles', 'API keys', 'Payment providers'])
      expect(labels).not.toContain(hidden)

    await menu(page).getByRole('link', { name: 'Products' }).click()
    await page.getByRole('heading', { name: 'Products', exact: true }).waitFor()
    await page.getByRole('link', { name: 'Canvas Tote' }).click()
    await page.getByRole('heading', { name: 'Canvas Tote' }).waitFor()
    // A clerk may change products: nothing on the page is disabled for them.
    const save = page.getByRole('button', { name: 'Save', exact: true })
    await save.waitFor()
    expect(await save.isEnabled()).toBe(true)
    expect(await page.getByRole('note').count()).toBe(0)
    expect(await unlabelledFields(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('answers a catalog clerk who opens the orders page directly with the no-access page, not errors', async () => {
    const { page, errors } = await signedInAs('catalog')
    await page.goto(`${app.url()}/app/orders`)
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor()
    await expect(
      page.getByText(/needs order:read, which your role \(catalog\) does not have/).count(),
    ).resolves.toBe(1)
    await screenshot(page, 'no-access-orders')
    await page.goto(`${app.url()}/app/api-keys`)
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows an owner every section', async () => {
    const { page, errors } = await signedInAs('owner')
    await menu(page).getByRole('link', { name: 'Payment providers' }).waitFor()
    const expected = SCREENS.flatMap((screen) => (screen.menu ? [screen.menu.label] : []))
    expect(await menuLabels(page)).toEqual(expected)
    await menu(page).getByRole('link', { name: 'Orders' }).click()
    await page.getByRole('link', { name: new RegExp(`#${order.display_id}`) }).waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('lets support staff read an order, with its refund disabled and the reason given', async () => {
    const { page, errors } = await signedInAs('support')
    expect(await menuLabels(page)).toContain('Orders')
    await page.goto(`${app.url()}/app/orders/${order.id}`)
    await page.getByRole('heading', { name: `Order #${order.display_id}` }).waitFor()
    const refund = page.getByRole('button', { name: 'Refund' })
    await refund.waitFor()
    expect(await refund.isDisabled()).toBe(true)
    expect(await page.getByLabel('Amount to refund').isDisabled()).toBe(true)
    await expect(page.getByRole('note').textContent()).resolves.toMatch(
      /not change anything: your role \(support\) does not have order:write/,
    )
    await screenshot(page, 'order-read-only')
    expect(errors).toEqual([])
    await page.close()
  })

  it('lets an owner stop offering a payment provider in one region, and the Store stops listing it there', async () => {
    const europe = (
      await fixture.call('POST', '/admin/regions', {
        name: 'Europe',
        currency_code: 'eur',
        countries: ['de'],
      })
    ).region.id
    const listed = async (region: string) =>
      (
        await fixture.call(
          'GET',
          `/store/payment-providers?region_id=${region}`,
          undefined,
          fixture.shop.store,
        )
      ).payment_providers.map((provider: { id: string }) => provider.id)
    expect(await listed(europe)).toEqual(['pp_system_default'])

    const { page, errors } = await signedInAs('owner')
    await menu(page).getByRole('link', { name: 'Payment providers' }).click()
    await page.getByRole('heading', { name: 'Payment providers' }).waitFor()
    const inEurope = page.getByLabel('Offer Manual payment (built in) in Europe')
    const inUs = page.getByLabel('Offer Manual payment (built in) in United States')
    expect(await inEurope.isChecked()).toBe(true)
    expect(await unlabelledFields(page)).toEqual([])
    await inEurope.uncheck()
    await page.getByRole('status').filter({ hasText: 'no longer offered in Europe' }).waitFor()
    await page.getByRole('alert').filter({ hasText: 'Europe offers no payment provider' }).waitFor()
    expect(await inEurope.isChecked()).toBe(false)
    expect(await inUs.isChecked()).toBe(true)

    await screenshot(page, 'payment-providers')
    expect(await listed(europe)).toEqual([])
    expect(await listed(fixture.shop.regionId)).toEqual(['pp_system_default'])

    // The regions screen says how shoppers in each region pay.
    await menu(page).getByRole('link', { name: 'Regions' }).click()
    await page
      .getByRole('row', { name: /Europe/ })
      .getByText('none: shoppers cannot pay')
      .waitFor()
    await page
      .getByRole('row', { name: /United States/ })
      .getByText('Manual payment (built in)')
      .waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows catalog staff the regions read-only, with the reason', async () => {
    const { page, errors } = await signedInAs('catalog')
    await page.goto(`${app.url()}/app/regions`)
    await page.getByRole('heading', { name: 'Regions' }).waitFor()
    expect(await page.getByRole('button', { name: 'Create region' }).isDisabled()).toBe(true)
    await expect(page.getByRole('note').textContent()).resolves.toMatch(/does not have region:write/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('asks of each screen the permission its Admin API route states', async () => {
    const { body } = await app.request('GET', '/openapi.json')
    const stated = (route: string) => {
      const [method, routePath] = route.split(' ') as [string, string]
      return body.paths[routePath]?.[method.toLowerCase()]?.['x-permission']
    }
    const mismatched = SCREENS.flatMap((screen) => {
      const route = screen.menu && 'requires' in screen.menu ? screen.menu.requires : undefined
      if (!route) return []
      const needed = [screen.permission ?? []].flat()
      const permission = stated(route)
      return permission && needed.includes(permission) ? [] : [`${screen.path}: ${route} needs ${permission}`]
    })
    expect(mismatched).toEqual([])
  })
})
