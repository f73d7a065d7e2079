// Twilio delivers the store's SMS through the twilio SDK to a local fake of the Messages API: accepted
// messages are logged with Twilio's SID, a 500 is retried, a 400 (21211, invalid 'To') is not, and
// status callbacks signed with X-Twilio-Signature move deliveries on while forged ones are refused.
import { createHmac } from 'node:crypto'
import type { NotificationService } from '@shopwright/core'
import { createTestApp, eventually, type TestApp } from '@shopwright/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeTwilio, startFakeTwilio } from './fake-twilio-api'
import twilioPlugin from './index'

const ACCOUNT_SID = `AC${'1'.repeat(32)}`
const AUTH_TOKEN = 'twilio-test-auth-token'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Twilio's request signature: HMAC-SHA1 of the URL followed by each POST parameter, sorted by name. */
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url)
  return createHmac('sha1', token).update(data).digest('base64')
}

describe('Twilio notification provider', () => {
  let app: TestApp
  let fake: FakeTwilio
  let notifications: NotificationService

  const send = (to: string, key: string) =>
    notifications.sendTransactional({
      template: 'otp_code',
      channel: 'sms',
      to,
      data: { code: '482913' },
      idempotency_key: key,
    })
  const settled = (id: string) =>
    eventually(async () => {
      const delivery = await notifications.getDelivery(id)
      return delivery.status === 'queued' ? undefined : delivery
    })
  const callback = (params: Record<string, string>, signature: string) =>
    app.request('POST', '/hooks/notifications/twilio', {
      rawBody: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    })

  beforeAll(async () => {
    process.env.NOTIFICATION_BACKOFF_MS = '20'
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN)
    app = await createTestApp({
      plugins: [
        [
          twilioPlugin,
          { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+15005550006', apiBaseUrl: fake.url },
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

  it('sends the SMS through the SDK and logs Twilio’s message SID', async () => {
    const queued = await send('+14155550123', 'otp.1')
    const delivery = await settled(queued.id)
    const sms = fake.received.find((received) => received.to === '+14155550123')
    expect(sms).toMatchObject({
      from: '+15005550006',
      body: expect.stringContaining('482913 is your Shopwright code'),
    })
    expect(delivery).toMatchObject({ status: 'sent', provider_id: 'twilio', provider_message_id: sms!.sid })
  })

  it('retries after a 500 and sends once Twilio recovers', async () => {
    fake.failNext('+14155550124', [500])
    const queued = await send('+14155550124', 'otp.2')
    expect(await settled(queued.id)).toMatchObject({ status: 'sent', attempts: 2 })
    expect(fake.received.filter((received) => received.to === '+14155550124')).toHaveLength(1)
  })

  it("does not retry a 400 for an invalid 'To' number (21211)", async () => {
    const before = fake.requests
    const queued = await send('+15005550001', 'otp.3')
    const delivery = await settled(queued.id)
    await sleep(200)
    expect(fake.requests - before).toBe(1)
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.last_error).toContain('21211')
  })

  it('marks a delivery delivered from a signed status callback', async () => {
    const queued = await send('+14155550125', 'otp.4')
    const { provider_message_id: sid } = await settled(queued.id)
    const params = {
      MessageSid: sid!,
      MessageStatus: 'delivered',
      AccountSid: ACCOUNT_SID,
      To: '+14155550125',
    }
    const url = `${app.url()}/hooks/notifications/twilio`
    const response = await callback(params, twilioSignature(AUTH_TOKEN, url, params))
    expect(response.status).toBe(200)
    expect((await notifications.getDelivery(queued.id)).status).toBe('delivered')
  })

  it('rejects a forged status callback and changes nothing', async () => {
    const queued = await send('+14155550126', 'otp.5')
    const { provider_message_id: sid } = await settled(queued.id)
    const params = { MessageSid: sid!, MessageStatus: 'failed', ErrorCode: '30008', AccountSid: ACCOUNT_SID }
    const url = `${app.url()}/hooks/notifications/twilio`
    expect((await callback(params, twilioSignature('not-the-token', url, params))).status).toBe(401)
    expect((await callback(params, '')).status).toBe(401)
    expect((await notifications.getDelivery(queued.id)).status).toBe('sent')
  })
})
