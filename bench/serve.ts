// Child process of the runner: serves one scenario (or raw bytes for its baseline) and prints its URL.
import { readFileSync } from 'node:fs'
import type { HttpScenario } from './scenario'
import { serveBytes } from './scenarios/baseline'

const [mode, target] = process.argv.slice(2)
const served =
  mode === 'bytes'
    ? await serveBytes(readFileSync(target!, 'utf8'))
    : await ((await import(target!)).default as HttpScenario).serve()
process.stdout.write(`LISTENING ${JSON.stringify(served)}\n`)
