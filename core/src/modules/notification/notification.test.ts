// Notifications through the local outbox: order and account events become exactly one message each,
// deliveries retry provider errors but not permanent refusals, templates can be overridden and
// previewed, and campaigns reach only consenting customers, who can unsubscribe with a signed link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUniqueViolation } from '../../infra/database'
import { definePlugin } from '../../kernel/plugin'
import { createTestApp, eventually, type TestApp } from '../../testing'
import type { CustomerService } from '../customer/service'
import type { MarketingService } from './marketing-service'
import { type NotificationProvider, type OutgoingMessage, PermanentDeliveryError } from './provider'
import type { NotificationService } from './service'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function order(id: string, email: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    display_id: 7,
    email,
    customer_id: null,
    currency_code: 'usd',
    items: [{ title: 'Linen shirt', quantity: 2, total: 11800 }],
    subtotal: 11800,
    shipping_total: 500,
    tax_total: 0,
    total: 12300,
    ...extra,
  }
}

/** SMS through a provider that fails as told: +1500555010N fails N times then sends; +15005550001 is refused for good. */
class ScriptedSmsProvider implements NotificationProvider {
  readonly id = 'scripted'
  readonly channels = ['sms' as const]
  readonly calls: OutgoingMessage[] = []

  async send(message: OutgoingMessage) {
    this.calls.push(message)
    const tries = this.calls.filter((call) => call.id === message.id).length
    if (message.to === '+15005550001') throw new PermanentDeliveryError("The 'To' number is not valid")
    const failures = message.to.startsWith('+1500555010') ? Number(message.to.at(-1)) : 0
    if (tries <= failures) throw new Error('provider answered 500')
    return { provider_message_id: `scripted-${message.id}` }
  }
}

