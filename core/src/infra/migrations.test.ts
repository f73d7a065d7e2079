// Migrations are generated from the entities: after applying them all, the schema matches the
// entities exactly. This fails when someone changes an entity and forgets `shopwright db generate`.
import { describe, expect, it } from 'vitest'
import { createTestApp } from '../testing'

describe('migrations', () => {
  it('build exactly the schema the entities describe', async () => {
    const app = await createTestApp()
    try {
      expect(await app.db.pendingMigrations()).toEqual([])
      expect(await app.db.schemaDiff()).toBe('')
    } finally {
      await app.close()
    }
  })
})
