// One-time codes and rate limits, read from the local notification outbox as a shopper would read
// their inbox: sign-in codes by email and SMS, email verification, password reset; at most 5 guesses
// per code, expiry, resend cooldown, and 429s for fast repeated sign-in failures.
import Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeyValueStore } from '../../infra/kv'
import { createTestApp, eventually, type TestApp } from '../../testing'
import { sha256 } from './tokens'

describe('one-time codes and rate limits', () => {
  let app: TestApp
  let store: Record<string, string>

  beforeAll(async () => {
    app = await createTestApp()
    store = await app.storeHeaders()
  })
  afterAll(async () => {
    await app?.close()
  })

  /** The message whose subject matches, once it is in the local outbox for this address. */
  async function inbox(recipient: string, subject: RegExp) {
    return eventually(async () => {
      const response = await app.request(
        'GET',
        `/admin/notification-outbox?recipient=${encodeURIComponent(recipient)}`,
        { headers: app.adminHeaders },
      )
      const messages = response.body.messages as Array<{ subject: string | null; text: string }>
      return messages.find((message) => subject.test(message.subject ?? message.text))
    })
  }

  const SIGN_IN_CODE = /sign-in code|is your .* code/
  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!

  async function customer(email: string, password = 'a fine password', phone?: string) {
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email, password },
    })
    const created = await app.request('POST', '/store/customers', {
      body: phone ? { phone } : {},
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    return { id: created.body.customer.id as string, registrationToken: registration.body.token as string }
  }

  it('signs a customer in with a 6-digit code sent by email, kept only as a hash', async () => {
    const { id } = await customer('code@example.com')
    const requested = await app.request('POST', '/auth/customer/otp/request', {
      body: { email: 'code@example.com' },
    })
    expect(requested.status).toBe(200)
    const message = await inbox('code@example.com', SIGN_IN_CODE)
    const code = codeIn(message.text)
    const kv = app.container.resolve<KeyValueStore>('kv')
    const stored = await kv.get(`otp:sign-in:${sha256('code@example.com')}`)
    expect(stored).toBeDefined()
    expect(stored).not.toContain(code)
    // Valid for 10 minutes.
    const ttl = (await kv.ttl(`otp:sign-in:${sha256('code@example.com')}`))!
    expect(ttl).toBeGreaterThan(9 * 60_000)
    expect(ttl).toBeLessThanOrEqual(10 * 60_000)

    const verified = await app.request('POST', '/auth/customer/otp/verify', {
      body: { email: 'code@example.com', code },
    })
    expect(verified.status).toBe(200)
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${verified.body.token}` },
    })
    expect(me.body.customer.id).toBe(id)
    const reused = await app.request('POST', '/auth/customer/otp/verify', {
      body: { email: 'code@example.com', code },
    })
    expect(reused.status).toBe(401)
  })

  it('sends the code by SMS to a customer’s phone', async () => {
    await customer('texter@example.com', 'a fine password', '+4915112345678')
    await app.request('POST', '/auth/customer/otp/request', { body: { phone: '+4915112345678' } })
    const message = await inbox('+4915112345678', SIGN_IN_CODE)
    const verified = await app.request('POST', '/auth/customer/otp/verify', {
      body: { phone: '+4915112345678', code: codeIn(message.text) },
    })
    expect(verified.status).toBe(200)
  })

  it('answers a request for an unknown address exactly as for a known one', async () => {
    await customer('known-code@example.com')
    const known = await app.request('POST', '/auth/customer/otp/request', {
      body: { email: 'known-code@example.com' },
    })
    const unknown = await app.request('POST', '/auth/customer/otp/request', {
      body: { email: 'ghost@example.com' },
    })
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(unknown.text).toBe(known.text)
  })

  it('refuses a code after 5 wrong guesses, even the right one', async () => {
    await customer('guesser@example.com')
    await app.request('POST', '/auth/customer/otp/request', { body: { email: 'guesser@example.com' } })
    const message = await inbox('guesser@example.com', SIGN_IN_CODE)
    const code = codeIn(message.text)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let guess = 1; guess <= 5; guess++) {
      const response = await app.request('POST', '/auth/customer/otp/verify', {
        body: { email: 'guesser@example.com', code: wrong },
      })
      expect(response.status).toBe(401)
    }
    const right = await app.request('POST', '/auth/customer/otp/verify', {
      body: { email: 'guesser@example.com', code },
    })
    expect(right.status).toBe(401)
    expect(right.body.message).toMatch(/Too many wrong codes/)
  })

  it('refuses an expired code', async () => {
    await customer('late@example.com')
    await app.request('POST', '/auth/customer/otp/request', { body: { email: 'late@example.com' } })
    const message = await inbox('late@example.com', SIGN_IN_CODE)
    // The code's ten minutes pass: its record expires in the store.
    const kv = app.container.resolve<KeyValueStore>('kv')
    const key = `otp:sign-in:${sha256('late@example.com')}`
    await kv.set(key, (await kv.get(key))!, 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const response = await app.request('POST', '/auth/customer/otp/verify', {
      body: { email: 'late@example.com', code: codeIn(message.text) },
    })
    expect(response.status).toBe(401)
    expect(response.body.message).toMatch(/expired/)
  })

  it('makes a second request wait for the resend cooldown', async () => {
    await app.request('POST', '/auth/customer/otp/request', { body: { email: 'impatient@example.com' } })
    const again = await app.request('POST', '/auth/customer/otp/request', {
      body: { email: 'impatient@example.com' },
    })
    expect(again.status).toBe(429)
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('verifies the email with the code sent after registration', async () => {
    await customer('verify@example.com')
    const verification = await inbox('verify@example.com', /Confirm your email/)
    const signIn = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'verify@example.com', password: 'a fine password' },
    })
    const confirmed = await app.request('POST', '/auth/verification/confirm', {
      body: { code: codeIn(verification.text) },
      headers: { authorization: `Bearer ${signIn.body.token}` },
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toEqual({ entity_id: 'verify@example.com', entity_type: 'email', verified: true })
  })

  it('resets a password through the emailed link, once, and never says whether the account exists', async () => {
    await customer('forgetful@example.com', 'old password 1')
    const known = await app.request('POST', '/auth/customer/emailpass/reset-password', {
      body: { identifier: 'forgetful@example.com' },
    })
    const unknown = await app.request('POST', '/auth/customer/emailpass/reset-password', {
      body: { identifier: 'nobody-here@example.com' },
    })
    expect(known.status).toBe(201)
    expect(unknown.status).toBe(201)
    expect(unknown.text).toBe(known.text)
    const reset = await inbox('forgetful@example.com', /Reset your/)
    const token = decodeURIComponent(/token=([^\s&]+)/.exec(reset.text)![1]!)

    const updated = await app.request('POST', '/auth/customer/emailpass/update', {
      body: { password: 'new password 2' },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(updated.status).toBe(200)
    const again = await app.request('POST', '/auth/customer/emailpass/update', {
      body: { password: 'third password 3' },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(again.status).toBe(401)
    const oldPassword = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'forgetful@example.com', password: 'old password 1' },
    })
    expect(oldPassword.status).toBe(401)
    const newPassword = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'forgetful@example.com', password: 'new password 2' },
    })
    expect(newPassword.status).toBe(200)
  })

  it('asks for an emailed code after the password once the second factor is on', async () => {
    const email = 'careful@example.com'
    await customer(email, 'careful password')
    const signIn = () =>
      app.request('POST', '/auth/customer/emailpass', { body: { email, password: 'careful password' } })
    const headers = { authorization: `Bearer ${(await signIn()).body.token}` }
    const unverified = await app.request('POST', '/auth/customer/second-factor', {
      body: { enabled: true },
      headers,
    })
    expect(unverified.status).toBe(400)
    expect(unverified.body.message).toMatch(/Verify your email/)
    const verification = await inbox(email, /Confirm your email/)
    await app.request('POST', '/auth/verification/confirm', {
      body: { code: codeIn(verification.text) },
      headers,
    })
    const enabled = await app.request('POST', '/auth/customer/second-factor', {
      body: { enabled: true },
      headers,
    })
    expect(enabled.body).toEqual({ second_factor: 'email' })

    // The Medusa JS SDK sees the challenge, and completes it with the code from the inbox.
    const sdk = new Medusa({ baseUrl: app.url(), auth: { type: 'jwt', jwtTokenStorageMethod: 'memory' } })
    const challenged = (await sdk.auth.login('customer', 'emailpass', {
      email,
      password: 'careful password',
    })) as {
      mfa_required: boolean
      mfa_challenge: { id: string }
      token: string
    }
    expect(challenged.mfa_required).toBe(true)
    const halfway = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${challenged.token}` },
    })
    expect(halfway.status).toBe(401)
    const code = await inbox(email, SIGN_IN_CODE)
    const token = await sdk.auth.mfa.verifyChallenge(challenged.mfa_challenge.id, {
      method: 'email' as never,
      code: codeIn(code.text),
    })
    const me = await app.request('GET', '/store/customers/me', {
      headers: { ...store, authorization: `Bearer ${token}` },
    })
    expect(me.body.customer.email).toBe(email)
  })

  it('answers 429 with Retry-After to 20 fast sign-in failures', async () => {
    await customer('target@example.com')
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await app.request('POST', '/auth/customer/emailpass', {
        body: { email: 'target@example.com', password: `guess number ${attempt}` },
      })
      statuses.push(response.status)
      if (response.status === 429) retryAfter = response.headers.get('retry-after')
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // Even the right password waits until the window passes.
    const right = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'target@example.com', password: 'a fine password' },
    })
    expect(right.status).toBe(429)
  })
})

describe('rate limits per IP address', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp({ config: { auth: { ipRateLimit: 5 } } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('limits sign-in attempts from one address across many accounts', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await app.request('POST', '/auth/customer/emailpass', {
        body: { email: `someone${attempt}@example.com`, password: 'whatever it is' },
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429])
  })

  it('limits registrations and code requests from one address', async () => {
    const registrations: number[] = []
    const codes: number[] = []
    for (let attempt = 0; attempt < 7; attempt++) {
      registrations.push(
        (
          await app.request('POST', '/auth/customer/emailpass/register', {
            body: { email: `new${attempt}@example.com`, password: 'long enough pw' },
          })
        ).status,
      )
      codes.push(
        (
          await app.request('POST', '/auth/customer/otp/request', {
            body: { email: `c${attempt}@example.com` },
          })
        ).status,
      )
    }
    expect(registrations).toEqual([200, 200, 200, 200, 200, 429, 429])
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429])
  })
})
