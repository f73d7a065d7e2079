// A committed event reaches its subscriber even when the process dies between commit and delivery.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, createTestDatabase, eventually, type TestApp, type TestDatabase } from '../../testing'
import { crashPlugin, delivered } from './fixtures/crash-plugin'

const childScript = fileURLToPath(new URL('./fixtures/emit-then-die.ts', import.meta.url))

function emitThenDie(database: TestDatabase, redisPrefix: string, role: 'api' | 'all'): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sw-crash-')), 'event-id')
  const child = spawnSync(process.execPath, ['--import', 'tsx', childScript], {
    env: {
      ...process.env,
      CRASH_DATABASE_URL: database.url,
      CRASH_REDIS_PREFIX: redisPrefix,
      CRASH_ROLE: role,
      CRASH_OUT: out,
    },
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  return readFileSync(out, 'utf8')
}

describe('crash between commit and delivery', () => {
  let app: TestApp | undefined
  let database: TestDatabase | undefined
  afterEach(async () => {
    await app?.close()
    await database?.drop()
    app = undefined
    delivered.length = 0
  })

  for (const role of ['all', 'api'] as const) {
    it(`delivers the event after a restart (the dead process had the ${role} role)`, async () => {
      database = await createTestDatabase()
      const redisPrefix = `swcrash_${Date.now()}_${role}`
      const eventId = emitThenDie(database, redisPrefix, role)
      expect(eventId).toMatch(/^evt_/)

      app = await createTestApp({ database, redisPrefix, plugins: [crashPlugin] })

      await eventually(() => delivered.some((event) => event.id === eventId))
      expect(delivered.filter((event) => event.id === eventId)).toHaveLength(1)
      expect(delivered[0]).toMatchObject({ name: 'order.survived', data: { total: 4200 } })
    }, 90_000)
  }
})
