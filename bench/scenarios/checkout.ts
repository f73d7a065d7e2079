// A guest checkout, whole: create a cart, add two items, address, shipping, payment session,
// complete. Measures the median time of one whole checkout (one shopper alone) and completed
// checkouts per second with BENCH_SHOPPERS (default 8) shoppers at once. The server runs in a child
// process so the shoppers do not share its event loop; with DATABASE_URL and REDIS_URL set, the same
// on MySQL/MariaDB with Redis. On Linux it also reports the CPU time the server process spent per
// checkout: on a machine shared with others, a steadier measure of the server's own work than time.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createShopwright } from '@shopwright/core'
import type { CustomScenario, ResultRow } from '../scenario'

const ADMIN_TOKEN = 'bench-checkout-admin-token-0123456789'
const shoppers = Number(process.env.BENCH_SHOPPERS ?? 8)
const SOLO_CHECKOUTS = 60

interface SecretKeys {
  createSecretKey(
    input: { title: string; role: string; secret: string },
    actor: { id: null; role: undefined },
  ): Promise<unknown>
}

interface Served {
  url: string
  key: string
  region: string
  shipping: string
  variants: [string, string]
}

/** Child process: a shop with plenty of stock of two variants, served on a free port. */
async function serveShop(): Promise<Served> {
  const projectDir = mkdtempSync(path.join(tmpdir(), 'sw-bench-checkout-'))
  const app = await createShopwright({
    config: {
      projectDir,
      database: { url: process.env.DATABASE_URL ?? `sqlite:${path.join(projectDir, 'bench.db')}` },
      redis: { url: process.env.REDIS_URL, prefix: `bench_checkout_${Date.now()}` },
      logger: { level: 'silent' },
      http: { validateResponses: false },
    },
  })
  // The merchant's setup goes through the Admin API with an owner's secret key.
  await app.container
    .resolve<SecretKeys>('userService')
    .createSecretKey(
      { title: 'bench owner', role: 'owner', secret: ADMIN_TOKEN },
      { id: null, role: undefined },
    )
  await app.listen(0, '127.0.0.1')
  const url = app.url()
  const admin = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`)
    return (await response.json()) as any
  }
  const channel = (await admin('POST', '/admin/sales-channels', { name: 'Web' })).sales_channel.id
  const key = (await admin('POST', '/admin/publishable-keys', { title: 'Web', sales_channel_ids: [channel] }))
    .publishable_key.token
  const region = (
    await admin('POST', '/admin/regions', { name: 'United States', currency_code: 'usd', countries: ['us'] })
  ).region.id
  const { product } = await admin('POST', '/admin/products', {
    title: 'Bench Goods',
    status: 'published',
    sales_channel_ids: [channel],
    options: [{ title: 'Kind', values: ['Shirt', 'Mug'] }],
    variants: [
      { title: 'Shirt', options: { Kind: 'Shirt' }, prices: [{ currency_code: 'usd', amount: 2500 }] },
      { title: 'Mug', options: { Kind: 'Mug' }, prices: [{ currency_code: 'usd', amount: 1200 }] },
    ],
  })
  const warehouse = (await admin('POST', '/admin/stock-locations', { name: 'Warehouse' })).stock_location.id
  const variants = product.variants.map((variant: { id: string }) => variant.id) as [string, string]
  for (const variantId of variants) {
    await admin('POST', '/admin/inventory/adjustments', {
      variant_id: variantId,
      location_id: warehouse,
      adjustment: 1_000_000,
    })
  }
  const shipping = (
    await admin('POST', '/admin/shipping-options', { name: 'Standard', region_id: region, amount: 500 })
  ).shipping_option.id
  return { url, key, region, shipping, variants }
}

/** One shopper's whole checkout, as a storefront makes it; the time it took, in ms. */
async function checkout(shop: Served): Promise<number> {
  const started = performance.now()
  const call = async (route: string, body: unknown) => {
    const response = await fetch(`${shop.url}${route}`, {
      method: 'POST',
      headers: { 'x-publishable-api-key': shop.key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`)
    return (await response.json()) as any
  }
  const { cart } = await call('/store/carts', { region_id: shop.region })
  await call(`/store/carts/${cart.id}/line-items`, { variant_id: shop.variants[0], quantity: 1 })
  await call(`/store/carts/${cart.id}/line-items`, { variant_id: shop.variants[1], quantity: 2 })
  await call(`/store/carts/${cart.id}`, {
    email: 'bench@example.com',
    shipping_address: {
      first_name: 'B',
      last_name: 'Ench',
      address_1: '1 Main St',
      city: 'NYC',
      country_code: 'us',
    },
  })
  await call(`/store/carts/${cart.id}/shipping-methods`, { option_id: shop.shipping })
  const { payment_collection } = await call('/store/payment-collections', { cart_id: cart.id })
  await call(`/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    provider_id: 'pp_system_default',
  })
  const completed = await call(`/store/carts/${cart.id}/complete`, {})
  if (completed.type !== 'order') throw new Error(`checkout refused: ${JSON.stringify(completed.error)}`)
  return performance.now() - started
}

/** CPU time (user and system, ms) a process has used so far, read from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command's closing parenthesis start at the state (field 3): utime is 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    const ticksPerSecond = 100
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
  } catch {
    return undefined
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function startShop(): Promise<Served & { stop: () => void; pid: number | undefined }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  })
  const served = await new Promise<Served>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (chunk) => {
      seen += String(chunk)
      const match = /SHOP (\{.*\})\n/.exec(seen)
      if (match) resolve(JSON.parse(match[1]!) as Served)
    })
    child.once('exit', (code) => reject(new Error(`checkout shop exited with ${code}`)))
  })
  return { ...served, stop: () => child.kill(), pid: child.pid }
}

if (process.argv[2] === 'serve' && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`SHOP ${JSON.stringify(await serveShop())}\n`)
}

export default {
  kind: 'custom',
  name: `checkout: guest checkout, 8 calls (${process.env.DATABASE_URL ? 'MySQL/MariaDB + Redis' : 'embedded SQLite'})`,
  run: async ({ durationSeconds }): Promise<ResultRow[]> => {
    const shop = await startShop()
    try {
      for (let warmup = 0; warmup < 10; warmup++) await checkout(shop)
      const solo: number[] = []
      const cpuBefore = cpuMs(shop.pid)
      for (let run = 0; run < SOLO_CHECKOUTS; run++) solo.push(await checkout(shop))
      const cpuAfter = cpuMs(shop.pid)
      const deadline = Date.now() + durationSeconds * 1000
      const timings: number[] = []
      let errors = 0
      const failures = new Set<string>()
      const started = performance.now()
      await Promise.all(
        Array.from({ length: shoppers }, async () => {
          while (Date.now() < deadline) {
            try {
              timings.push(await checkout(shop))
            } catch (error) {
              errors += 1
              failures.add((error as Error).message.slice(0, 300))
            }
          }
        }),
      )
      const seconds = (performance.now() - started) / 1000
      for (const failure of failures) console.error(`checkout failed: ${failure}`)
      return [
        {
          scenario: 'checkout: guest, create cart → complete',
          'median checkout ms (1 shopper)': Math.round(median(solo) * 10) / 10,
          'server CPU ms per checkout':
            cpuBefore === undefined || cpuAfter === undefined
              ? '-'
              : Math.round(((cpuAfter - cpuBefore) / SOLO_CHECKOUTS) * 10) / 10,
          [`checkouts/s (${shoppers} shoppers)`]: Math.round((timings.length / seconds) * 10) / 10,
          [`median ms (${shoppers} shoppers)`]: Math.round(median(timings) * 10) / 10,
          errors,
        },
      ]
    } finally {
      shop.stop()
    }
  },
} satisfies CustomScenario
