// The order page's money and after-sale actions in a real browser: capture, partial refund (checked
// before sending), cancel after confirmation, and a return received, restocked and refunded.
import { unlabelledFields } from '@shopwright/core/testing/browser'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AdminFixture, fieldMessage, startAdminFixture, unexpected } from './testing/admin-fixture'

describe('order actions in the admin UI', () => {
  let fixture: AdminFixture

  beforeAll(async () => {
    fixture = await startAdminFixture()
  })
  afterAll(async () => {
    await fixture?.close()
  })

  async function orderOf(id: string) {
    return (await fixture.call('GET', `/admin/orders/${id}`)).order
  }

  /** Every request the page sends to a path ending in `suffix`. */
  function sent(page: Page, suffix: string): string[] {
    const seen: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith(suffix))
        seen.push(request.url())
    })
    return seen
  }

  it('captures the payment, refuses a refund above what was captured next to the field, then refunds part', async () => {
    const order = await fixture.placeOrder(2)
    const { page, errors } = await fixture.signedIn()
    const refunds = sent(page, '/refund')
    await page.goto(`${fixture.app.url()}/app/orders/${order.id}`)
    await page.getByRole('heading', { name: `Order #${order.display_id}` }).waitFor()

    await page.getByRole('button', { name: 'Capture payment' }).click()
    await page.getByText('$55.00 captured').waitFor()
    expect(await orderOf(order.id)).toMatchObject({ payment_status: 'captured' })

    await page.getByLabel('Amount to refund').fill('60.00')
    await page.getByRole('button', { name: 'Refund', exact: true }).click()
    await expect(fieldMessage(page, 'Amount to refund')).resolves.toBe('At most $55.00.')
    expect(refunds).toEqual([])

    await page.getByLabel('Amount to refund').fill('10.00')
    await page.getByLabel('Reason for the refund').fill('Strap arrived scuffed')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Refund', exact: true }).click()
    await page.getByText('$10.00 refunded').first().waitFor()
    await expect(page.getByLabel('Amount to refund').inputValue()).resolves.toBe('')

    const refunded = await orderOf(order.id)
    expect(refunded.payment_status).toBe('partially_refunded')
    expect(refunded.summary.refunded_total).toBe(1000)
    expect(refunds).toHaveLength(1)
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it('cancels an order only once the merchant confirms, releasing its reserved stock', async () => {
    const before = await fixture.stock()
    const order = await fixture.placeOrder(3)
    expect((await fixture.stock()).reserved).toBe(before.reserved + 3)
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/orders/${order.id}`)

    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.dismiss()
    })
    await page.getByRole('button', { name: 'Cancel order' }).click()
    await expect.poll(() => asked).toHaveLength(1)
    expect(asked[0]).toContain(`Cancel order #${order.display_id}?`)
    expect((await orderOf(order.id)).status).toBe('pending')

    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Cancel order' }).click()
    await page.locator('.badge', { hasText: 'canceled' }).first().waitFor()
    await expect(page.getByRole('button', { name: 'Cancel order' }).count()).resolves.toBe(0)

    const canceled = await orderOf(order.id)
    expect(canceled).toMatchObject({ status: 'canceled', payment_status: 'canceled' })
    expect(await fixture.stock()).toEqual(before)
    expect(errors).toEqual([])
    await page.close()
  })

  it('receives a return of one shipped item, puts it back in stock and refunds it', async () => {
    const order = await fixture.placeOrder(2)
    await fixture.call('POST', `/admin/orders/${order.id}/capture`, {})
    const fulfilled = (await fixture.call('POST', `/admin/orders/${order.id}/fulfillments`, {})).order
    await fixture.call(
      'POST',
      `/admin/orders/${order.id}/fulfillments/${fulfilled.fulfillments[0].id}/shipments`,
      { tracking_numbers: ['1Z999AA10123456784'] },
    )
    const shipped = await fixture.stock()
    const { page, errors } = await fixture.signedIn()
    await page.goto(`${fixture.app.url()}/app/orders/${order.id}`)

    await page.getByRole('button', { name: 'Request return' }).click()
    const quantity = page.getByLabel('Return Canvas Tote (One size)')
    await expect(quantity.inputValue()).resolves.toBe('2')
    await quantity.fill('3')
    await page.getByRole('button', { name: 'Request return' }).click()
    await expect(fieldMessage(page, 'Return Canvas Tote (One size)')).resolves.toBe('Enter 0 to 2.')
    await quantity.fill('1')
    await page.getByRole('button', { name: 'Request return' }).click()
    await page.getByRole('heading', { name: 'Return 1' }).waitFor()
    expect((await orderOf(order.id)).returns).toMatchObject([
      { status: 'requested', items: [{ quantity: 1 }] },
    ])

    await expect(page.getByLabel('Put the items back in stock').isChecked()).resolves.toBe(true)
    await page.getByLabel('Refund for return 1').fill('99.00')
    await page.getByRole('button', { name: 'Receive return' }).click()
    await expect(fieldMessage(page, 'Refund for return 1')).resolves.toBe('At most $55.00.')
    await page.getByLabel('Refund for return 1').fill('25.00')
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Receive return' }).click()
    await page.getByText(/restocked, \$25\.00 refunded/).waitFor()

    const received = await orderOf(order.id)
    expect(received.returns).toMatchObject([{ status: 'received', restocked: true, refund_amount: 2500 }])
    expect(received.summary.refunded_total).toBe(2500)
    expect(received.payment_status).toBe('partially_refunded')
    expect((await fixture.stock()).stocked).toBe(shipped.stocked + 1)
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })
})
