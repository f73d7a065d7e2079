// The storefront's hot reads on a generated catalog (BENCH_PRODUCTS products, default 1,000, three
// variants each): a product page of 20 with calculated prices, and one product by handle. With
// DATABASE_URL (and REDIS_URL) set, the same on MySQL/MariaDB with Redis.
//
// The catalog is seeded once per backend and size and kept (SQLite files under BENCH_DATA_DIR,
// default bench/.data; a database `sw_bench_<size>` on the MySQL server; Redis prefix
// `swbench<size>`), so 100,000 products are generated once and every later run reuses them.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createShopwright,
  type SearchService,
  type Shopwright,
  seedGeneratedProducts,
} from '@shopwright/core'
import type { HttpScenario } from '../scenario'

export const catalogSize = Number(process.env.BENCH_PRODUCTS ?? process.env.BENCH_CATALOG_SIZE ?? 1000)
export const backend = process.env.DATABASE_URL?.startsWith('mysql')
  ? `MariaDB${process.env.REDIS_URL ? '+Redis' : ''}`
  : 'SQLite'

const dataDir =
  process.env.BENCH_DATA_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data')

function databaseUrl(): string {
  const server = process.env.DATABASE_URL
  if (server?.startsWith('mysql')) {
    const url = new URL(server)
    url.pathname = `/sw_bench_${catalogSize}`
    return url.toString()
  }
  mkdirSync(dataDir, { recursive: true })
  return `sqlite:${path.join(dataDir, `catalog-${catalogSize}.db`)}`
}

/** The generated catalog's publishable key: found when seeded before, else seeded now. */
async function generatedCatalogKey(app: Shopwright, log: (line: string) => void): Promise<string> {
  const found = (await app.db
    .knex()('publishable_key')
    .where({ title: `Generated ${catalogSize}` })
    .whereNull('revoked_at')
    .first('token')) as { token: string } | undefined
  if (found) return found.token
  log(`seeding ${catalogSize} products (${backend}), once …`)
  const started = Date.now()
  const { publishableKey } = await seedGeneratedProducts(app, catalogSize, (done) => {
    if (done % 20_000 === 0) log(`  ${done} products`)
  })
  log(`  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return publishableKey
}

export async function openCatalog(log: (line: string) => void = (line) => console.error(line)) {
  const app = await createShopwright({
    config: {
      projectDir: dataDir,
      database: { url: databaseUrl() },
      redis: { url: process.env.REDIS_URL || undefined, prefix: `swbench${catalogSize}` },
      logger: { level: 'silent' },
      http: { validateResponses: false },
    },
  })
  const publishableKey = await generatedCatalogKey(app, log)
  return { app, publishableKey }
}

export async function serveCatalog() {
  const { app, publishableKey } = await openCatalog()
  // The search index is rebuilt in the background at boot: let it finish before anything is measured.
  await app.container.resolve<SearchService>('searchService').ready()
  await app.listen(0, '127.0.0.1')
  return { app, url: app.url(), headers: { 'x-publishable-api-key': publishableKey } }
}

export default {
  kind: 'http',
  name: `catalog: product list, 20 per page with prices (${catalogSize} products, ${backend})`,
  path: '/store/products?limit=20&offset=40&currency_code=usd&fields=*variants.calculated_price',
  serve: async () => {
    const { url, headers } = await serveCatalog()
    return { url, headers }
  },
} satisfies HttpScenario
