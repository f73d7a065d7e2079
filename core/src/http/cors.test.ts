// CORS: each API (store, admin, auth) answers browsers only from the origins configured for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing'

describe('CORS', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp({
      config: { http: { storeCors: 'https://shop.example', adminCors: ['https://admin.example'] } },
    })
  })
  afterAll(() => app.close())

  const preflight = (path: string, origin: string) =>
    app.request('OPTIONS', path, {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })

  it('allows the storefront origin on the Store API', async () => {
    const response = await preflight('/store/carts', 'https://shop.example')
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
  })

  it('refuses the storefront origin on the Admin API, and unknown origins everywhere', async () => {
    expect(
      (await preflight('/admin/dead-letters', 'https://shop.example')).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull()
    expect(
      (await preflight('/store/carts', 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull()
    const admin = await preflight('/admin/dead-letters', 'https://admin.example')
    expect(admin.headers.get('access-control-allow-origin')).toBe('https://admin.example')
  })
})
