// The store's settings: one store with defaults until the merchant names it and picks its currencies.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../testing'
import { admin, adminCall, withSmallShop } from '../../testing/shop'

describe('store settings', () => {
  let app: TestApp
  withSmallShop((given) => {
    app = given.app
  }, false)

  it('has one store selling in USD before anyone sets it up', async () => {
    const [first, second] = await Promise.all([
      admin(app, 'GET', '/admin/stores'),
      admin(app, 'GET', '/admin/stores'),
    ])
    expect(first.count).toBe(1)
    expect(second.stores[0].id).toBe(first.stores[0].id)
    expect(first.stores[0]).toMatchObject({
      default_currency_code: 'usd',
      supported_currencies: [{ currency_code: 'usd', is_default: true }],
    })
  })

  it('takes a new name, currencies and default currency', async () => {
    const { stores } = await admin(app, 'GET', '/admin/stores')
    const { store } = await admin(app, 'POST', `/admin/stores/${stores[0].id}`, {
      name: 'Harbour Goods',
      supported_currencies: ['EUR', 'usd', 'gbp'],
      default_currency_code: 'eur',
    })
    expect(store).toMatchObject({
      name: 'Harbour Goods',
      default_currency_code: 'eur',
      supported_currencies: [
        { currency_code: 'eur', is_default: true },
        { currency_code: 'usd', is_default: false },
        { currency_code: 'gbp', is_default: false },
      ],
    })
    expect((await admin(app, 'GET', `/admin/stores/${store.id}`)).store.name).toBe('Harbour Goods')
  })

  it('refuses a default outside the supported currencies, unknown currencies and unknown stores', async () => {
    const { stores } = await admin(app, 'GET', '/admin/stores')
    const id = stores[0].id
    const cases: Array<[string, string, unknown, number, string]> = [
      [
        'POST',
        `/admin/stores/${id}`,
        { supported_currencies: ['usd'], default_currency_code: 'jpy' },
        400,
        'jpy',
      ],
      ['POST', `/admin/stores/${id}`, { supported_currencies: ['usd', 'xyz'] }, 400, 'xyz'],
      ['POST', `/admin/stores/${id}`, { supported_currencies: [] }, 400, 'supported_currencies'],
      ['POST', `/admin/stores/${id}`, { colour: 'blue' }, 400, 'colour'],
      ['GET', '/admin/stores/store_missing', undefined, 404, 'store_missing'],
      ['POST', '/admin/stores/store_missing', { name: 'x' }, 404, 'store_missing'],
      ['GET', '/admin/stores?limit=-1', undefined, 400, 'limit'],
    ]
    for (const [method, path, body, status, words] of cases) {
      const response = await adminCall(app, method, path, body)
      expect([method, path, response.status]).toEqual([method, path, status])
      expect(response.body.message).toContain(words)
    }
    expect((await admin(app, 'GET', `/admin/stores/${id}`)).store.default_currency_code).toBe('eur')
  })
})
