// `shopwright db migrate` applies pending migrations once and then has nothing to do.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTestDatabase } from '@shopwright/core/testing'
import { describe, expect, it } from 'vitest'
import { runShopwright } from './run-shopwright'

const shopwright = runShopwright

describe('shopwright db migrate', () => {
  it('applies the migrations of a fresh database, then reports it up to date', async () => {
    const database = await createTestDatabase()
    const project = mkdtempSync(path.join(tmpdir(), 'sw-project-'))
    try {
      const env = { DATABASE_URL: database.url, LOG_LEVEL: 'warn' }
      const first = shopwright(['db', 'migrate', '--project', project], env)
      expect(first.status, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/Applied \d+ migration\(s\): Migration\d+_system/)
      const second = shopwright(['db', 'migrate', '--project', project], env)
      expect(second.status, second.stderr).toBe(0)
      expect(second.stdout.trim()).toBe('Up to date')
    } finally {
      await database.drop()
    }
  })

  it('refuses an unknown role with a clear message', () => {
    const result = shopwright(['start', '--role', 'cashier'], {})
    expect(result.status).not.toBe(0)
    expect(result.stderr).toMatch(/--role.*cashier.*Allowed choices are api, worker, all/s)
  })
})
