// A marketing campaign to BENCH_RECIPIENTS consenting customers (default 10,000) through the local
// outbox provider, on the generated catalog: messages per second from "send" to the last message
// sent, and the storefront's product list p99 while the campaign runs compared with an idle server.
// The server runs in a child process (API and job runner together, as a one-process shop does).
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MarketingService } from '@shopwright/core'
import autocannon from 'autocannon'
import type { CustomScenario, ResultRow } from '../scenario'
import { backend, catalogSize, openCatalog } from './catalog'

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 10_000)
const ADMIN_TOKEN = 'bench-campaign-admin-token-0123456789'
const PRODUCT_LIST = '/store/products?limit=20&offset=40&currency_code=usd&fields=*variants.calculated_price'
const here = fileURLToPath(import.meta.url)

interface Served {
  url: string
  headers: Record<string, string>
}

/** In the child process: the catalog shop with consenting customers, listening. */
async function serve(): Promise<Served> {
  process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
  const { app, publishableKey } = await openCatalog()
  const knex = app.db.knex()
  const rows = Array.from({ length: recipients }, (_, index) => {
    const id = `cus_bench_${String(index).padStart(6, '0')}`
    return { customer_id: id, email: `${id}@example.com`, phone: null, consented: 1, updated_at: Date.now() }
  })
  for (let start = 0; start < rows.length; start += 500) {
    await knex('marketing_consent')
      .insert(rows.slice(start, start + 500))
      .onConflict('customer_id')
      .ignore()
  }
  // Warm the segment resolver and the unsubscribe key, as a running shop would have.
  await app.container.resolve<MarketingService>('marketingService').unsubscribeToken('cus_bench_000000')
  await app.listen(0, '127.0.0.1')
  return { url: app.url(), headers: { 'x-publishable-api-key': publishableKey } }
}

function startServer(): Promise<Served & { child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(path.dirname(here), '..', 'serve.ts'), 'scenario', here],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (chunk) => {
      seen += String(chunk)
      const match = /LISTENING (\{.*\})\n/.exec(seen)
      if (match) resolve({ ...(JSON.parse(match[1]!) as Served), child })
    })
    child.once('exit', (code) => reject(new Error(`campaign server exited with ${code}`)))
  })
}

/** Loads the product list until `until` resolves (or for `seconds`). */
function loadProductList(server: Served, connections: number, until: Promise<unknown> | number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.url}${PRODUCT_LIST}`,
        headers: server.headers,
        connections,
        duration: typeof until === 'number' ? until : 3600,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    if (typeof until !== 'number') until.finally(() => instance.stop())
  })
}

/** Requests per second over the whole run (autocannon's average counts only whole seconds). */
function perSecond(result: autocannon.Result): number {
  return Math.round(result.requests.total / Math.max(result.duration, 1))
}

async function admin(server: Served, method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`)
  return (await response.json()) as {
    campaign: { id: string; status: string; recipients: number; progress: Record<string, number> }
  }
}

/** Creates and sends a campaign to every consenting customer; resolves when each message is sent or failed. */
async function runCampaign(
  server: Served,
  alongside?: (done: Promise<unknown>) => Promise<autocannon.Result>,
) {
  const { campaign } = await admin(server, 'POST', '/admin/campaigns', {
    name: `Bench ${new Date().toISOString()}`,
    promotion_code: 'BENCH10',
    segment: { type: 'all' },
  })
  const started = performance.now()
  await admin(server, 'POST', `/admin/campaigns/${campaign.id}/send`)
  const sendAnsweredMs = performance.now() - started
  const done = (async () => {
    for (;;) {
      const { campaign: now } = await admin(server, 'GET', `/admin/campaigns/${campaign.id}`)
      const finished = now.progress.sent! + now.progress.delivered! + now.progress.failed!
      if (now.status === 'queued' && finished >= now.recipients)
        return { ms: performance.now() - started, ...now }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  })()
  const [load, result] = await Promise.all([alongside?.(done), done])
  return { ...result, sendAnsweredMs, load }
}

async function run({
  durationSeconds,
  connections,
}: {
  durationSeconds: number
  connections: number
}): Promise<ResultRow[]> {
  const server = await startServer()
  try {
    const idle = await loadProductList(server, connections, durationSeconds)
    const alone = await runCampaign(server)
    const during = await runCampaign(server, (done) => loadProductList(server, connections, done))
    return [
      {
        scenario: `campaign: ${alone.recipients} emails via local outbox (${catalogSize} products, ${backend})`,
        'messages/s alone': Math.round(alone.recipients / (alone.ms / 1000)),
        'messages/s under load': Math.round(during.recipients / (during.ms / 1000)),
        'send answered ms': Math.round(during.sendAnsweredMs),
        failed: alone.progress.failed! + during.progress.failed!,
        'list p99 idle ms': idle.latency.p99,
        'list p99 during ms': during.load!.latency.p99,
        'list req/s idle': perSecond(idle),
        'list req/s during': perSecond(during.load!),
      },
    ]
  } finally {
    server.child.kill()
  }
}

export default {
  kind: 'custom',
  name: `campaign: ${recipients} recipients (${backend})`,
  run,
  serve,
} satisfies CustomScenario & {
  serve: typeof serve
}
