// Many shoppers changing their own carts at the same moment never get in each other's way: on MySQL
// and MariaDB, replacing a cart's rows (shipping method, address, lines) must not deadlock with
// another cart's (no gap locks: the connection runs at READ COMMITTED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestShop, type TestShop } from '../../testing/shop'

describe('concurrent carts', () => {
  let shop: TestShop

  beforeAll(async () => {
    shop = await openTestShop()
  })
  afterAll(async () => {
    await shop?.close()
  })

  it('lets 20 shoppers address their carts and choose shipping at once, every one answered 200', async () => {
    const carts = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const { cart } = await shop.sdk.store.cart.create({ region_id: shop.us, email: `s${n}@example.com` })
        await shop.sdk.store.cart.createLineItem(cart.id, { variant_id: shop.mug.variant, quantity: 1 })
        return cart.id
      }),
    )
    const address = { first_name: 'Ada', address_1: '1 Main St', city: 'New York', country_code: 'us' }
    const answers = await Promise.all(
      carts.map(async (id) => {
        const addressed = await shop.app.request('POST', `/store/carts/${id}`, {
          headers: shop.headers,
          body: { shipping_address: address },
        })
        const shipped = await shop.app.request('POST', `/store/carts/${id}/shipping-methods`, {
          headers: shop.headers,
          body: { option_id: shop.standardUs },
        })
        const replaced = await shop.app.request('POST', `/store/carts/${id}/shipping-methods`, {
          headers: shop.headers,
          body: { option_id: shop.expressUs },
        })
        return [addressed.status, shipped.status, replaced.status]
      }),
    )
    expect(answers.flat().filter((status) => status !== 200)).toEqual([])
    const methods = await shop.app.db.knex()('cart_shipping_method').whereIn('cart_id', carts)
    expect(methods.map((method) => method.shipping_option_id)).toEqual(carts.map(() => shop.expressUs))
  }, 60_000)
})
