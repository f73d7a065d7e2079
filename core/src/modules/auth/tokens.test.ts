// Access tokens that must be refused: no algorithm, a wrong signature, another audience, expired.
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import type { TokenClaims, TokenSigner } from './tokens'

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('access tokens', () => {
  let app: TestApp
  let signer: TokenSigner
  let claims: TokenClaims
  let store: Record<string, string>

  beforeAll(async () => {
    app = await createTestApp()
    store = await app.storeHeaders()
    signer = app.container.resolve<TokenSigner>('tokenSigner')
    const email = 'token-holder@example.com'
    const password = 'a long password'
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email, password },
    })
    const created = await app.request('POST', '/store/customers', {
      body: {},
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    const signIn = await app.request('POST', '/auth/customer/emailpass', { body: { email, password } })
    claims = await signer.verify(signIn.body.token, ['customer'])
    expect(claims.actor_id).toBe(created.body.customer.id)
  })
  afterAll(async () => {
    await app?.close()
  })

  async function me(token: string) {
    return app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${token}` },
    })
  }

  it('accepts a token the store signed, for a customer', async () => {
    const response = await me(await signer.sign(claims, 'customer', 60))
    expect(response.status).toBe(200)
  })

  it('refuses a token with alg none', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      ...claims,
      iss: 'shopwright',
      aud: 'shopwright:customer',
      exp: Math.floor(Date.now() / 1000) + 600,
    })}.`
    const response = await me(unsigned)
    expect(response.status).toBe(401)
    expect(response.body.message).toMatch(/not valid/)
  })

  it('refuses a token signed with another secret', async () => {
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('shopwright')
      .setAudience('shopwright:customer')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-secret-that-is-not-the-stores-secret-at-all'))
    expect((await me(forged)).status).toBe(401)
  })

  it('refuses a token made for another audience (a password reset, or staff)', async () => {
    const reset = await me(await signer.sign(claims, 'password-reset', 600))
    expect(reset.status).toBe(401)
    expect(reset.body.message).toMatch(/aud/)
    const staff = await me(await signer.sign({ ...claims, actor_type: 'user' }, 'user', 600))
    expect(staff.status).toBe(401)
  })

  it('refuses an expired token, saying it expired', async () => {
    const response = await me(await signer.sign(claims, 'customer', -60))
    expect(response.status).toBe(401)
    expect(response.body.message).toMatch(/expired/)
  })

  it('asks a guest to sign in for customers/me', async () => {
    const response = await app.request('GET', '/store/customers/me', { headers: store })
    expect(response.status).toBe(401)
    expect(response.body.message).toMatch(/Sign in/)
  })
})
