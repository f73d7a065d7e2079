// /ready says whether the database and Redis answer; /health only that the process is alive.
import { describe, expect, it } from 'vitest'
import { createTestApp } from '../testing'

describe('readiness', () => {
  it('answers 503 naming Redis when Redis does not answer, while /health stays 200', async () => {
    const app = await createTestApp({
      role: 'api',
      config: { redis: { url: 'redis://127.0.0.1:1' } },
    })
    try {
      expect((await app.request('GET', '/health')).status).toBe(200)
      const ready = await app.request('GET', '/ready')
      expect(ready.status).toBe(503)
      expect(ready.body).toMatchObject({
        type: 'service_unavailable',
        checks: { database: 'ok', redis: 'unreachable' },
      })
    } finally {
      await app.close()
    }
  })
})
