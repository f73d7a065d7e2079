// The common part of the local fakes of outside services (Stripe, PayPal, an OpenID provider): an HTTP
// server on a free port of 127.0.0.1, started and stopped by the test, that can be told to fail the
// next requests on purpose. Each fake answers its own API in `handle`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export abstract class FakeProviderServer {
  private server: Server | undefined
  private failures: { status: number; remaining: number }[] = []

  /** `name` appears in the fake's own error messages, e.g. `FakeStripe`. */
  constructor(private readonly name: string) {}

  /** Starts listening on a free port of 127.0.0.1 and returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        // A bug in the fake, not an answer of the service: loud, as a 500 the test will see.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: `${this.name} failed: ${error.message}` }))
      })
    })
    this.server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return this.url
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined
    if (!address) throw new Error(`${this.name} is not started`)
    return `http://127.0.0.1:${address.port}`
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The next `count` API requests are answered with `status` and the service's error body, before any work is done. */
  failNext(count = 1, status = 500): void {
    this.failures.push({ status, remaining: count })
  }

  /** Forgets failures asked for with failNext that no request has met yet. */
  clearFailures(): void {
    this.failures = []
  }

  /** The status this request must fail with, when failNext asked for one; each call uses one up. */
  protected takeFailure(): number | undefined {
    const failure = this.failures[0]
    if (!failure) return undefined
    failure.remaining -= 1
    if (failure.remaining <= 0) this.failures.shift()
    return failure.status
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>
}

/** The request's body, whole. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString()
}

/** One value of a request header (the first, when it was sent more than once). */
export function requestHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}
