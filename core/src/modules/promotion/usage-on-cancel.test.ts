// A promotion's uses follow its orders: an order canceled gives back the use it counted, overall and
// for its customer, once however often the cancel is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { admin, readyCart, type Shop, seedShop } from '../../testing/shop'

describe('promotion usage when an order is canceled', () => {
  let app: TestApp
  let shop: Shop

  beforeAll(async () => {
    app = await createTestApp()
    shop = await seedShop(app)
  })
  afterAll(async () => {
    await app.close()
  })

  const applyCode = (cartId: string, code: string) =>
    app.request('POST', `/store/carts/${cartId}/promotions`, {
      headers: shop.store,
      body: { promo_codes: [code] },
    })

  /** A guest checkout by ada@example.com with the code; the order placed. */
  async function orderWithCode(code: string) {
    const cart = await readyCart(app, shop)
    expect((await applyCode(cart.id, code)).status).toBe(200)
    const { body } = await app.request('POST', `/store/carts/${cart.id}/complete`, { headers: shop.store })
    if (body.type !== 'order') throw new Error(`checkout failed: ${JSON.stringify(body.error)}`)
    return body.order as { id: string; discount_total: number }
  }

  it('lets a code used up by an order be used again once that order is canceled, given back once', async () => {
    const { promotion } = await admin(app, 'POST', '/admin/promotions', {
      code: 'ONCEONLY',
      usage_limit: 1,
      limit_per_customer: 1,
      application_method: { type: 'fixed', value: 300, currency_code: 'usd', target_type: 'order' },
    })
    const first = await orderWithCode('ONCEONLY')
    expect(first.discount_total).toBe(300)
    const refused = await applyCode((await readyCart(app, shop)).id, 'ONCEONLY')
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain('usage limit')

    const canceled = await app.request('POST', `/admin/orders/${first.id}/cancel`, {
      headers: app.adminHeaders,
    })
    expect(canceled.status).toBe(200)
    const again = await app.request('POST', `/admin/orders/${first.id}/cancel`, { headers: app.adminHeaders })
    expect(again.status).toBe(409)
    expect((await admin(app, 'GET', `/admin/promotions/${promotion.id}`)).promotion.used).toBe(0)

    // The same shopper (same email, so the per-customer limit counts them too) uses it again.
    const second = await orderWithCode('ONCEONLY')
    expect(second.discount_total).toBe(300)
    expect((await admin(app, 'GET', `/admin/promotions/${promotion.id}`)).promotion.used).toBe(1)
  })
})
