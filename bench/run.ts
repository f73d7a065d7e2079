// npm run bench [name-filter …]: runs every scenario under bench/scenarios (or those whose name or
// file contains one of the filters) and prints a table. Each HTTP scenario is measured next to a bare
// Koa server sending the very same response bytes. BENCH_DURATION (seconds, default 10) and
// BENCH_CONNECTIONS (default 32) tune the load; BENCH_JSON names a file to write the rows to.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { HttpScenario, ResultRow, Scenario, Served } from './scenario'
import { zipfStream } from './search-queries'

const here = path.dirname(fileURLToPath(import.meta.url))
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const filters = process.argv.slice(2)

type Listening = Omit<Served, 'stats'>

/** The next line the child prints that starts with `label`, parsed. */
function nextLine<T>(child: ChildProcess, label: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let seen = ''
    const onData = (chunk: unknown) => {
      seen += String(chunk)
      const match = new RegExp(`${label} (\\{.*\\})\\n`).exec(seen)
      if (!match) return
      child.stdout!.off('data', onData)
      resolve(JSON.parse(match[1]!) as T)
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`scenario server exited with ${code}`)))
  })
}

async function startServer(args: string[]): Promise<Listening & { child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve.ts'), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  return { ...(await nextLine<Listening>(child, 'LISTENING')), child }
}

/** What the scenario's server kept during the load (nothing when it keeps nothing). */
function serverStats(child: ChildProcess): Promise<Record<string, string | number>> {
  const answer = nextLine<Record<string, string | number>>(child, 'STATS')
  child.stdin!.write('stats\n')
  return answer
}

async function load(url: string, scenario: HttpScenario, paths?: string[]) {
  const next = paths && zipfStream(paths.length)
  const result = await autocannon({
    url: `${url}${scenario.path}`,
    method: scenario.method ?? 'GET',
    headers: scenario.headers,
    body: scenario.body,
    connections,
    duration: durationSeconds,
    // Many paths: each request asks the next of them by popularity.
    ...(next && { requests: [{ setupRequest: (request) => ({ ...request, path: paths[next()] }) }] }),
  })
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    bytes: Math.round(result.throughput.average / Math.max(result.requests.average, 1)),
  }
}

async function measureHttp(scenario: HttpScenario, file: string): Promise<ResultRow[]> {
  const started = await startServer(['scenario', file])
  const server = { ...started, path: started.path ?? scenario.path }
  scenario = { ...scenario, path: server.path, headers: { ...scenario.headers, ...started.headers } }
  try {
    const sample = await fetch(`${server.url}${scenario.path}`, {
      method: scenario.method ?? 'GET',
      headers: scenario.headers,
      body: scenario.body,
    })
    if (!sample.ok) throw new Error(`${scenario.name}: ${sample.status} ${await sample.text()}`)
    const bytesFile = path.join(mkdtempSync(path.join(tmpdir(), 'sw-bench-')), 'response.json')
    writeFileSync(bytesFile, await sample.text())
    const measured = await load(server.url, scenario, server.paths)
    const stats = await serverStats(server.child)
    const baselineServer = await startServer(['bytes', bytesFile])
    try {
      const baseline = await load(baselineServer.url, { ...scenario, path: '/', headers: {} })
      return [
        {
          scenario: scenario.name,
          'req/s': measured.rps,
          'p50 ms': measured.p50,
          'p99 ms': measured.p99,
          'errors/non-2xx': measured.errors,
          'bytes/resp': measured.bytes,
          'baseline req/s': baseline.rps,
          'baseline p99 ms': baseline.p99,
          'of baseline': `${Math.round((100 * measured.rps) / Math.max(baseline.rps, 1))}%`,
          ...stats,
        },
      ]
    } finally {
      baselineServer.child.kill()
    }
  } finally {
    server.child.kill()
  }
}

const files = readdirSync(path.join(here, 'scenarios'))
  .filter((file) => file.endsWith('.ts'))
  .sort((a, b) => (a === 'baseline.ts' ? -1 : b === 'baseline.ts' ? 1 : a.localeCompare(b)))
const rows: ResultRow[] = []
console.log(`Benchmarks: ${connections} connections, ${durationSeconds} s per measurement\n`)
for (const file of files) {
  const fullPath = path.join(here, 'scenarios', file)
  const scenario = (await import(fullPath)).default as Scenario
  if (!scenario) continue
  if (filters.length && !filters.some((filter) => scenario.name.includes(filter) || file.includes(filter)))
    continue
  console.log(`running ${scenario.name} …`)
  try {
    const result =
      scenario.kind === 'http'
        ? await measureHttp(scenario, fullPath)
        : await scenario.run({ durationSeconds, connections })
    rows.push(...result)
    console.table(result)
  } catch (error) {
    console.error(`${scenario.name} failed: ${(error as Error).message}`)
    process.exitCode = 1
  }
}
console.log('\nAll scenarios')
console.table(rows)
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows))
