// A local stand-in for Twilio's Messages API, for tests: Basic auth with the account's SID and token,
// form-encoded requests, 201 with a message SID, and Twilio's error body (code 21211 for a 'To' number
// that is not valid).
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedSms {
  sid: string
  to: string
  from?: string
  body: string
  statusCallback?: string
}

export interface FakeTwilio {
  url: string
  received: ReceivedSms[]
  requests: number
  /** The next answers for a recipient, e.g. [500]; after them it accepts. */
  failNext(recipient: string, statuses: number[]): void
  close(): Promise<void>
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf-8')))
    request.on('error', reject)
  })
}

export async function startFakeTwilio(accountSid: string, authToken: string): Promise<FakeTwilio> {
  const received: ReceivedSms[] = []
  const scripted = new Map<string, number[]>()
  let requests = 0
  const server: Server = createServer(async (request, response) => {
    requests++
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    const error = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })
    if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      return error(404, 20404, 'The requested resource was not found')
    }
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
    if (request.headers.authorization !== expected) return error(401, 20003, 'Authenticate')
    const form = new URLSearchParams(await readBody(request))
    const to = form.get('To') ?? ''
    const next = scripted.get(to)?.shift()
    if (next)
      return error(
        next,
        next === 429 ? 20429 : 20500,
        next === 429 ? 'Too Many Requests' : 'Internal Server Error',
      )
    if (!/^\+[1-9]\d{6,14}$/.test(to) || to.startsWith('+1500555000')) {
      return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
    }
    const body = form.get('Body')
    if (!body) return error(400, 21602, 'Message body is required.')
    const sid = `SM${randomBytes(16).toString('hex')}`
    received.push({
      sid,
      to,
      from: form.get('From') ?? undefined,
      body,
      statusCallback: form.get('StatusCallback') ?? undefined,
    })
    answer(201, {
      sid,
      account_sid: accountSid,
      to,
      from: form.get('From'),
      body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get requests() {
      return requests
    },
    failNext: (recipient, statuses) => scripted.set(recipient, [...statuses]),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
