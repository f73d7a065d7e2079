// A shopper's account through the Store API, as a Medusa storefront drives it with the Medusa JS SDK:
// register, sign in, read and change the profile and addresses, refresh the token. And what a
// customer must not do: reach another customer's data, any admin route, or fields they may not set.
import Medusa from '@medusajs/js-sdk'
import type { HttpTypes } from '@medusajs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'

describe('customer accounts through the Store API', () => {
  let app: TestApp
  let store: Record<string, string>

  beforeAll(async () => {
    app = await createTestApp()
    store = await app.storeHeaders()
  })
  afterAll(async () => {
    await app?.close()
  })

  function sdk() {
    return new Medusa({
      baseUrl: app.url(),
      publishableKey: store['x-publishable-api-key'],
      auth: { type: 'jwt', jwtTokenStorageMethod: 'memory' },
    })
  }

  /** Registers and signs in a customer through the Store API; answers their access token. */
  async function signedUpCustomer(email: string, password = 'correct horse battery') {
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email, password },
    })
    const created = await app.request('POST', '/store/customers', {
      body: { first_name: 'Ada' },
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    expect(created.status).toBe(200)
    const signIn = await app.request('POST', '/auth/customer/emailpass', { body: { email, password } })
    return {
      id: created.body.customer.id as string,
      token: signIn.body.token as string,
      refresh: signIn.body.refresh_token as string,
      headers: { ...store, authorization: `Bearer ${signIn.body.token}` },
    }
  }

  it('registers, signs in, reads customers/me and refreshes the token with the Medusa JS SDK', async () => {
    const medusa = sdk()
    await medusa.auth.register('customer', 'emailpass', {
      email: 'ada@example.com',
      password: 'analytical-engine',
    })
    const { customer: created } = await medusa.store.customer.create({
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
    })
    expect(created).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', addresses: [] })

    const token = await medusa.auth.login('customer', 'emailpass', {
      email: 'Ada@Example.com',
      password: 'analytical-engine',
    })
    expect(typeof token).toBe('string')
    const { customer } = await medusa.store.customer.retrieve()
    const typed: HttpTypes.StoreCustomer = customer
    expect(typed).toMatchObject({ id: created.id, last_name: 'Lovelace', default_billing_address_id: null })

    const refreshed = await medusa.auth.refresh()
    expect(refreshed.token).toEqual(expect.any(String))
    const again = await medusa.store.customer.retrieve()
    expect(again.customer.id).toBe(created.id)
  })

  it('keeps addresses with one default each, through the SDK', async () => {
    const medusa = sdk()
    await medusa.auth.register('customer', 'emailpass', {
      email: 'grace@example.com',
      password: 'cobol-compiler',
    })
    await medusa.store.customer.create({ email: 'grace@example.com' })
    await medusa.auth.login('customer', 'emailpass', {
      email: 'grace@example.com',
      password: 'cobol-compiler',
    })
    const home = await medusa.store.customer.createAddress({
      address_1: '1 Navy Way',
      city: 'Arlington',
      country_code: 'US',
      is_default_shipping: true,
    })
    const homeId = home.customer.addresses[0]!.id
    const office = await medusa.store.customer.createAddress({
      address_1: '2 Pentagon',
      is_default_shipping: true,
    })
    expect(office.customer.addresses).toHaveLength(2)
    const officeId = office.customer.addresses.find((address) => address.id !== homeId)!.id
    expect(office.customer.default_shipping_address_id).toBe(officeId)
    expect(office.customer.addresses.find((address) => address.id === homeId)?.is_default_shipping).toBe(
      false,
    )

    const { addresses, count } = await medusa.store.customer.listAddress()
    expect(count).toBe(2)
    expect(addresses.find((address) => address.id === homeId)?.country_code).toBe('us')

    const removed = await medusa.store.customer.deleteAddress(homeId)
    expect(removed).toMatchObject({ id: homeId, deleted: true })
    expect(removed.parent?.addresses).toHaveLength(1)
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    await signedUpCustomer('known@example.com')
    const wrong = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'known@example.com', password: 'not the password' },
    })
    const unknown = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'nobody@example.com', password: 'not the password' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
  })

  it('answers registration for a taken email as for a new one, and the token completes nothing', async () => {
    await signedUpCustomer('taken@example.com')
    const taken = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'taken@example.com', password: 'another password' },
    })
    const fresh = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'fresh@example.com', password: 'another password' },
    })
    expect(taken.status).toBe(fresh.status)
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body))
    const hijack = await app.request('POST', '/store/customers', {
      body: {},
      headers: { ...store, authorization: `Bearer ${taken.body.token}` },
    })
    expect(hijack.status).toBe(401)
    // The real account still signs in with its own password only.
    const attacker = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'taken@example.com', password: 'another password' },
    })
    expect(attacker.status).toBe(401)
  })

  it('refuses a password shorter than 8 characters, saying so', async () => {
    const response = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'short@example.com', password: 'seven77' },
    })
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/at least 8 characters/)
  })

  it('rotates refresh tokens, and a reused one signs the whole session out', async () => {
    const customer = await signedUpCustomer('rotate@example.com')
    const first = await app.request('POST', '/auth/token/refresh', {
      body: { refresh_token: customer.refresh },
    })
    expect(first.status).toBe(200)
    expect(first.body.refresh_token).not.toBe(customer.refresh)
    const second = await app.request('POST', '/auth/token/refresh', {
      body: { refresh_token: first.body.refresh_token },
    })
    expect(second.status).toBe(200)

    const replay = await app.request('POST', '/auth/token/refresh', {
      body: { refresh_token: customer.refresh },
    })
    expect(replay.status).toBe(401)
    expect(replay.body.message).toMatch(/already used/)
    // The newest token of the family, never used, is revoked with the rest.
    const newest = await app.request('POST', '/auth/token/refresh', {
      body: { refresh_token: second.body.refresh_token },
    })
    expect(newest.status).toBe(401)
    const byAccessToken = await app.request('POST', '/auth/token/refresh', {
      headers: { authorization: `Bearer ${second.body.token}` },
    })
    expect(byAccessToken.status).toBe(401)
  })

  it('keeps a cookie session until it is deleted', async () => {
    const customer = await signedUpCustomer('cookie@example.com')
    const started = await app.request('POST', '/auth/session', { headers: customer.headers })
    expect(started.status).toBe(200)
    const cookie = started.headers.get('set-cookie')!.split(';')[0]!
    expect(started.headers.get('set-cookie')).toMatch(/httponly/i)
    const me = await app.request('GET', '/store/customers/me', { headers: { ...store, cookie } })
    expect(me.body.customer.id).toBe(customer.id)
    const ended = await app.request('DELETE', '/auth/session', { headers: { ...store, cookie } })
    expect(ended.status).toBe(200)
    const after = await app.request('GET', '/store/customers/me', { headers: { ...store, cookie } })
    expect(after.status).toBe(401)
  })

  it('does not let a customer reach another customer’s profile or addresses', async () => {
    const alice = await signedUpCustomer('alice@example.com')
    const mallory = await signedUpCustomer('mallory@example.com')
    const added = await app.request('POST', '/store/customers/me/addresses', {
      body: { address_1: 'Alice Street 1' },
      headers: alice.headers,
    })
    const aliceAddress = added.body.customer.addresses[0].id

    const me = await app.request('GET', '/store/customers/me', { headers: mallory.headers })
    expect(me.body.customer.id).toBe(mallory.id)
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { address_1: 'Stolen' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await app.request(method, `/store/customers/me/addresses/${aliceAddress}`, {
        body,
        headers: mallory.headers,
      })
      expect(response.status).toBe(404)
    }
    const list = await app.request('GET', '/store/customers/me/addresses', { headers: mallory.headers })
    expect(list.body.count).toBe(0)
    const still = await app.request('GET', `/store/customers/me/addresses/${aliceAddress}`, {
      headers: alice.headers,
    })
    expect(still.body.address.address_1).toBe('Alice Street 1')
  })

  it('does not let a customer set has_account, another id or group membership', async () => {
    const customer = await signedUpCustomer('sneaky@example.com')
    for (const field of [
      { has_account: false },
      { id: 'cus_someone_else' },
      { groups: ['cusgroup_vip'] },
      { email: 'x@y.z' },
    ]) {
      const response = await app.request('POST', '/store/customers/me', {
        body: field,
        headers: customer.headers,
      })
      expect(response.status).toBe(400)
      expect(response.body.message).toMatch(new RegExp(Object.keys(field)[0]!))
    }
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'sneaky2@example.com', password: 'long enough pw' },
    })
    const create = await app.request('POST', '/store/customers', {
      body: { email: 'sneaky2@example.com', has_account: false, customer_group_id: 'cusgroup_vip' },
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    expect(create.status).toBe(400)
    const otherEmail = await app.request('POST', '/store/customers', {
      body: { email: 'victim@example.com' },
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    expect(otherEmail.status).toBe(400)
  })

  it('refuses every admin route to a customer', async () => {
    const customer = await signedUpCustomer('shopper@example.com')
    for (const path of ['/admin/customers', '/admin/products', '/admin/users', '/admin/dead-letters']) {
      const response = await app.request('GET', path, { headers: customer.headers })
      expect(response.status).toBe(401)
    }
  })

  it('asks for the publishable key on every /store/customers route, as on every other /store route', async () => {
    const customer = await signedUpCustomer('keyless@example.com')
    const { authorization } = customer.headers
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'keyless-new@example.com', password: 'long enough pw' },
    })
    for (const [method, path, headers] of [
      ['POST', '/store/customers', { authorization: `Bearer ${registration.body.token}` }],
      ['GET', '/store/customers/me', { authorization }],
      ['POST', '/store/customers/me', { authorization }],
      ['GET', '/store/customers/me/addresses', { authorization }],
      ['POST', '/store/customers/me/addresses', { authorization }],
      ['GET', '/store/customers/me/addresses/cuaddr_1', { authorization }],
      ['DELETE', '/store/customers/me/addresses/cuaddr_1', { authorization }],
    ] as const) {
      const response = await app.request(method, path, { body: method === 'POST' ? {} : undefined, headers })
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(response.body).toMatchObject({ type: 'not_allowed', message: /x-publishable-api-key/ })
    }
    // The registration token still works once the key comes with it.
    const created = await app.request('POST', '/store/customers', {
      body: {},
      headers: { ...store, authorization: `Bearer ${registration.body.token}` },
    })
    expect(created.status).toBe(200)
  })

  it('lets staff find and group customers', async () => {
    const customer = await signedUpCustomer('vip@example.com')
    const group = await app.request('POST', '/admin/customer-groups', {
      body: { name: 'VIP' },
      headers: app.adminHeaders,
    })
    const groupId = group.body.customer_group.id
    await app.request('POST', `/admin/customer-groups/${groupId}/customers`, {
      body: { add: [customer.id, customer.id] },
      headers: app.adminHeaders,
    })
    const members = await app.request('GET', `/admin/customers?groups=${groupId}`, {
      headers: app.adminHeaders,
    })
    expect(members.body.customers.map((member: { id: string }) => member.id)).toEqual([customer.id])
    expect(members.body.customers[0]).toMatchObject({
      has_account: true,
      groups: [{ id: groupId, name: 'VIP' }],
    })
    const unknown = await app.request('POST', `/admin/customer-groups/${groupId}/customers`, {
      body: { add: ['cus_missing'] },
      headers: app.adminHeaders,
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toContain('cus_missing')
  })
})
