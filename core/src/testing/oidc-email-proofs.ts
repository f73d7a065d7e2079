// The email-proof behaviour every outside sign-in provider (Google, LinkedIn) must have, as tests each
// plugin's suite runs: an email the provider verified proves the shopper owns it (so the order module
// gives them their guest orders), at the first sign-in and each one after; an unverified one proves
// nothing.
import { expect, it } from 'vitest'
import { AuthEvents, type EmailVerified } from '../modules/auth/events'
import type { FakeUser } from './fake-oidc'
import { recordedEvents, type TestApp } from './index'

export interface OidcSignIn {
  app: TestApp
  store: Record<string, string>
  /** Starts the sign-in, consents as `user` at the fake provider, and answers the provider's callback. */
  signIn(user: FakeUser): Promise<{ status: number; body: any }>
}

/** Defines the email-proof tests for a provider; `given` is read when the tests run, after beforeAll. */
export function itProvesVerifiedEmails(provider: { name: string; prefix: string }, given: () => OidcSignIn) {
  const proofsOf = async (app: TestApp, email: string) =>
    (await recordedEvents<EmailVerified>(app, AuthEvents.emailVerified)).filter(
      (proof) => proof.email === email,
    )

  it(`counts an email ${provider.name} verified as proven, at the first sign-in and at each one after`, async () => {
    const { app, store, signIn } = given()
    const email = `proven.${provider.prefix}@example.com`
    const shopper = { sub: `${provider.prefix}-proof`, email: email.toUpperCase(), email_verified: true }
    const first = await signIn(shopper)
    const again = await signIn(shopper)
    expect([first.status, again.status]).toEqual([200, 200])
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${again.body.token}` },
    })

    const proof = { actor_type: 'customer', actor_id: me.body.customer.id, email }
    expect(await proofsOf(app, email)).toEqual([
      expect.objectContaining(proof),
      expect.objectContaining(proof),
    ])
  })

  it(`records no proof of an email ${provider.name} has not verified`, async () => {
    const { app, signIn } = given()
    const email = `unproven.${provider.prefix}@example.com`

    expect((await signIn({ sub: `${provider.prefix}-unproven`, email, email_verified: false })).status).toBe(
      400,
    )
    expect(await proofsOf(app, email)).toEqual([])
  })
}
