// "Sign in with LinkedIn" end to end against a local fake of LinkedIn's OpenID Connect endpoints
// (client secret in the token form, identity from userinfo): sign-in, a forged state, a replayed
// code, an unverified email, and linking to an existing account.
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { type FakeOidcServer, startFakeOidc } from '@shopwright/core/testing/fake-oidc'
import { itProvesVerifiedEmails } from '@shopwright/core/testing/oidc-email-proofs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import linkedin from './index'

const client = { clientId: 'linkedin-client', clientSecret: 'linkedin-client-secret' }

describe('sign in with LinkedIn', () => {
  let fake: FakeOidcServer
  let app: TestApp
  let store: Record<string, string>

  beforeAll(async () => {
    fake = await startFakeOidc({ ...client, clientAuth: 'body' })
    app = await createTestApp({
      plugins: [
        [
          linkedin,
          {
            ...client,
            authorizationEndpoint: `${fake.url}/authorize`,
            tokenEndpoint: `${fake.url}/token`,
            userinfoEndpoint: `${fake.url}/userinfo`,
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

  async function consent(user: Parameters<FakeOidcServer['signInAs']>[0]) {
    const started = await app.request('POST', '/auth/customer/linkedin')
    fake.signInAs(user)
    return { back: await fake.authorize(started.body.location), location: new URL(started.body.location) }
  }

  const callback = (back: URL) => app.request('POST', `${back.pathname}${back.search}`)

  it('signs a member in through the code and userinfo, asking for the OpenID scopes', async () => {
    const { back, location } = await consent({
      sub: 'li-1',
      email: 'member@example.com',
      email_verified: true,
      given_name: 'Mem',
    })
    expect(location.searchParams.get('scope')).toBe('openid profile email')
    expect(location.searchParams.get('state')).toBe(back.searchParams.get('state'))
    const signedIn = await callback(back)
    expect(signedIn.status).toBe(200)
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${signedIn.body.token}` },
    })
    expect(me.body.customer).toMatchObject({ email: 'member@example.com', first_name: 'Mem' })
    expect(fake.tokenRequests.at(-1)?.get('client_secret')).toBe(client.clientSecret)
  })

  it('refuses a forged state', async () => {
    const { back } = await consent({ sub: 'li-2', email: 'forged@example.com', email_verified: true })
    back.searchParams.set('state', 'st_not-ours')
    expect((await callback(back)).status).toBe(401)
  })

  it('refuses a replayed code', async () => {
    const { back } = await consent({ sub: 'li-3', email: 'twice@example.com', email_verified: true })
    expect((await callback(back)).status).toBe(200)
    const { back: fresh } = await consent({ sub: 'li-3', email: 'twice@example.com', email_verified: true })
    fresh.searchParams.set('code', back.searchParams.get('code')!)
    const replayed = await callback(fresh)
    expect(replayed.status).toBe(401)
  })

  it('refuses an email LinkedIn has not verified', async () => {
    const { back } = await consent({ sub: 'li-4', email: 'maybe@example.com', email_verified: false })
    const response = await callback(back)
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/linkedin has not verified/)
  })

  it('links the member to the existing account with the same email', async () => {
    const first = await callback(
      (await consent({ sub: 'li-5', email: 'same@example.com', email_verified: true })).back,
    )
    const otherSub = await callback(
      (await consent({ sub: 'li-6', email: 'same@example.com', email_verified: true })).back,
    )
    const ids = await Promise.all(
      [first, otherSub].map(async (signedIn) => {
        const me = await app.request('GET', '/store/customers/me', {
          headers: { ...store, authorization: `Bearer ${signedIn.body.token}` },
        })
        return me.body.customer.id
      }),
    )
    expect(ids[0]).toBe(ids[1])
  })

  itProvesVerifiedEmails({ name: 'LinkedIn', prefix: 'linkedin' }, () => ({
    app,
    store,
    signIn: async (user) => callback((await consent(user)).back),
  }))
})
