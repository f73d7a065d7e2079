// The demo's first owner: created once with a fresh password that signs in to the Admin API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing'
import { seedDemoAdmin } from './demo-admin'

describe('demo admin', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('creates an owner whose printed sign-in works, and only once', async () => {
    const admin = (await seedDemoAdmin(app))!
    expect(admin.password.length).toBeGreaterThanOrEqual(12)
    const signIn = await app.request('POST', '/auth/user/emailpass', { body: admin })
    expect(signIn.status).toBe(200)
    const me = await app.request('GET', '/admin/users/me', {
      headers: { authorization: `Bearer ${signIn.body.token}` },
    })
    expect(me.body.user.role).toBe('owner')
    expect(await seedDemoAdmin(app)).toBeUndefined()
  })
})
