// What checkout costs the database, pinned: a cart read and a cart completion each stay within a
// number of SQL queries, and a cart of five lines costs no more than one of two (no query per line).
// Only a request's own queries count: each request runs in an async context of its own, and the
// event relay (which runs after a commit, in the committing request's context) is stopped.
import { AsyncLocalStorage } from 'node:async_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { admin, readyCart, type Shop, seedShop } from '../../testing/shop'

/**
 * The most queries a cart read may make: the cart, its lines, shipping methods, promotion codes and
 * addresses, its payment collection and sessions, the lines' variants and the automatic promotions.
 * Region, tax rates and shipping options are kept in memory between their writes. (Before: 15.)
 */
const CART_READ_BUDGET = 9
/** The most queries completing a cart may make, its transactions' BEGIN and COMMIT included. (Before: 51.) */
const COMPLETION_BUDGET = 38

describe('checkout query budget', () => {
  let app: TestApp
  let shop: Shop
  const requestQueries = new AsyncLocalStorage<string[]>()
  const counted = new Map<string, string[]>()

  beforeAll(async () => {
    app = await createTestApp({ listen: false })
    // First in the chain, before the app listens: every request gets its own list of queries.
    app.http.middleware.unshift(async (koa, next) => {
      const queries: string[] = []
      counted.set(koa.get('x-count-as'), queries)
      await requestQueries.run(queries, next)
    })
    app.db.knex().on('query', (query: { sql: string }) => requestQueries.getStore()?.push(query.sql))
    await app.listen(0, '127.0.0.1')
    shop = await seedShop(app)
    await app.events.stop()
  })
  afterAll(async () => {
    await app.close()
  })

  async function queriesOf(label: string, method: string, path: string): Promise<string[]> {
    const response = await app.request(method, path, { headers: { ...shop.store, 'x-count-as': label } })
    expect(response.status).toBe(200)
    return counted.get(label)!
  }

  it('reads a cart within its query budget, whatever its number of lines', async () => {
    const small = await readyCart(app, shop)
    const variants = await Promise.all(
      ['A', 'B', 'C'].map(async (title) => {
        const { product } = await admin(app, 'POST', '/admin/products', {
          title: `Extra ${title}`,
          status: 'published',
          sales_channel_ids: [(await admin(app, 'GET', '/admin/sales-channels')).sales_channels[0].id],
          variants: [{ title, manage_inventory: false, prices: [{ currency_code: 'usd', amount: 700 }] }],
        })
        return product.variants[0].id as string
      }),
    )
    const large = await readyCart(app, shop, {
      items: [shop.shirt, shop.mug, ...variants].map((variant_id) => ({ variant_id, quantity: 1 })),
    })

    const smallRead = await queriesOf('small read', 'GET', `/store/carts/${small.id}`)
    const largeRead = await queriesOf('large read', 'GET', `/store/carts/${large.id}`)

    expect(smallRead.length).toBeGreaterThan(0)
    expect(smallRead.length, smallRead.join('\n')).toBeLessThanOrEqual(CART_READ_BUDGET)
    expect(largeRead.length, largeRead.join('\n')).toBe(smallRead.length)
  })

  it('completes a cart within its query budget', async () => {
    const cart = await readyCart(app, shop)

    const completion = await queriesOf('completion', 'POST', `/store/carts/${cart.id}/complete`)

    expect(completion.filter((sql) => /^insert into `order`/.test(sql))).toHaveLength(1)
    expect(completion.length, completion.join('\n')).toBeLessThanOrEqual(COMPLETION_BUDGET)
  })
})
