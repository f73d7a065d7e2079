// npm run bench:matrix: the catalog's benchmarks as the catalog issue asks for them: product list,
// product by handle and search with facets, each beside the bare Koa baseline serving the same bytes,
// on the embedded defaults (SQLite, in-process cache) and on MariaDB+Redis, for BENCH_SIZES products
// (default 1000,100000). Each catalog is seeded once (bench/seed.ts) and reused by later runs.
// BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306) and BENCH_REDIS_URL (default
// redis://127.0.0.1:6379) name the servers; BENCH_BACKENDS=embedded or mysql runs one of the two.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResultRow } from './scenario'

const here = path.dirname(fileURLToPath(import.meta.url))
const sizes = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number)
const backends: Record<string, NodeJS.ProcessEnv> = {
  embedded: { DATABASE_URL: '', REDIS_URL: '' },
  mysql: {
    DATABASE_URL: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  },
}
const chosen = (process.env.BENCH_BACKENDS ?? 'embedded,mysql').split(',')

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${result.status})`)
}

/** The targets: a list at 40% of the baseline with p99 under 50 ms; search p99 under 20 ms. */
function target(row: ResultRow, size: number): string {
  const share = Number(row['req/s']) / Math.max(Number(row['baseline req/s']), 1)
  const p99 = Number(row['p99 ms'])
  if (row.scenario.startsWith('catalog: product list'))
    return share >= 0.4 && p99 < 50 ? 'met' : `MISSED (${Math.round(share * 100)}%, p99 ${p99} ms)`
  if (row.scenario.startsWith('search') && size >= 100_000) return p99 < 20 ? 'met' : `MISSED (p99 ${p99} ms)`
  return '-'
}

const rows: ResultRow[] = []
for (const name of chosen) {
  for (const size of sizes) {
    const env = { ...backends[name], BENCH_PRODUCTS: String(size) }
    run('seed.ts', [], env)
    const json = path.join(mkdtempSync(path.join(tmpdir(), 'sw-bench-matrix-')), 'rows.json')
    run('run.ts', ['catalog', 'search'], { ...env, BENCH_JSON: json })
    for (const row of JSON.parse(readFileSync(json, 'utf8')) as ResultRow[]) {
      rows.push({ ...row, target: target(row, size) })
    }
  }
}
console.log('\nCatalog benchmarks')
console.table(rows)
