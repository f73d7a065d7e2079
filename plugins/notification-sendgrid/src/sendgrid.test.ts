// SendGrid delivers the store's email through @sendgrid/mail to a local fake of the Mail Send API:
// accepted mail is logged as sent with SendGrid's message id, a 500 is retried, a 400 is not, and the
// signed Event Webhook moves deliveries on while a forged one is refused.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { type MarketingService, type NotificationService, PermanentDeliveryError } from '@shopwright/core'
import { createTestApp, eventually, type TestApp } from '@shopwright/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeSendgrid, startFakeSendgrid } from './fake-sendgrid-api'
import sendgridPlugin, { SendgridNotificationProvider } from './index'

const API_KEY = 'SG.test-key.0123456789'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey }
}

/** Signs an event batch as SendGrid does: ECDSA P-256 over timestamp + body, base64 DER. */
function signedEvents(events: unknown[], privateKey: KeyObject) {
  const body = JSON.stringify(events)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64')
  return {
    rawBody: body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
  }
}

describe('SendGrid notification provider', () => {
  let app: TestApp
  let fake: FakeSendgrid
  let notifications: NotificationService
  const keys = keyPair()

  const send = (to: string, key: string) =>
    notifications.sendTransactional({
      template: 'welcome',
      channel: 'email',
      to,
      data: { customer: { first_name: 'Ada' } },
      idempotency_key: key,
    })
  const settled = (id: string) =>
    eventually(async () => {
      const delivery = await notifications.getDelivery(id)
      return delivery.status === 'queued' ? undefined : delivery
    })

  beforeAll(async () => {
    process.env.NOTIFICATION_BACKOFF_MS = '20'
    fake = await startFakeSendgrid(API_KEY)
    app = await createTestApp({
      plugins: [
        [
          sendgridPlugin,
          {
            apiKey: API_KEY,
            from: 'Linen & Co <orders@linen.example>',
            apiBaseUrl: fake.url,
            webhookPublicKey: keys.publicPem,
          },
        ],
      ],
    })
    notifications = app.container.resolve('notificationService')
  })
  afterAll(async () => {
    await app.close()
    await fake.close()
    delete process.env.NOTIFICATION_BACKOFF_MS
  })

  it('sends the rendered email through the SDK and logs SendGrid’s message id', async () => {
    const queued = await send('ada@example.com', 'welcome.ada')
    const delivery = await settled(queued.id)
    const mail = fake.received.find((received) => received.to === 'ada@example.com')
    expect(mail).toMatchObject({
      from: 'orders@linen.example',
      subject: 'Welcome to Shopwright',
      customArgs: { shopwright_delivery_id: queued.id },
    })
    expect(mail!.html).toContain('Hi Ada,')
    expect(mail!.text).toContain('Hi Ada,')
    expect(delivery).toMatchObject({
      status: 'sent',
      provider_id: 'sendgrid',
      provider_message_id: mail!.messageId,
    })
  })

  it('retries after a 500 and sends once SendGrid recovers', async () => {
    fake.failNext('flaky@example.com', [500, 429])
    const queued = await send('flaky@example.com', 'welcome.flaky')
    const delivery = await settled(queued.id)
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3 })
    expect(fake.received.filter((received) => received.to === 'flaky@example.com')).toHaveLength(1)
  })

  it('does not retry a 400 and logs SendGrid’s error', async () => {
    const before = fake.requests
    const queued = await send('nobody@mailbox.invalid', 'welcome.invalid')
    const delivery = await settled(queued.id)
    await sleep(200)
    expect(fake.requests - before).toBe(1)
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.last_error).toContain('personalizations.0.to.0.email: Does not contain a valid address.')
  })

  it('sends offers with one-click unsubscribe headers', async () => {
    const marketing = app.container.resolve<MarketingService>('marketingService')
    await marketing.setConsent('cus_offer', { consented: true, email: 'offer@example.com' })
    const campaign = await marketing.createCampaign({
      name: 'Winter',
      promotion_code: 'WINTER',
      segment: { type: 'all' },
    })
    await marketing.sendCampaign(campaign.id)
    const mail = await eventually(() => fake.received.find((received) => received.to === 'offer@example.com'))
    expect(mail.headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(
        /^<http:\/\/.+\/store\/notifications\/unsubscribe\?token=.+>$/,
      ),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })

  it('treats a refused API key (401) as permanent', async () => {
    const provider = new SendgridNotificationProvider({
      apiKey: 'SG.revoked-key',
      from: 'orders@linen.example',
      apiBaseUrl: fake.url,
      timeoutMs: 5000,
    })
    const sending = provider.send({
      id: 'ndl_401',
      channel: 'email',
      to: 'ada@example.com',
      subject: 'Hi',
      text: 'Hi',
    })
    await expect(sending).rejects.toBeInstanceOf(PermanentDeliveryError)
    await expect(sending).rejects.toThrow(
      /SendGrid answered 401: The provided authorization grant is invalid/,
    )
  })

  it('marks a delivery delivered from a signed event webhook', async () => {
    const queued = await send('grace@example.com', 'welcome.grace')
    const { provider_message_id: messageId } = await settled(queued.id)
    const response = await app.request(
      'POST',
      '/hooks/notifications/sendgrid',
      signedEvents(
        [
          { email: 'grace@example.com', event: 'processed', sg_message_id: `${messageId}.filter0001.1.0` },
          { email: 'grace@example.com', event: 'delivered', sg_message_id: `${messageId}.filter0001.1.0` },
          { email: 'grace@example.com', event: 'open', sg_message_id: `${messageId}.filter0001.1.0` },
        ],
        keys.privateKey,
      ),
    )
    expect(response.status).toBe(200)
    expect((await notifications.getDelivery(queued.id)).status).toBe('delivered')
  })

  it('rejects a forged event webhook and changes nothing', async () => {
    const queued = await send('hopper@example.com', 'welcome.hopper')
    const { provider_message_id: messageId } = await settled(queued.id)
    const forger = keyPair()
    const forged = signedEvents(
      [{ email: 'hopper@example.com', event: 'bounce', reason: 'forged', sg_message_id: `${messageId}.f` }],
      forger.privateKey,
    )
    const response = await app.request('POST', '/hooks/notifications/sendgrid', forged)
    expect(response.status).toBe(401)
    const unsigned = await app.request('POST', '/hooks/notifications/sendgrid', {
      body: [{ event: 'bounce', sg_message_id: `${messageId}.f` }],
    })
    expect(unsigned.status).toBe(401)
    expect((await notifications.getDelivery(queued.id)).status).toBe('sent')
  })
})
