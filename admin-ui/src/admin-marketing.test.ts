// Marketing in a real browser: a promotion code made, listed, edited and turned off (and working in a
// Store cart meanwhile), the API's duplicate-code error shown at the code, and a campaign to a customer
// group previewed and sent, reaching only the customers who agreed to marketing.
import { unlabelledFields } from '@shopwright/core/testing/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AdminFixture, fieldMessage, startAdminFixture, unexpected } from './testing/admin-fixture'

/** A moment as a date picker shows it (`yyyy-mm-ddThh:mm`, local time: Chromium runs in this process's zone). */
function pickerValue(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

const DAY = 86_400_000

describe('marketing in the admin UI', () => {
  let fixture: AdminFixture

  beforeAll(async () => {
    fixture = await startAdminFixture()
  })
  afterAll(async () => {
    await fixture?.close()
  })

  /** What applying `code` to a fresh cart of `totes` totes answers: the discount, or the refusal. */
  async function tryCode(code: string, totes: number) {
    const cart = await fixture.cartWith(totes)
    const answer = await fixture.app.request('POST', `/store/carts/${cart}/promotions`, {
      body: { promo_codes: [code] },
      headers: fixture.shop.store,
    })
    return answer.status === 200
      ? { discount: answer.body.cart.discount_total as number }
      : { refused: `${answer.status} ${answer.body.message}` }
  }

  it('creates a percentage code with a minimum and a date window, lists it, edits it and turns it off', async () => {
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/promotions`)
    await page.getByText('No promotions yet').waitFor()
    const starts = new Date(Date.now() - DAY)
    const ends = new Date(Date.now() + 30 * DAY)
    await page.getByLabel('Code', { exact: true }).fill('spring15')
    await expect(page.getByLabel('Code', { exact: true }).inputValue()).resolves.toBe('SPRING15')
    await page.getByLabel('Discount').selectOption({ label: 'A percentage' })
    await page.getByLabel('Percent off').fill('15')
    // Only the targets this form can complete: a promotion on items needs products it cannot pick.
    await expect(page.getByLabel('Applies to').locator('option').allTextContents()).resolves.toEqual([
      'The whole order',
      'Shipping',
    ])
    await page.getByLabel('Currency').selectOption({ label: 'USD' })
    await page.getByLabel('Minimum order').fill('40.00')
    await page.getByLabel('Starts').fill(pickerValue(starts))
    await page.getByLabel('Ends').fill(pickerValue(ends))
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create promotion' }).click()

    const row = page.getByRole('row', { name: /SPRING15/ })
    await expect.poll(() => row.textContent()).toContain('15% off the order')
    await expect(row.textContent()).resolves.toContain('active')
    const { promotions } = await fixture.call('GET', '/admin/promotions?code=SPRING15')
    expect(promotions).toMatchObject([
      {
        code: 'SPRING15',
        status: 'active',
        min_subtotal: 4000,
        application_method: { type: 'percentage', value: 15, currency_code: 'usd', target_type: 'order' },
      },
    ])
    expect(Math.abs(Date.parse(promotions[0].starts_at) - starts.getTime())).toBeLessThan(60_000)
    expect(Math.abs(Date.parse(promotions[0].ends_at) - ends.getTime())).toBeLessThan(60_000)

    // Two totes (50.00) pass the 40.00 minimum; one (25.00) does not.
    await expect(tryCode('SPRING15', 2)).resolves.toEqual({ discount: 750 })
    await expect(tryCode('SPRING15', 1)).resolves.toMatchObject({
      refused: expect.stringMatching(/^400 .*40/),
    })

    await page.getByRole('button', { name: 'Edit SPRING15' }).click()
    await page.getByRole('heading', { name: 'Edit SPRING15' }).waitFor()
    await expect(page.getByLabel('Minimum order').inputValue()).resolves.toBe('40.00')
    await expect(page.getByLabel('Ends').inputValue()).resolves.toBe(pickerValue(ends))
    await page.getByLabel('Percent off').fill('20')
    await page.getByRole('button', { name: 'Save promotion' }).click()
    await expect.poll(() => row.textContent()).toContain('20% off the order')
    await expect(tryCode('SPRING15', 2)).resolves.toEqual({ discount: 1000 })

    await page.getByRole('button', { name: 'Edit SPRING15' }).click()
    await page.getByLabel('Status').selectOption({ label: 'Inactive' })
    await page.getByRole('button', { name: 'Save promotion' }).click()
    await expect.poll(() => row.textContent()).toContain('inactive')
    await page.getByRole('heading', { name: 'New promotion' }).waitFor()
    await expect(tryCode('SPRING15', 2)).resolves.toMatchObject({ refused: expect.stringMatching(/^400 /) })
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it("shows the API's refusal of a code already in use next to the code field", async () => {
    await fixture.call('POST', '/admin/promotions', {
      code: 'WELCOME10',
      application_method: { type: 'percentage', value: 10, target_type: 'order' },
    })
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/promotions`)
    await page.getByRole('row', { name: /WELCOME10/ }).waitFor()
    await page.getByLabel('Code', { exact: true }).fill('welcome10')
    await page.getByLabel('Percent off').fill('5')
    await page.getByRole('button', { name: 'Create promotion' }).click()
    await expect(fieldMessage(page, 'Code')).resolves.toBe('Another promotion already uses this code')
    // The form focuses the first invalid field on the next frame.
    await expect
      .poll(() =>
        page
          .getByLabel('Code', { exact: true })
          .evaluate((field) => field === (globalThis as any).document.activeElement),
      )
      .toBe(true)
    const { count } = await fixture.call('GET', '/admin/promotions?code=WELCOME10')
    expect(count).toBe(1)
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it('previews a campaign to a customer group and sends it to the members who agreed to marketing', async () => {
    const ann = await fixture.registerCustomer('ann@example.com', 'Ann', 'Agreed')
    const bob = await fixture.registerCustomer('bob@example.com', 'Bob', 'Declined')
    const cat = await fixture.registerCustomer('cat@example.com', 'Cat', 'Outsider')
    await fixture.call('POST', '/admin/promotions', {
      code: 'REGULARS10',
      application_method: { type: 'percentage', value: 10, target_type: 'order' },
    })
    const { customer_group } = await fixture.call('POST', '/admin/customer-groups', { name: 'Regulars' })
    await fixture.call('POST', `/admin/customer-groups/${customer_group.id}/customers`, { add: [ann, bob] })
    for (const [customer, consented] of [
      [ann, true],
      [bob, false],
      [cat, true],
    ] as const) {
      await fixture.call('POST', `/admin/marketing-consents/${customer}`, { consented })
    }

    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/notifications/campaigns`)
    await page.getByLabel('Name').fill('Spring for regulars')
    await page.getByLabel('Promotion code').fill('REGULARS01')
    await page.getByLabel('Send to').selectOption({ label: 'A customer group' })
    await page.getByLabel('Customer group').selectOption({ label: 'Regulars' })
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Create draft' }).click()
    await expect(fieldMessage(page, 'Promotion code')).resolves.toBe(
      'No promotion has this code: create it first.',
    )
    expect((await fixture.call('GET', '/admin/campaigns')).count).toBe(0)
    await page.getByLabel('Promotion code').fill('regulars10')
    await page.getByRole('button', { name: 'Create draft' }).click()
    const row = page.getByRole('row', { name: /Spring for regulars/ })
    await expect.poll(() => row.textContent()).toContain('Group Regulars')

    await row.getByRole('button', { name: 'Preview Spring for regulars' }).click()
    await page.getByRole('heading', { name: 'Preview of Spring for regulars' }).waitFor()
    const message = page.frameLocator('iframe[title="Preview of Spring for regulars"]')
    await message.getByText('REGULARS10').waitFor()

    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByRole('button', { name: 'Send Spring for regulars' }).click()
    const { campaigns } = await fixture.call('GET', '/admin/campaigns')
    await expect
      .poll(async () => (await fixture.call('GET', `/admin/campaigns/${campaigns[0].id}`)).campaign)
      .toMatchObject({ status: 'queued', recipients: 1 })

    await page.reload()
    await row.getByRole('link', { name: 'Deliveries of Spring for regulars' }).click()
    await page.getByText('Only the deliveries of one campaign.').waitFor()
    await page.getByText('email to ann@example.com').waitFor()
    await expect(page.getByRole('table').getByRole('row').count()).resolves.toBe(2)
    const { notifications } = await fixture.call('GET', `/admin/notifications?campaign_id=${campaigns[0].id}`)
    expect(notifications.map((delivery: { recipient: string }) => delivery.recipient)).toEqual([
      'ann@example.com',
    ])
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })
})
