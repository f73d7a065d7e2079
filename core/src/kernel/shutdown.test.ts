// Graceful shutdown: requests in flight finish, new connections are refused.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestApp } from '../testing'
import { definePlugin } from './plugin'

describe('shutdown', () => {
  it('lets a request in flight finish, then stops listening', async () => {
    let entered!: () => void
    const inside = new Promise<void>((resolve) => {
      entered = resolve
    })
    const slow = definePlugin({
      name: 'slow',
      register: (ctx) =>
        ctx.addRoutes({
          method: 'get',
          path: '/store/slow',
          summary: 'Takes its time',
          response: z.object({ done: z.boolean() }),
          handler: async () => {
            entered()
            await new Promise((resolve) => setTimeout(resolve, 400))
            return { done: true }
          },
        }),
    })
    const app = await createTestApp({ plugins: [slow] })
    const url = app.url()
    const inFlight = app.request('GET', '/store/slow')
    await inside
    const closing = app.close()

    const response = await inFlight
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ done: true })
    await closing
    await expect(fetch(`${url}/health`)).rejects.toThrow()
  })
})