describe('notifications', () => {
  let app: TestApp
  let notifications: NotificationService
  let _marketing: MarketingService
  const sms = new ScriptedSmsProvider()

  const outboxFor = async (recipient: string) =>
    (
      await app.request('GET', `/admin/notification-outbox?recipient=${encodeURIComponent(recipient)}`, {
        headers: app.adminHeaders,
      })
    ).body.messages as Array<{ subject: string; html: string; text: string; delivery_id: string }>

  beforeAll(async () => {
    process.env.NOTIFICATION_BACKOFF_MS = '20'
    process.env.SHOPWRIGHT_SHOP_NAME = 'Linen & Co'
    const scripted = definePlugin({
      name: 'scripted-sms',
      register(ctx) {
        ctx.providers.notification.register(sms)
        ctx.container.resolve<NotificationService>('notificationService').useProvider('sms', sms.id)
      },
    })
    app = await createTestApp({ plugins: [scripted] })
    notifications = app.container.resolve('notificationService')
    _marketing = app.container.resolve('marketingService')
  })
  afterAll(async () => {
    await app.close()
    delete process.env.NOTIFICATION_BACKOFF_MS
    delete process.env.SHOPWRIGHT_SHOP_NAME
  })

  it('renders a transactional email with the shop name into the local outbox and logs it as sent', async () => {
    const queued = await notifications.sendTransactional({
      template: 'password_reset',
      channel: 'email',
      to: 'reset@example.com',
      data: { reset_url: 'https://shop.example.com/reset?token=abc' },
      idempotency_key: 'reset.1',
    })
    const [message] = await eventually(async () => {
      const messages = await outboxFor('reset@example.com')
      return messages.length ? messages : undefined
    })
    expect(message!.subject).toBe('Reset your Linen & Co password')
    expect(message!.html).toContain('href="https://shop.example.com/reset?token&#x3D;abc"')
    expect(message!.html).toContain('<meta name="viewport"')
    expect(message!.text).toContain('https://shop.example.com/reset?token=abc')
    const logged = await eventually(async () => {
      const delivery = await notifications.getDelivery(queued.id)
      return delivery.status === 'sent' ? delivery : undefined
    })
    expect(logged).toMatchObject({
      attempts: 1,
      provider_id: 'local',
      provider_message_id: expect.any(String),
    })
  })

  it('records one delivery per key, recipient and template, however often it is asked', async () => {
    const input = {
      template: 'welcome' as const,
      channel: 'email' as const,
      to: 'once@example.com',
      data: {},
      idempotency_key: 'customer.cus_once.welcome',
    }
    const first = await notifications.sendTransactional(input)
    const second = await notifications.sendTransactional(input)
    expect(first.created).toBe(true)
    expect(second).toEqual({ id: first.id, created: false })
    const duplicate = app.db.knex()('notification_delivery').insert({
      id: 'ndl_duplicate',
      idempotency_key: input.idempotency_key,
      template: input.template,
      channel: 'email',
      locale: 'en',
      recipient: input.to,
      provider_id: 'local',
      status: 'queued',
      attempts: 0,
      data: '{}',
      created_at: Date.now(),
      updated_at: Date.now(),
    })
    const error = await duplicate.then(
      () => undefined,
      (rejected: unknown) => rejected,
    )
    expect(isUniqueViolation(error)).toBe(true)
    await eventually(async () => (await outboxFor('once@example.com')).length === 1)
  })

  it('sends exactly one confirmation when order.placed is delivered twice', async () => {
    const eventId = await app.events.publish('order.placed', order('order_twice', 'twice@example.com'))
    await eventually(async () => (await outboxFor('twice@example.com')).length === 1)
    await app.jobs.enqueue([
      {
        name: 'event.deliver',
        data: { event_id: eventId, subscriber: 'notification.order-placed' },
        options: { key: `replay.${eventId}` },
      },
    ])
    await app.events.publish('order.placed', order('order_twice', 'twice@example.com'))
    await sleep(500)
    const messages = await outboxFor('twice@example.com')
    expect(messages).toHaveLength(1)
    expect(messages[0]!.subject).toBe('Your Linen & Co order #7 is confirmed')
    expect(messages[0]!.html).toContain('$118.00')
  })

  it("puts the shipment's tracking number and link in the shipped email", async () => {
    await app.events.publish('order.shipment_created', {
      ...order('order_shipped', 'shipped@example.com'),
      fulfillment_id: 'ful_1',
      labels: [{ tracking_number: 'TRACK-123456', tracking_url: 'https://track.example.com/TRACK-123456' }],
    })
    const [message] = await eventually(async () => {
      const messages = await outboxFor('shipped@example.com')
      return messages.length ? messages : undefined
    })
    expect(message!.subject).toContain('is on its way')
    expect(message!.html).toContain('TRACK-123456')
    expect(message!.html).toContain('href="https://track.example.com/TRACK-123456"')
    expect(message!.text).toContain('tracking number: TRACK-123456')
  })

  it('retries a provider error with backoff until the message is sent', async () => {
    const queued = await notifications.sendTransactional({
      template: 'otp_code',
      channel: 'sms',
      to: '+15005550102',
      data: { code: '654321' },
      idempotency_key: 'otp.retry',
    })
    const sent = await eventually(async () => {
      const delivery = await notifications.getDelivery(queued.id)
      return delivery.status === 'sent' ? delivery : undefined
    })
    expect(sent.attempts).toBe(3)
    expect(sms.calls.filter((call) => call.id === queued.id)).toHaveLength(3)
  })

  it('does not retry a permanent refusal and logs it as failed', async () => {
    const queued = await notifications.sendTransactional({
      template: 'otp_code',
      channel: 'sms',
      to: '+15005550001',
      data: { code: '123456' },
      idempotency_key: 'otp.invalid-number',
    })
    const failed = await eventually(async () => {
      const delivery = await notifications.getDelivery(queued.id)
      return delivery.status === 'failed' ? delivery : undefined
    })
    await sleep(300)
    expect(sms.calls.filter((call) => call.id === queued.id)).toHaveLength(1)
    expect(failed).toMatchObject({
      attempts: 1,
      last_error: expect.stringContaining("'To' number is not valid"),
    })
  })

  it("sends a message queued in the caller's transaction only if that transaction commits", async () => {
    const message = (key: string, to: string) => ({
      template: 'welcome' as const,
      channel: 'email' as const,
      to,
      data: {},
      idempotency_key: key,
    })
    await expect(
      app.db.transaction(async (em) => {
        await notifications.sendTransactional(message('tx.rolled-back', 'rolled-back@example.com'), em)
        throw new Error('registration failed')
      }),
    ).rejects.toThrow('registration failed')
    const committed = await app.db.transaction((em) =>
      notifications.sendTransactional(message('tx.committed', 'committed@example.com'), em),
    )
    await eventually(async () => (await notifications.getDelivery(committed.id)).status === 'sent')
    const rolledBack = await notifications.listDeliveries({
      recipient: 'rolled-back@example.com',
      limit: 10,
      offset: 0,
    })
    expect(rolledBack.count).toBe(0)
    expect(await outboxFor('rolled-back@example.com')).toHaveLength(0)
  })

  it('filters the delivery log and resends a message as a new delivery', async () => {
    const queued = await notifications.sendTransactional({
      template: 'order_canceled',
      channel: 'email',
      to: 'log@example.com',
      data: { order: { display_id: 9 } },
      idempotency_key: 'order.log.canceled',
    })
    await eventually(async () => (await notifications.getDelivery(queued.id)).status === 'sent')
    const filtered = await app.request(
      'GET',
      '/admin/notifications?status=sent&channel=email&template=order_canceled&recipient=log%40example.com',
      { headers: app.adminHeaders },
    )
    expect(filtered.body.notifications.map((entry: { id: string }) => entry.id)).toEqual([queued.id])
    const future = await app.request(
      'GET',
      `/admin/notifications?created_after=${new Date(Date.now() + 60_000).toISOString()}`,
      {
        headers: app.adminHeaders,
      },
    )
    expect(future.body.count).toBe(0)
    const resent = await app.request('POST', `/admin/notifications/${queued.id}/resend`, {
      headers: { ...app.adminHeaders, 'idempotency-key': 'resend-log-1' },
    })
    expect(resent.status).toBe(201)
    expect(resent.body.notification).toMatchObject({
      template: 'order_canceled',
      recipient: 'log@example.com',
    })
    expect(resent.body.notification.id).not.toBe(queued.id)
    await eventually(async () => (await outboxFor('log@example.com')).length === 2)
  })

  it('sends a queued delivery whose job was lost when the sweep finds it', async () => {
    const now = Date.now()
    await app.db
      .knex()('notification_delivery')
      .insert({
        id: 'ndl_orphan',
        idempotency_key: 'orphan.1',
        template: 'welcome',
        channel: 'email',
        locale: 'en',
        recipient: 'orphan@example.com',
        provider_id: 'local',
        status: 'queued',
        attempts: 0,
        data: '{}',
        created_at: now - 600_000,
        updated_at: now - 600_000,
      })
    expect(await notifications.sweepQueued(300_000)).toBeGreaterThanOrEqual(1)
    await eventually(async () => (await notifications.getDelivery('ndl_orphan')).status === 'sent')
    expect(await outboxFor('orphan@example.com')).toHaveLength(1)
  })

  it('answers 404 for status webhooks of a provider that takes none', async () => {
    const response = await app.request('POST', '/hooks/notifications/local', { body: [] })
    expect(response.status).toBe(404)
  })

  it('answers 400 for a recipient that is not an email address', async () => {
    await expect(
      notifications.sendTransactional({
        template: 'welcome',
        channel: 'email',
        to: 'not-an-address',
        data: {},
        idempotency_key: 'bad.1',
      }),
    ).rejects.toMatchObject({ status: 400 })
  })
})

