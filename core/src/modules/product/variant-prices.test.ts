// A variant's own prices through the Admin API, as Medusa's admin edits them: listed whole (quantity
// tiers and region prices too), and saved as a set where a price sent with its id is kept and updated,
// one without is added, and one left out is removed.
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, withSmallShop } from '../../testing/shop'
import type { adminPriceSchema } from './schemas'

type AdminPrice = z.infer<typeof adminPriceSchema>

describe("a variant's prices in the Admin API", () => {
  let app: TestApp
  let shop: SmallShop
  withSmallShop((given) => ({ app, shop } = given))

  const pricesOf = async (): Promise<AdminPrice[]> =>
    (await admin(app, 'GET', `/admin/products/${shop.product}/variants?id=${shop.variant}`)).variants[0]
      .prices

  it('lists every own price of a variant, tiers and region prices too', async () => {
    await admin(app, 'POST', `/admin/products/${shop.product}/variants/${shop.variant}`, {
      prices: [
        ...(await pricesOf()).map(({ id, currency_code, amount, min_quantity }) => ({
          id,
          currency_code,
          amount,
          min_quantity,
        })),
        { currency_code: 'eur', amount: 850, region_id: shop.eu },
      ],
    })
    const prices = await pricesOf()
    expect(prices.map(({ id: _, ...price }) => price).sort((a, b) => a.amount - b.amount)).toEqual([
      { currency_code: 'usd', amount: 800, region_id: null, min_quantity: 10, max_quantity: null },
      { currency_code: 'eur', amount: 850, region_id: shop.eu, min_quantity: null, max_quantity: null },
      { currency_code: 'eur', amount: 900, region_id: null, min_quantity: null, max_quantity: null },
      { currency_code: 'usd', amount: 1000, region_id: null, min_quantity: null, max_quantity: null },
    ])
  })

  it('updates a price sent with its id in place, and removes those left out', async () => {
    const before = await pricesOf()
    const usd = before.find((price) => price.currency_code === 'usd' && price.min_quantity === null)!
    const tier = before.find((price) => price.min_quantity === 10)!
    await admin(app, 'POST', `/admin/products/${shop.product}/variants/${shop.variant}`, {
      prices: [
        { ...usd, amount: 1200 },
        { ...tier, max_quantity: 49 },
      ],
    })
    const after = await pricesOf()
    expect(after).toHaveLength(2)
    expect(after.find((price) => price.id === usd.id)).toMatchObject({ amount: 1200, min_quantity: null })
    expect(after.find((price) => price.id === tier.id)).toMatchObject({ amount: 800, max_quantity: 49 })
  })

  it('refuses a price id that is not one of the variant’s own, changing nothing', async () => {
    const before = await pricesOf()
    const response = await adminCall(
      app,
      'POST',
      `/admin/products/${shop.product}/variants/${shop.variant}`,
      {
        prices: [{ id: 'price_not_this_variants', currency_code: 'usd', amount: 1 }],
      },
    )
    expect(response.status).toBe(400)
    expect(response.body.message).toBe(
      `Price price_not_this_variants is not a price of variant ${shop.variant}, or is given twice`,
    )
    expect(await pricesOf()).toEqual(before)
  })
})
