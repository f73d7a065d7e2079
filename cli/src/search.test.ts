// `shopwright search reindex` rebuilds the search index from the catalog and says how much it indexed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProductService } from '@shopwright/core'
import { createTestApp, createTestDatabase } from '@shopwright/core/testing'
import { describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../bin/shopwright.js', import.meta.url))

describe('shopwright search reindex', () => {
  it('indexes every published product of the catalog, and no draft', async () => {
    const database = await createTestDatabase()
    const project = mkdtempSync(path.join(tmpdir(), 'sw-project-'))
    try {
      const app = await createTestApp({ database, listen: false })
      await app.container.resolve<ProductService>('productService').createProducts([
        { title: 'Harbour Cap', status: 'published' },
        { title: 'Harbour Scarf', status: 'published' },
        { title: 'Harbour Draft', status: 'draft' },
      ])
      await app.close({ keepData: true })

      const result = spawnSync(process.execPath, [bin, 'search', 'reindex', '--project', project], {
        env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(result.status, result.stderr).toBe(0)
      expect(result.stdout).toMatch(/^Search index rebuilt: 2 published product\(s\) in \d+\.\d s$/m)
    } finally {
      await database.drop()
    }
  })
})
