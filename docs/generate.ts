// npm run docs: writes the reference pages that are generated from the code.
import { writeFileSync } from 'node:fs'
import { renderConfigReference } from '@shopwright/core'

const target = new URL('./configuration.md', import.meta.url)
writeFileSync(target, renderConfigReference())
console.log(`wrote ${target.pathname}`)
