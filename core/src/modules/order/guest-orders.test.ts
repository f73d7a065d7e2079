// A guest's orders follow them into their account, but only once they prove they own the email the
// orders were placed with (a confirmed verification code, or a sign-in with an emailed code): a bare
// registration proves nothing, since anyone can register any address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { createTestApp, emailedCode, eventually, recordedEvents, type TestApp } from '../../testing'
import { placeOrder, type Shop, seedShop, signedInCustomer, store } from '../../testing/shop'
import { AuthEvents, type EmailVerified } from '../auth/events'
import type { OrderService } from './service'

const CONFIRM_EMAIL = /Confirm your email/
const SIGN_IN_CODE = /sign-in code/

describe("a guest's orders and the account they register later", () => {
  let app: TestApp
  let shop: Shop

  beforeAll(async () => {
    app = await createTestApp()
    shop = await seedShop(app)
  })
  afterAll(async () => {
    await app.close()
  })

  const orders = () => app.container.resolve<OrderService>('orderService')

  /**
   * An order placed as a guest with this email, older than the confirmation page's window, so that
   * only its owner can still read it by id.
   */
  async function guestOrder(email: string, headers: Record<string, string> = {}): Promise<string> {
    const order = await placeOrder<{ id: string }>(app, shop, { email, headers })
    await knexOf(app.db.em())('order')
      .where({ id: order.id })
      .update({ created_at: new Date(Date.now() - 2 * 3600 * 1000) })
    return order.id
  }

  async function myOrderIds(headers: Record<string, string>): Promise<string[]> {
    const { orders } = await store(app, shop, 'GET', '/store/orders', undefined, headers)
    return orders.map((order: { id: string }) => order.id)
  }

  async function readOrder(id: string, headers: Record<string, string>) {
    return app.request('GET', `/store/orders/${id}`, { headers: { ...shop.store, ...headers } })
  }

  /** Enters the code that registration sent to the inbox. */
  async function confirmEmail(email: string, headers: Record<string, string>) {
    const code = await emailedCode(app, email, CONFIRM_EMAIL)
    return app.request('POST', '/auth/verification/confirm', { body: { code }, headers })
  }

  const linkEntries = async (orderId: string) =>
    (await orders().timeline(orderId)).filter((entry) => entry.event === 'order.customer_linked')

  const provenEvents = async (email: string) =>
    (await recordedEvents<EmailVerified>(app, AuthEvents.emailVerified)).filter(
      (data) => data.email === email,
    )

  it('keeps a guest order from a customer who has only registered with the same email', async () => {
    const orderId = await guestOrder('fresh.guest@example.com')

    const customer = await signedInCustomer(app, shop, 'fresh.guest@example.com')

    expect(await myOrderIds(customer.headers)).toEqual([])
    expect((await readOrder(orderId, customer.headers)).status).toBe(404)
    expect(await provenEvents('fresh.guest@example.com')).toEqual([])
  })

  it('lists the guest orders in the account once the customer confirms the email, whatever its case', async () => {
    const first = await guestOrder('Ada.Guest@Example.COM')
    const second = await guestOrder('ada.guest@example.com')
    const customer = await signedInCustomer(app, shop, 'ada.guest@example.com')

    const confirmed = await confirmEmail('ada.guest@example.com', customer.headers)
    expect(confirmed.status).toBe(200)

    const listed = await eventually(async () => {
      const ids = await myOrderIds(customer.headers)
      return ids.length === 2 && ids
    })
    expect(listed.sort()).toEqual([first, second].sort())
    const read = await readOrder(first, customer.headers)
    expect(read.status).toBe(200)
    expect(read.body.order).toMatchObject({
      id: first,
      customer_id: customer.id,
      email: 'ada.guest@example.com',
    })
    expect(await linkEntries(first)).toEqual([
      expect.objectContaining({ data: { customer_id: customer.id, email: 'ada.guest@example.com' } }),
    ])
  })

  it('never shows those orders to a customer with another email', async () => {
    const orderId = await guestOrder('grace.guest@example.com')
    const grace = await signedInCustomer(app, shop, 'grace.guest@example.com')
    const bob = await signedInCustomer(app, shop, 'bob.other@example.com')
    await confirmEmail('bob.other@example.com', bob.headers)
    await confirmEmail('grace.guest@example.com', grace.headers)
    await eventually(async () => (await myOrderIds(grace.headers)).includes(orderId))

    expect(await myOrderIds(bob.headers)).toEqual([])
    expect((await readOrder(orderId, bob.headers)).status).toBe(404)
    expect((await readOrder(orderId, {})).status).toBe(404)
  })

  it('never moves an order that already belongs to a customer, even one placed with the proven email', async () => {
    const owner = await signedInCustomer(app, shop, 'owner.shared@example.com')
    const ownOrder = await guestOrder('shared.inbox@example.com', owner.headers)
    const guest = await guestOrder('shared.inbox@example.com')
    const inboxOwner = await signedInCustomer(app, shop, 'shared.inbox@example.com')

    await confirmEmail('shared.inbox@example.com', inboxOwner.headers)

    await eventually(async () => (await myOrderIds(inboxOwner.headers)).includes(guest))
    expect(await myOrderIds(inboxOwner.headers)).toEqual([guest])
    expect(await myOrderIds(owner.headers)).toEqual([ownOrder])
  })

  it('gives nothing to someone who registers another person’s email without confirming it', async () => {
    const orderId = await guestOrder('victim@example.com')
    const mallory = await signedInCustomer(app, shop, 'victim@example.com')

    const guessed = await app.request('POST', '/auth/verification/confirm', {
      body: { code: '000000' },
      headers: mallory.headers,
    })
    const elsewhere = await app.request('POST', '/auth/verification/request', {
      body: { entity_id: 'mallory@example.com' },
      headers: mallory.headers,
    })
    const status = await app.request('GET', '/auth/verification', { headers: mallory.headers })

    expect(guessed.status).toBe(401)
    expect(elsewhere.status).toBe(400)
    expect(status.body.verification).toEqual({
      entity_id: 'victim@example.com',
      entity_type: 'email',
      status: 'unverified',
    })
    expect(await provenEvents('victim@example.com')).toEqual([])
    expect(await myOrderIds(mallory.headers)).toEqual([])
    expect((await readOrder(orderId, mallory.headers)).status).toBe(404)
  })

  it('counts an email confirmed before the registration completed, but not after another takes the registration over', async () => {
    const orderId = await guestOrder('early@example.com')
    const password = 'early bird password'
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'early@example.com', password },
    })
    const registrationToken = { authorization: `Bearer ${registration.body.token}` }
    await app.request('POST', '/auth/verification/request', {
      body: { entity_id: 'early@example.com' },
      headers: registrationToken,
    })
    const code = await emailedCode(app, 'early@example.com', CONFIRM_EMAIL)
    expect(
      (
        await app.request('POST', '/auth/verification/confirm', {
          body: { code },
          headers: registrationToken,
        })
      ).status,
    ).toBe(200)

    // Someone else registers the same unfinished email with a password of their own, and completes it.
    const takeover = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'early@example.com', password: 'the taker password' },
    })
    await store(app, shop, 'POST', '/store/customers', {}, { authorization: `Bearer ${takeover.body.token}` })
    const taker = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'early@example.com', password: 'the taker password' },
    })
    const takerHeaders = { authorization: `Bearer ${taker.body.token}` }

    expect(await myOrderIds(takerHeaders)).toEqual([])
    expect(
      (await app.request('GET', '/auth/verification', { headers: takerHeaders })).body.verification.status,
    ).toBe('unverified')
    // The one confirmation seen was made before any customer existed: it named nobody to link to.
    expect(await provenEvents('early@example.com')).toEqual([expect.objectContaining({ actor_id: null })])
    expect((await readOrder(orderId, takerHeaders)).status).toBe(404)
  })

  it('links the guest orders of an email confirmed before the registration completed', async () => {
    const orderId = await guestOrder('prompt@example.com')
    const registration = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email: 'prompt@example.com', password: 'prompt password' },
    })
    const registrationToken = { authorization: `Bearer ${registration.body.token}` }
    await app.request('POST', '/auth/verification/request', {
      body: { entity_id: 'prompt@example.com' },
      headers: registrationToken,
    })
    const code = await emailedCode(app, 'prompt@example.com', CONFIRM_EMAIL)
    await app.request('POST', '/auth/verification/confirm', { body: { code }, headers: registrationToken })

    await store(app, shop, 'POST', '/store/customers', {}, registrationToken)
    const signIn = await app.request('POST', '/auth/customer/emailpass', {
      body: { email: 'prompt@example.com', password: 'prompt password' },
    })

    const headers = { authorization: `Bearer ${signIn.body.token}` }
    expect(await eventually(async () => (await myOrderIds(headers)).includes(orderId))).toBe(true)
  })

  it('links a guest order placed after the account existed when the customer signs in with an emailed code', async () => {
    const earlier = await guestOrder('later@example.com')
    const customer = await signedInCustomer(app, shop, 'later@example.com')
    await confirmEmail('later@example.com', customer.headers)
    await eventually(async () => (await myOrderIds(customer.headers)).includes(earlier))
    // Shopping again without signing in: the order stays a guest order, as it always has.
    const later = await guestOrder('later@example.com')
    expect(await myOrderIds(customer.headers)).toEqual([earlier])

    await app.request('POST', '/auth/customer/otp/request', { body: { email: 'later@example.com' } })
    const code = await emailedCode(app, 'later@example.com', SIGN_IN_CODE)
    const signedIn = await app.request('POST', '/auth/customer/otp/verify', {
      body: { email: 'later@example.com', code },
    })
    expect(signedIn.status).toBe(200)

    const headers = { authorization: `Bearer ${signedIn.body.token}` }
    await eventually(async () => (await myOrderIds(headers)).length === 2)
    expect((await myOrderIds(headers)).sort()).toEqual([earlier, later].sort())
  })

  it('links each order once, however often the email is proven or the event delivered', async () => {
    const first = await guestOrder('twice@example.com')
    const customer = await signedInCustomer(app, shop, 'twice@example.com')
    await confirmEmail('twice@example.com', customer.headers)
    await eventually(async () => (await myOrderIds(customer.headers)).includes(first))

    // Proven again with a sign-in code, and the first proof delivered again after another guest order.
    await app.request('POST', '/auth/customer/otp/request', { body: { email: 'twice@example.com' } })
    const code = await emailedCode(app, 'twice@example.com', SIGN_IN_CODE)
    await app.request('POST', '/auth/customer/otp/verify', { body: { email: 'twice@example.com', code } })
    const second = await guestOrder('twice@example.com')
    const [firstProof] = await provenEvents('twice@example.com')
    await app.container.resolve<EventBus>('events').publish(AuthEvents.emailVerified, firstProof)
    await eventually(async () => (await myOrderIds(customer.headers)).includes(second))
    const raced = await Promise.all([
      orders().linkGuestOrders(customer.id, 'twice@example.com'),
      orders().linkGuestOrders(customer.id, 'twice@example.com'),
    ])

    expect(raced).toEqual([[], []])
    expect(await linkEntries(first)).toHaveLength(1)
    expect(await linkEntries(second)).toHaveLength(1)
    expect((await myOrderIds(customer.headers)).sort()).toEqual([first, second].sort())
  })

  it('links one order once when two deliveries race for it', async () => {
    const orderId = await guestOrder('racing@example.com')
    const customer = await signedInCustomer(app, shop, 'racing@example.com')

    const raced = await Promise.all([
      orders().linkGuestOrders(customer.id, 'RACING@example.com'),
      orders().linkGuestOrders(customer.id, 'racing@example.com'),
    ])

    expect(raced.flat()).toEqual([orderId])
    expect(await linkEntries(orderId)).toHaveLength(1)
  })
})
