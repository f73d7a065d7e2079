#!/usr/bin/env node
// The shopwright command. TypeScript (Shopwright's sources and the project's shopwright.config.ts)
// runs through tsx, so no build step is needed.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
await main(process.argv)