describe('notification templates (admin)', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(async () => {
    await app.close()
  })

  it('previews the default order confirmation with sample data', async () => {
    const response = await app.request('POST', '/admin/notification-templates/order_confirmation/preview', {
      headers: app.adminHeaders,
      body: { channel: 'email' },
    })
    expect(response.status).toBe(200)
    expect(response.body.preview.subject).toBe('Your Shopwright order #1042 is confirmed')
    expect(response.body.preview.html).toContain('Linen shirt')
    expect(response.body.preview.html).toContain('€100.95')
  })

  it("uses the merchant's override for new messages, and the default again after a reset", async () => {
    const override = await app.request('POST', '/admin/notification-templates/welcome', {
      headers: app.adminHeaders,
      body: {
        channel: 'email',
        locale: 'en',
        subject: 'Hello {{customer.first_name}}, welcome aboard',
        html: '<p>So glad you are here, {{customer.first_name}}.</p>',
        text: 'So glad you are here, {{customer.first_name}}.',
      },
    })
    expect(override.status).toBe(200)
    expect(override.body.template.overridden).toBe(true)
    const preview = await app.request('POST', '/admin/notification-templates/welcome/preview', {
      headers: app.adminHeaders,
      body: { channel: 'email', data: { customer: { first_name: 'Grace' } } },
    })
    expect(preview.body.preview.subject).toBe('Hello Grace, welcome aboard')
    const reset = await app.request(
      'DELETE',
      '/admin/notification-templates/welcome?channel=email&locale=en',
      {
        headers: app.adminHeaders,
      },
    )
    expect(reset.body.template).toMatchObject({ overridden: false, subject: 'Welcome to {{shop.name}}' })
  })

  it('refuses a template that does not compile, naming the part', async () => {
    const response = await app.request('POST', '/admin/notification-templates/welcome', {
      headers: app.adminHeaders,
      body: { channel: 'sms', text: 'Hi {{#if customer}}' },
    })
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/text template does not compile/)
  })

  it('answers 404 for an unknown template', async () => {
    const response = await app.request('GET', '/admin/notification-templates/newsletter', {
      headers: app.adminHeaders,
    })
    expect(response.status).toBe(404)
  })
})

