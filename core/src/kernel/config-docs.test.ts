// docs/configuration.md is generated from the config schema: this fails when they drift apart.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderConfigReference } from './config'

describe('configuration reference', () => {
  it('matches the config schema (run `npm run docs` after changing it)', () => {
    const committed = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderConfigReference())
  })
})
