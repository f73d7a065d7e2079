// A plugin brings its own entities and migrations: the generator writes them from the entities,
// the app applies them at boot, and the plugin's table is then usable in a transaction.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineEntity, p } from '@mikro-orm/core'
import { describe, expect, it } from 'vitest'
import { definePlugin } from '../kernel/plugin'
import { createTestApp, testBackends } from '../testing'
import type { MigrationSet } from './database'
import { generateMigrations } from './migration-generator'

const WishlistEntry = defineEntity({
  name: 'WishlistEntry',
  tableName: 'wishlist_entry',
  properties: {
    id: p.string().length(40).primary(),
    customer_id: p.string().length(40).index(),
    product_id: p.string().length(40),
    created_at: p.bigint('number'),
  },
})

describe('plugin entities and migrations', () => {
  it('generates, applies and uses a plugin table', async () => {
    const dialect = testBackends.mysqlServer ? 'mysql' : 'sqlite'
    const outDir = mkdtempSync(path.join(tmpdir(), 'sw-plugin-migrations-'))
    const written = await generateMigrations({
      module: 'wishlist',
      entities: [WishlistEntry],
      existing: [],
      outDir,
      mysqlServerUrl: testBackends.mysqlServer ?? 'mysql://root@127.0.0.1:3306',
      dialects: [dialect],
    })
    expect(written).toHaveLength(1)
    expect(path.basename(written[0]!)).toMatch(/^Migration\d+_wishlist\.ts$/)
    const { migrations } = (await import(path.join(outDir, 'index.ts'))) as { migrations: MigrationSet }
    expect(migrations[dialect]).toHaveLength(1)

    const wishlist = definePlugin({ name: 'wishlist', entities: [WishlistEntry], migrations })
    const app = await createTestApp({ plugins: [wishlist], listen: false })
    try {
      expect(await app.db.schemaDiff()).toBe('')
      await app.db.transaction(async (em) => {
        em.create(WishlistEntry, {
          id: 'wl_1',
          customer_id: 'cus_1',
          product_id: 'prod_1',
          created_at: Date.now(),
        })
      })
      expect(await app.db.em().find(WishlistEntry, { customer_id: 'cus_1' })).toHaveLength(1)
    } finally {
      await app.close()
    }
  })
})