describe('campaigns and unsubscribing', () => {
  let app: TestApp
  let marketing: MarketingService

  beforeAll(async () => {
    app = await createTestApp()
    marketing = app.container.resolve('marketingService')
  })
  afterAll(async () => {
    await app.close()
  })

  const offersTo = async (recipient: string) =>
    (
      await app.request(
        'GET',
        `/admin/notifications?template=offer&recipient=${encodeURIComponent(recipient)}`,
        {
          headers: app.adminHeaders,
        },
      )
    ).body.notifications as unknown[]

  it('sends an offer only to consenting customers, and order emails to an unsubscribed one', async () => {
    await marketing.setConsent('cus_ann', { consented: true, email: 'ann@example.com' })
    await marketing.setConsent('cus_bob', { consented: true, email: 'bob@example.com' })
    await marketing.setConsent('cus_cy', { consented: false, email: 'cy@example.com' })
    const token = await marketing.unsubscribeToken('cus_bob')
    expect((await app.request('GET', `/store/notifications/unsubscribe?token=${token}`)).status).toBe(200)

    const created = await app.request('POST', '/admin/campaigns', {
      headers: app.adminHeaders,
      body: {
        name: 'Autumn',
        promotion_code: 'AUTUMN15',
        segment: { type: 'all' },
        data: { headline: '15% off' },
      },
    })
    expect(created.status).toBe(201)
    const sent = await app.request('POST', `/admin/campaigns/${created.body.campaign.id}/send`, {
      headers: app.adminHeaders,
    })
    expect(sent.status).toBe(202)
    const campaign = await eventually(async () => {
      const detail = await app.request('GET', `/admin/campaigns/${created.body.campaign.id}`, {
        headers: app.adminHeaders,
      })
      return detail.body.campaign.status === 'queued' && detail.body.campaign.progress.sent === 1
        ? detail.body.campaign
        : undefined
    })
    expect(campaign).toMatchObject({ recipients: 1, progress: { queued: 0, sent: 1, failed: 0 } })
    expect(await offersTo('ann@example.com')).toHaveLength(1)
    expect(await offersTo('bob@example.com')).toHaveLength(0)
    expect(await offersTo('cy@example.com')).toHaveLength(0)

    const offer = (
      await app.request('GET', '/admin/notification-outbox?recipient=ann%40example.com', {
        headers: app.adminHeaders,
      })
    ).body.messages[0]
    expect(offer.html).toContain('AUTUMN15')
    expect(offer.html).toContain('/store/notifications/unsubscribe?token=')

    await app.events.publish(
      'order.placed',
      order('order_bob', 'bob@example.com', { customer_id: 'cus_bob' }),
    )
    await eventually(async () => {
      const log = await app.request('GET', '/admin/notifications?recipient=bob%40example.com&status=sent', {
        headers: app.adminHeaders,
      })
      return log.body.notifications.some(
        (entry: { template: string }) => entry.template === 'order_confirmation',
      )
    })
  })

  it('refuses to send a campaign twice', async () => {
    const created = await app.request('POST', '/admin/campaigns', {
      headers: app.adminHeaders,
      body: { name: 'Once', segment: { type: 'all' } },
    })
    const path = `/admin/campaigns/${created.body.campaign.id}/send`
    expect((await app.request('POST', path, { headers: app.adminHeaders })).status).toBe(202)
    expect((await app.request('POST', path, { headers: app.adminHeaders })).status).toBe(409)
  })

  it("records a customer's consent through the Admin API, and answers 404 for an id that is no customer", async () => {
    const { id } = await app.container
      .resolve<CustomerService>('customerService')
      .createAccount({ email: 'eve@example.com' })
    const recorded = await app.request('POST', `/admin/marketing-consents/${id}`, {
      headers: app.adminHeaders,
      body: { consented: true, email: 'eve@example.com' },
    })
    expect(recorded.status).toBe(200)
    expect(recorded.body.consent).toMatchObject({ customer_id: id, consented: true })
    expect(
      (await app.request('GET', `/admin/marketing-consents/${id}`, { headers: app.adminHeaders })).status,
    ).toBe(200)

    const set = await app.request('POST', '/admin/marketing-consents/cus_nobody', {
      headers: app.adminHeaders,
      body: { consented: true, email: 'nobody@example.com' },
    })
    const read = await app.request('GET', '/admin/marketing-consents/cus_nobody', {
      headers: app.adminHeaders,
    })
    expect([set.status, read.status]).toEqual([404, 404])
    expect(set.body).toMatchObject({ type: 'not_found', message: expect.stringContaining('cus_nobody') })
    expect(await app.db.knex()('marketing_consent').where('customer_id', 'cus_nobody')).toEqual([])
  })

  it('unsubscribes through the link without signing in, and a second click changes nothing', async () => {
    await marketing.setConsent('cus_dee', { consented: true, email: 'dee@example.com' })
    const url = new URL(await marketing.unsubscribeUrl('cus_dee'))
    const first = await app.request('GET', `${url.pathname}${url.search}`)
    const second = await app.request('GET', `${url.pathname}${url.search}`)
    expect([first.status, second.status]).toEqual([200, 200])
    expect(await marketing.consent('cus_dee')).toMatchObject({
      consented: false,
      unsubscribed_at: expect.any(String),
    })
  })

  it('lets only a signed-in customer change their marketing preference', async () => {
    const response = await app.request('POST', '/store/notifications/preferences', {
      body: { marketing_consent: true, email: 'guest@example.com' },
    })
    expect(response.status).toBe(401)
  })

  it('sends a campaign only to the segment its resolver chooses', async () => {
    await marketing.setConsent('cus_seg_in', { consented: true, email: 'seg-in@example.com' })
    await marketing.setConsent('cus_seg_out', { consented: true, email: 'seg-out@example.com' })
    marketing.defineSegment('customer_group', async (_segment, ids) =>
      ids.filter((id) => id === 'cus_seg_in'),
    )
    const created = await marketing.createCampaign({
      name: 'VIP',
      segment: { type: 'customer_group', customer_group_id: 'cusgroup_vip' },
    })
    await marketing.sendCampaign(created.id)
    await eventually(async () => (await marketing.getCampaign(created.id)).progress.sent === 1)
    expect(await offersTo('seg-in@example.com')).toHaveLength(1)
    expect(await offersTo('seg-out@example.com')).toHaveLength(0)
  })

  it("unsubscribes with a mailbox provider's one-click POST", async () => {
    await marketing.setConsent('cus_gus', { consented: true, email: 'gus@example.com' })
    const token = await marketing.unsubscribeToken('cus_gus')
    const response = await app.request('POST', `/store/notifications/unsubscribe?token=${token}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(200)
    expect(await marketing.consent('cus_gus')).toMatchObject({ consented: false })
  })

  it("cannot unsubscribe someone else with one's own link", async () => {
    await marketing.setConsent('cus_eve', { consented: true, email: 'eve@example.com' })
    await marketing.setConsent('cus_fay', { consented: true, email: 'fay@example.com' })
    const [, signature] = (await marketing.unsubscribeToken('cus_eve')).split('.')
    const forged = `${Buffer.from('cus_fay').toString('base64url')}.${signature}`
    const response = await app.request('GET', `/store/notifications/unsubscribe?token=${forged}`)
    expect(response.status).toBe(400)
    expect(await marketing.consent('cus_fay')).toMatchObject({ consented: true, unsubscribed_at: null })
    expect(await marketing.consent('cus_eve')).toMatchObject({ consented: true })
  })
})
