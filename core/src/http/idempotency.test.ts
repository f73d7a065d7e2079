// Idempotency-Key: a retried write gets the first answer and never runs twice, on SQLite or MySQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { generateId } from '../infra/ids'
import { ConflictError } from '../kernel/errors'
import { definePlugin } from '../kernel/plugin'
import { createTestApp, type TestApp } from '../testing'
import { defineRoute } from './route'

let runs = 0
let failNext = false

const placeOrder = defineRoute({
  method: 'post',
  path: '/store/test-orders',
  summary: 'Place an order (test)',
  idempotent: true,
  status: 201,
  body: z.object({ cart_id: z.string(), slow: z.boolean().default(false) }),
  response: z.object({ order: z.object({ id: z.string(), cart_id: z.string() }) }),
  handler: async ({ body }) => {
    runs++
    if (body.slow) await new Promise((resolve) => setTimeout(resolve, 300))
    if (failNext) {
      failNext = false
      throw new ConflictError('The payment provider is unavailable')
    }
    return { order: { id: generateId('order'), cart_id: body.cart_id } }
  },
})

describe('Idempotency-Key', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp({
      plugins: [definePlugin({ name: 'orders', register: (ctx) => ctx.addRoutes(placeOrder) })],
    })
  })
  afterAll(() => app.close())
  beforeEach(() => {
    runs = 0
  })

  const post = (key: string | undefined, body: object) =>
    app.request('POST', '/store/test-orders', { body, headers: key ? { 'idempotency-key': key } : {} })

  it('answers a retry with the first answer without running again', async () => {
    const first = await post('key-retry', { cart_id: 'cart_1' })
    const second = await post('key-retry', { cart_id: 'cart_1' })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(runs).toBe(1)
  })

  it('runs concurrent requests with one key once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post('key-race', { cart_id: 'cart_2', slow: true })),
    )
    expect(runs).toBe(1)
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(5)
    const replay = await post('key-race', { cart_id: 'cart_2', slow: true })
    expect(replay.body).toEqual(answers.find((answer) => answer.status === 201)!.body)
    expect(runs).toBe(1)
  })

  it('refuses the same key for a different request', async () => {
    await post('key-reused', { cart_id: 'cart_3' })
    const other = await post('key-reused', { cart_id: 'cart_4' })
    expect(other.status).toBe(422)
    expect(other.body.message).toMatch(/different request/)
    expect(runs).toBe(1)
  })

  it('keeps no answer when the write failed, so a retry runs again', async () => {
    failNext = true
    const failed = await post('key-failed', { cart_id: 'cart_5' })
    expect(failed.status).toBe(409)
    const retried = await post('key-failed', { cart_id: 'cart_5' })
    expect(retried.status).toBe(201)
    expect(runs).toBe(2)
  })

  it('runs every request that has no key, and refuses a malformed key', async () => {
    await post(undefined, { cart_id: 'cart_6' })
    await post(undefined, { cart_id: 'cart_6' })
    expect(runs).toBe(2)
    const bad = await post('x'.repeat(300), { cart_id: 'cart_6' })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/Idempotency-Key/)
  })
})
