// Promotions on carts, as a shopper meets them: each kind of discount lands on the right lines with
// cents that add up, codes are refused with the reason when they cannot apply, automatic promotions
// need no code, and usage limits hold when many orders are placed at once.
import type Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, openTestShop, type TestShop } from '../../testing/shop'
import { PromotionLimitError, type PromotionService } from './service'

describe('promotions', () => {
  let shop: TestShop
  let sdk: Medusa
  let headers: Record<string, string>

  beforeAll(async () => {
    shop = await openTestShop()
    sdk = shop.sdk
    headers = shop.headers
  })
  afterAll(async () => {
    await shop?.close()
  })

  const promotion = async (body: object) =>
    (await admin(shop.app, 'POST', '/admin/promotions', body)).promotion
  const promotions = () => shop.app.container.resolve<PromotionService>('promotionService')
  /** A US cart without an address: no tax, so the discounts read plainly. */
  const cartWith = async (items: Array<{ variant_id: string; quantity: number }>) =>
    (await sdk.store.cart.create({ region_id: shop.us, items })).cart
  const apply = async (cartId: string, code: string) =>
    (await sdk.store.cart.addPromotions(cartId, { promo_codes: [code] })).cart
  const adjustments = (cart: Awaited<ReturnType<typeof apply>>) =>
    cart.items?.map((item) => [
      item.variant_sku,
      item.adjustments?.map((adjustment) => adjustment.amount) ?? [],
    ])

  it('spreads a fixed amount off the order over the lines so the cents add up', async () => {
    await promotion({
      code: 'TENOFF',
      application_method: { type: 'fixed', value: 1000, currency_code: 'usd', target_type: 'order' },
    })
    const cart = await cartWith([
      { variant_id: shop.shirt.s, quantity: 1 },
      { variant_id: shop.mug.variant, quantity: 1 },
    ])
    const discounted = await apply(cart.id, 'TENOFF')
    // 1000 over 4500 and 1250: 782.6… and 217.3…, the spare cent to the larger remainder.
    expect(adjustments(discounted)).toEqual([
      ['SHIRT-S', [783]],
      ['MUG', [217]],
    ])
    expect(discounted).toMatchObject({ discount_total: 1000, item_total: 4750, total: 4750 })
    expect(discounted.promotions[0]).toMatchObject({
      code: 'TENOFF',
      is_automatic: false,
      application_method: { type: 'fixed', value: '1000', currency_code: 'usd' },
    })
  })

  it('takes a percentage off given products only', async () => {
    await promotion({
      code: 'SHIRTS20',
      application_method: {
        type: 'percentage',
        value: 20,
        target_type: 'items',
        product_ids: [shop.shirt.product],
      },
    })
    const cart = await cartWith([
      { variant_id: shop.shirt.m, quantity: 2 },
      { variant_id: shop.mug.variant, quantity: 1 },
    ])
    const discounted = await apply(cart.id, 'SHIRTS20')
    expect(adjustments(discounted)).toEqual([
      ['SHIRT-M', [1880]],
      ['MUG', []],
    ])
    expect(discounted.item_total).toBe(9400 + 1250 - 1880)
  })

  it('takes a percentage off a category, including the products of its subcategories', async () => {
    await promotion({
      code: 'APPAREL10',
      application_method: {
        type: 'percentage',
        value: 10,
        target_type: 'items',
        category_ids: [shop.apparel],
      },
    })
    const cart = await cartWith([
      { variant_id: shop.shirt.s, quantity: 1 },
      { variant_id: shop.mug.variant, quantity: 1 },
    ])
    expect(adjustments(await apply(cart.id, 'APPAREL10'))).toEqual([
      ['SHIRT-S', [450]],
      ['MUG', []],
    ])
  })

  it('takes a fixed amount off each unit, up to a maximum quantity', async () => {
    await promotion({
      code: 'MUGS3',
      application_method: {
        type: 'fixed',
        value: 300,
        currency_code: 'usd',
        target_type: 'items',
        allocation: 'each',
        max_quantity: 2,
        product_ids: [shop.mug.product],
      },
    })
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 3 }])
    expect(adjustments(await apply(cart.id, 'MUGS3'))).toEqual([['MUG', [600]]])
  })

  it('makes shipping free, and tax on shipping follows', async () => {
    await promotion({
      code: 'SHIPFREE',
      application_method: { type: 'percentage', value: 100, target_type: 'shipping_methods' },
    })
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    await sdk.store.cart.update(cart.id, { shipping_address: { country_code: 'us' } })
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: shop.expressUs })
    const discounted = await apply(cart.id, 'SHIPFREE')
    // Mug 12.50 + 5 % tax; express 15.00 off entirely, with its tax.
    expect(discounted.shipping_methods?.[0]?.adjustments?.map((adjustment) => adjustment.amount)).toEqual([
      1500,
    ])
    expect(discounted).toMatchObject({
      shipping_subtotal: 1500,
      shipping_total: 0,
      shipping_tax_total: 0,
      discount_total: 1575,
      total: 1250 + 63,
    })
  })

  it('discounts a tax-inclusive cart inside its prices', async () => {
    await promotion({
      code: 'EUROFF',
      application_method: { type: 'percentage', value: 50, target_type: 'order' },
    })
    const { cart } = await sdk.store.cart.create({
      region_id: shop.eu,
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
      shipping_address: { country_code: 'fr' },
    })
    const discounted = await apply(cart.id, 'EUROFF')
    // 11.90 with 20 % VAT, half off: 5.95 paid, of which 0.99 is VAT.
    expect(discounted).toMatchObject({
      item_total: 595,
      item_tax_total: 99,
      discount_total: 595,
      discount_tax_total: 99,
      original_item_total: 1190,
      total: 595,
    })
  })

  it('applies an automatic promotion without a code', async () => {
    await promotion({
      code: 'LAMPDAY',
      is_automatic: true,
      application_method: {
        type: 'fixed',
        value: 900,
        currency_code: 'usd',
        target_type: 'items',
        product_ids: [shop.lamp.product],
      },
    })
    const cart = await cartWith([{ variant_id: shop.lamp.variant, quantity: 1 }])
    expect(cart.promotions.map((promotion) => [promotion.code, promotion.is_automatic])).toEqual([
      ['LAMPDAY', true],
    ])
    expect(cart.item_total).toBe(8000)
    const other = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    expect(other.promotions).toEqual([])
  })

  it('refuses a code below its minimum subtotal, and drops it when the cart falls below again', async () => {
    await promotion({
      code: 'BIG50',
      min_subtotal: 5000,
      application_method: { type: 'fixed', value: 500, currency_code: 'usd', target_type: 'order' },
    })
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    const early = await shop.app.request('POST', `/store/carts/${cart.id}/promotions`, {
      headers,
      body: { promo_codes: ['BIG50'] },
    })
    expect(early.status).toBe(400)
    expect(early.body.message).toBe('The promotion code BIG50 needs an item subtotal of at least 50.00 USD')
    const { cart: bigger } = await sdk.store.cart.createLineItem(cart.id, {
      variant_id: shop.shirt.s,
      quantity: 1,
    })
    const discounted = await apply(bigger.id, 'BIG50')
    expect(discounted.discount_total).toBe(500)
    const shirtLine = discounted.items!.find((item) => item.variant_sku === 'SHIRT-S')!
    const { cart: smaller } = await sdk.store.cart.deleteLineItem(cart.id, shirtLine.id).then((answer) => ({
      cart: answer.parent!,
    }))
    expect([smaller.discount_total, smaller.promotions]).toEqual([0, []])
  })

  it('refuses an expired code, one not valid yet, an inactive one and one in another currency', async () => {
    const day = 24 * 3600 * 1000
    const method = { type: 'percentage', value: 5, target_type: 'order' }
    await promotion({
      code: 'GONE',
      ends_at: new Date(Date.now() - day).toISOString(),
      application_method: method,
    })
    await promotion({
      code: 'SOON',
      starts_at: new Date(Date.now() + day).toISOString(),
      application_method: method,
    })
    await promotion({ code: 'PAUSED', status: 'inactive', application_method: method })
    await promotion({
      code: 'EUROS',
      application_method: { type: 'fixed', value: 100, currency_code: 'eur', target_type: 'order' },
    })
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    for (const [code, reason] of [
      ['gone', 'has expired'],
      ['SOON', 'is not valid yet'],
      ['PAUSED', 'is not active'],
      ['EUROS', 'applies only to carts in EUR'],
    ]) {
      const response = await shop.app.request('POST', `/store/carts/${cart.id}/promotions`, {
        headers,
        body: { promo_codes: [code] },
      })
      expect([code, response.status, response.body.message]).toEqual([
        code,
        400,
        `The promotion code ${code!.toUpperCase()} ${reason}`,
      ])
    }
  })

  it('removes codes with DELETE /store/carts/:id/promotions', async () => {
    await promotion({
      code: 'BYE5',
      application_method: { type: 'percentage', value: 5, target_type: 'order' },
    })
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    expect((await apply(cart.id, 'BYE5')).discount_total).toBe(63)
    const { cart: after } = await sdk.store.cart.removePromotions(cart.id, { promo_codes: ['BYE5'] })
    expect([after.discount_total, after.promotions]).toEqual([0, []])
  })

  it('counts at most the usage limit when 20 orders register a promotion at once', async () => {
    const limited = await promotion({
      code: 'FIRST5',
      usage_limit: 5,
      application_method: { type: 'percentage', value: 5, target_type: 'order' },
    })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        shop.app.db.transaction((em) =>
          promotions().registerUsage(em, {
            promotions: [{ id: limited.id }],
            email: `shopper${i}@example.com`,
          }),
        ),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5)
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(
      refused.every((outcome) => (outcome as PromiseRejectedResult).reason instanceof PromotionLimitError),
    ).toBe(true)
    expect((await promotions().retrievePromotion(limited.id)).used).toBe(5)
    const cart = await cartWith([{ variant_id: shop.mug.variant, quantity: 1 }])
    const late = await shop.app.request('POST', `/store/carts/${cart.id}/promotions`, {
      headers,
      body: { promo_codes: ['FIRST5'] },
    })
    expect([late.status, late.body.message]).toEqual([
      400,
      'The promotion code FIRST5 has reached its usage limit',
    ])
  })

  it('counts at most the per-customer limit for one customer (or guest email) racing 20 times', async () => {
    const once = await promotion({
      code: 'ONCEEACH',
      limit_per_customer: 1,
      application_method: { type: 'percentage', value: 5, target_type: 'order' },
    })
    const race = (user: { customer_id?: string; email?: string }) =>
      Promise.allSettled(
        Array.from({ length: 20 }, () =>
          shop.app.db.transaction((em) =>
            promotions().registerUsage(em, { promotions: [{ id: once.id }], ...user }),
          ),
        ),
      )
    const byCustomer = await race({ customer_id: 'cus_ada', email: 'ada@example.com' })
    expect(byCustomer.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    const byEmail = await race({ email: 'Grace@Example.com' })
    expect(byEmail.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect((await promotions().retrievePromotion(once.id)).used).toBe(2)

    const { cart } = await sdk.store.cart.create({
      region_id: shop.us,
      email: 'grace@example.com',
      items: [{ variant_id: shop.mug.variant, quantity: 1 }],
    })
    const again = await shop.app.request('POST', `/store/carts/${cart.id}/promotions`, {
      headers,
      body: { promo_codes: ['ONCEEACH'] },
    })
    expect(again.status).toBe(400)
    expect(again.body.message).toContain('most times allowed per customer')
  })

  it('lets staff read promotions, taxes and shipping with read permission and change them only with write', async () => {
    const analyst = await shop.app.createStaff('analyst')
    const support = await shop.app.createStaff('support')
    for (const path of ['/admin/promotions', '/admin/tax-regions', '/admin/shipping-options']) {
      expect([path, (await shop.app.request('GET', path, { headers: analyst.headers })).status]).toEqual([
        path,
        200,
      ])
      expect([path, (await shop.app.request('GET', path, { headers: support.headers })).status]).toEqual([
        path,
        403,
      ])
    }
    const write = await shop.app.request('POST', '/admin/promotions', {
      headers: analyst.headers,
      body: { code: 'ANALYST', application_method: { type: 'percentage', value: 5, target_type: 'order' } },
    })
    expect(write.status).toBe(403)
    expect(write.body.message).toContain('promotion:write')
  })

  it('manages promotions through the Admin API, refusing bad terms and recording events', async () => {
    const bad: Array<[object, string]> = [
      [
        { code: 'X1', application_method: { type: 'percentage', value: 150, target_type: 'order' } },
        'at most 100',
      ],
      [
        { code: 'X2', application_method: { type: 'fixed', value: 100, target_type: 'order' } },
        'currency_code',
      ],
      [
        { code: 'X3', application_method: { type: 'percentage', value: 5, target_type: 'items' } },
        'product_ids',
      ],
      [
        { code: 'bad code!', application_method: { type: 'percentage', value: 5, target_type: 'order' } },
        'code',
      ],
      [
        { code: 'TENOFF', application_method: { type: 'percentage', value: 5, target_type: 'order' } },
        'already exists',
      ],
    ]
    for (const [body, message] of bad) {
      const response = await shop.app.request('POST', '/admin/promotions', {
        headers: shop.app.adminHeaders,
        body,
      })
      expect(response.status).toBe(400)
      expect(response.body.message).toContain(message)
    }
    const created = await promotion({
      code: 'spring',
      application_method: { type: 'percentage', value: 15, target_type: 'order' },
    })
    expect(created.code).toBe('SPRING')
    const updated = (
      await admin(shop.app, 'POST', `/admin/promotions/${created.id}`, { application_method: { value: 25 } })
    ).promotion
    expect(updated.application_method).toMatchObject({ type: 'percentage', value: 25 })
    expect((await admin(shop.app, 'GET', '/admin/promotions?code=SPRING')).count).toBe(1)
    await admin(shop.app, 'DELETE', `/admin/promotions/${created.id}`)
    expect((await admin(shop.app, 'GET', '/admin/promotions?code=SPRING')).count).toBe(0)
    const events = (await shop.app.db
      .knex()('event_outbox')
      .where('data', 'like', `%${created.id}%`)
      .orderBy('id')
      .select('name')) as Array<{ name: string }>
    expect(events.map((event) => event.name)).toEqual([
      'promotion.created',
      'promotion.updated',
      'promotion.deleted',
    ])
  })
})
