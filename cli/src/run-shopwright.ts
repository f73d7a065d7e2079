// For the CLI's tests: runs the shopwright command in a child process, as a user would.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const shopwrightBin = fileURLToPath(new URL('../bin/shopwright.js', import.meta.url))

export function runShopwright(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [shopwrightBin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}
