// Child process of the runner: serves one scenario (or raw bytes for its baseline) and prints its URL;
// a line `stats` on stdin asks for the figures the scenario kept, printed as `STATS {…}`.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { HttpScenario, Served } from './scenario'
import { serveBytes } from './scenarios/baseline'

const [mode, target] = process.argv.slice(2)
const { stats, ...served }: Served =
  mode === 'bytes'
    ? await serveBytes(readFileSync(target!, 'utf8'))
    : await ((await import(target!)).default as HttpScenario).serve()
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stats') process.stdout.write(`STATS ${JSON.stringify(stats?.() ?? {})}\n`)
})
process.stdout.write(`LISTENING ${JSON.stringify(served)}\n`)
