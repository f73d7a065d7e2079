// `shopwright start --role api` and `--role worker` as two processes: the API emits an event, the
// worker handles it. On SQLite the two share the file; with REDIS_URL the work goes through BullMQ.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestDatabase, dropRedisPrefix, eventually, type TestDatabase } from '@shopwright/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../bin/shopwright.js', import.meta.url))
const project = fileURLToPath(new URL('./fixtures/split-roles', import.meta.url))

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function start(
  role: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  port: number,
): ChildProcess & { output: string[] } {
  const child = spawn(
    process.execPath,
    [bin, 'start', '--role', role, '--port', String(port), '--project', project],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ) as ChildProcess & { output: string[] }
  child.output = []
  child.stdout?.on('data', (chunk) => child.output.push(String(chunk)))
  child.stderr?.on('data', (chunk) => child.output.push(String(chunk)))
  return child
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })
}

describe('split roles', () => {
  let database: TestDatabase
  let api: ChildProcess & { output: string[] }
  let worker: ChildProcess & { output: string[] }
  let port: number
  const out = mkdtempSync(path.join(tmpdir(), 'sw-roles-'))
  const prefix = `swroles_${Date.now()}`

  beforeAll(async () => {
    database = await createTestDatabase()
    port = await freePort()
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? '',
      REDIS_PREFIX: prefix,
      SPLIT_TEST_OUT: out,
      NODE_ENV: 'test',
    }
    // The API migrates the fresh database; the worker starts once that is done.
    api = start('api', env, port)
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/ready`)).ok, 30_000)
    worker = start('worker', env, port)
    await eventually(() => worker.output.join('').includes('worker is running'), 30_000)
  })

  afterAll(async () => {
    await Promise.all([api && stop(api), worker && stop(worker)])
    await database?.drop()
    await dropRedisPrefix(prefix)
  })

  it('hands an event emitted by the API process to the worker process', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/store/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'from the api' }),
    })
    expect(response.status).toBe(202)
    const { event_id } = (await response.json()) as { event_id: string }

    const file = path.join(out, `${event_id}.json`)
    await eventually(() => existsSync(file), 20_000)
    const handled = JSON.parse(readFileSync(file, 'utf8'))
    expect(handled).toEqual({ pid: worker.pid, role: 'worker', data: { note: 'from the api' } })
    expect(readdirSync(out)).toHaveLength(1)
  })

  it('drains and exits cleanly on SIGTERM', async () => {
    expect(await stop(worker)).toBe(0)
    expect(await stop(api)).toBe(0)
  })
})
