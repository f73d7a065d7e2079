// "Sign in with Google" end to end against a local fake of Google's OpenID Connect server: the
// authorization URL carries state and a PKCE challenge, the callback signs the shopper in, and a
// forged state, a replayed code and an unverified email are refused; an existing account is linked.
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { type FakeOidcServer, startFakeOidc } from '@shopwright/core/testing/fake-oidc'
import { itProvesVerifiedEmails } from '@shopwright/core/testing/oidc-email-proofs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import google from './index'

const client = { clientId: 'shop-client.apps.example', clientSecret: 'google-client-secret' }

describe('sign in with Google', () => {
  let fake: FakeOidcServer
  let app: TestApp
  let store: Record<string, string>

  beforeAll(async () => {
    fake = await startFakeOidc({ ...client, clientAuth: 'basic' })
    app = await createTestApp({
      plugins: [
        [
          google,
          {
            ...client,
            authorizationEndpoint: `${fake.url}/authorize`,
            tokenEndpoint: `${fake.url}/token`,
            jwksUrl: `${fake.url}/jwks`,
            issuer: fake.url,
          },
        ],
      ],
    })
    store = await app.storeHeaders()
  })
  afterAll(async () => {
    await app?.close()
    await fake?.close()
  })

  /** Starts a sign-in at the store and consents at the fake Google: answers the callback URL. */
  async function consent(user: Parameters<FakeOidcServer['signInAs']>[0]) {
    const started = await app.request('POST', '/auth/customer/google')
    expect(started.status).toBe(200)
    fake.signInAs(user)
    const back = await fake.authorize(started.body.location)
    return { back, location: new URL(started.body.location) }
  }

  async function callback(back: URL) {
    return app.request('GET', `${back.pathname}${back.search}`)
  }

  it('sends the shopper to Google with state and an S256 PKCE challenge', async () => {
    const { location } = await consent({ sub: 'g-0', email: 'look@example.com', email_verified: true })
    expect(location.origin + location.pathname).toBe(`${fake.url}/authorize`)
    expect(location.searchParams.get('client_id')).toBe(client.clientId)
    expect(location.searchParams.get('state')).toMatch(/^st_/)
    expect(location.searchParams.get('code_challenge_method')).toBe('S256')
    expect(location.searchParams.get('redirect_uri')).toBe(`${app.url()}/auth/customer/google/callback`)
    expect(location.searchParams.get('scope')).toBe('openid email profile')
  })

  it('signs a new shopper in and creates their account from the verified ID token', async () => {
    const { back } = await consent({
      sub: 'g-1',
      email: 'Jane@Example.com',
      email_verified: true,
      given_name: 'Jane',
      family_name: 'Doe',
    })
    const signedIn = await callback(back)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.refresh_token).toMatch(/^rt_/)
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${signedIn.body.token}` },
    })
    expect(me.body.customer).toMatchObject({
      email: 'jane@example.com',
      first_name: 'Jane',
      last_name: 'Doe',
    })
    // The code went to Google's token endpoint with its PKCE verifier.
    expect(fake.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^cv_/)
  })

  it('refuses a forged state', async () => {
    const { back } = await consent({ sub: 'g-2', email: 'forge@example.com', email_verified: true })
    back.searchParams.set('state', 'st_forged-by-an-attacker')
    const response = await callback(back)
    expect(response.status).toBe(401)
    expect(response.body.message).toMatch(/state/)
  })

  it('refuses a replayed callback and a replayed code', async () => {
    const { back } = await consent({ sub: 'g-3', email: 'replay@example.com', email_verified: true })
    expect((await callback(back)).status).toBe(200)
    const replayed = await callback(back)
    expect(replayed.status).toBe(401)
    // The same code under a fresh state: Google refuses it, so does the store.
    const { back: fresh } = await consent({ sub: 'g-3', email: 'replay@example.com', email_verified: true })
    fresh.searchParams.set('code', back.searchParams.get('code')!)
    const reusedCode = await callback(fresh)
    expect(reusedCode.status).toBe(401)
    expect(reusedCode.body.message).toMatch(/did not accept the sign-in code/)
  })

  it('refuses an email that Google has not verified', async () => {
    const { back } = await consent({ sub: 'g-4', email: 'unverified@example.com', email_verified: false })
    const response = await callback(back)
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/not verified/)
  })

  it('links an existing account with the same verified email instead of making a second one', async () => {
    const password = 'my own password'
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'linked@example.com', password },
    })
    const existing = await app.request('POST', '/store/customers', {
      body: { first_name: 'Lin' },
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    const { back } = await consent({ sub: 'g-5', email: 'linked@example.com', email_verified: true })
    const signedIn = await callback(back)
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${signedIn.body.token}` },
    })
    expect(me.body.customer.id).toBe(existing.body.customer.id)
    const customers = await app.request('GET', '/admin/customers?email=linked@example.com', {
      headers: app.adminHeaders,
    })
    expect(customers.body.count).toBe(1)
    // Both ways still sign in as the same customer.
    const withPassword = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'linked@example.com', password },
    })
    expect(withPassword.status).toBe(200)
  })

  itProvesVerifiedEmails({ name: 'Google', prefix: 'google' }, () => ({
    app,
    store,
    signIn: async (user) => callback((await consent(user)).back),
  }))
})
