// The storefront's hot reads on a generated catalog (BENCH_CATALOG_SIZE products, default 1,000, three
// variants each): a product page of 20 with calculated prices, and one product by handle. With
// DATABASE_URL and REDIS_URL set, the same on MySQL/MariaDB with Redis.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createShopwright, seedGeneratedProducts } from '@shopwright/core'
import type { HttpScenario } from '../scenario'

export const catalogSize = Number(process.env.BENCH_CATALOG_SIZE ?? 1000)

export async function serveCatalog() {
  const projectDir = mkdtempSync(path.join(tmpdir(), 'sw-bench-catalog-'))
  const app = await createShopwright({
    config: {
      projectDir,
      database: { url: process.env.DATABASE_URL ?? `sqlite:${path.join(projectDir, 'bench.db')}` },
      logger: { level: 'silent' },
      http: { validateResponses: false },
    },
  })
  const { publishableKey } = await seedGeneratedProducts(app, catalogSize)
  await app.listen(0, '127.0.0.1')
  return { app, url: app.url(), headers: { 'x-publishable-api-key': publishableKey } }
}

export default {
  kind: 'http',
  name: `catalog: product list, 20 per page with prices (${catalogSize} products)`,
  path: '/store/products?limit=20&offset=40&currency_code=usd&fields=*variants.calculated_price',
  serve: async () => {
    const { url, headers } = await serveCatalog()
    return { url, headers }
  },
} satisfies HttpScenario
