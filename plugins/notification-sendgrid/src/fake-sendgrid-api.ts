// A local stand-in for SendGrid's v3 Mail Send API, for tests: it checks the API key and the payload,
// answers 202 with X-Message-Id as SendGrid does, and errors with SendGrid's body shape when told to.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedMail {
  messageId: string
  to: string
  from: string
  subject: string
  html?: string
  text?: string
  customArgs?: Record<string, string>
  headers?: Record<string, string>
}

export interface FakeSendgrid {
  url: string
  received: ReceivedMail[]
  /** Requests that reached the fake, answered or not. */
  requests: number
  /** The next answers for a recipient, e.g. [500] or [429]; after them it accepts. */
  failNext(recipient: string, statuses: number[]): void
  close(): Promise<void>
}

const ERRORS: Record<number, { message: string; field: string | null }> = {
  401: { message: 'The provided authorization grant is invalid, expired, or revoked', field: null },
  429: { message: 'Too many requests', field: null },
  500: { message: 'Internal server error', field: null },
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf-8')))
    request.on('error', reject)
  })
}

export async function startFakeSendgrid(apiKey: string): Promise<FakeSendgrid> {
  const received: ReceivedMail[] = []
  const scripted = new Map<string, number[]>()
  let requests = 0
  const server: Server = createServer(async (request, response) => {
    requests++
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers })
      response.end(body === undefined ? '' : JSON.stringify(body))
    }
    const error = (status: number, message: string, field: string | null = null) =>
      answer(status, { errors: [{ message, field, help: null }] })
    if (request.method !== 'POST' || request.url !== '/v3/mail/send') return error(404, 'Not found')
    if (request.headers.authorization !== `Bearer ${apiKey}`) return error(401, ERRORS[401]!.message)
    const payload = JSON.parse(await readBody(request)) as {
      personalizations?: Array<{ to?: Array<{ email?: string }> }>
      from?: { email?: string }
      subject?: string
      content?: Array<{ type: string; value: string }>
      custom_args?: Record<string, string>
      headers?: Record<string, string>
    }
    const to = payload.personalizations?.[0]?.to?.[0]?.email ?? ''
    const next = scripted.get(to)?.shift()
    if (next) return error(next, ERRORS[next]?.message ?? 'Error')
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to) || to.endsWith('.invalid')) {
      return error(400, 'Does not contain a valid address.', 'personalizations.0.to.0.email')
    }
    if (!payload.from?.email)
      return error(400, 'The from email does not contain a valid address.', 'from.email')
    const messageId = randomBytes(11).toString('base64url')
    received.push({
      messageId,
      to,
      from: payload.from.email,
      subject: payload.subject ?? '',
      text: payload.content?.find((part) => part.type === 'text/plain')?.value,
      html: payload.content?.find((part) => part.type === 'text/html')?.value,
      customArgs: payload.custom_args,
      headers: payload.headers,
    })
    answer(202, undefined, { 'x-message-id': messageId })
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
