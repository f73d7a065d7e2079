// The version every cached product page is stored under. It moves on with each catalog write (a
// counter in the shared key-value store, so every process sees it) and with time itself: when a
// price list starts or ends, the pages built before that moment are no longer asked for, without
// anyone writing anything.
import type { KeyValueStore } from '../../infra/kv'

const VERSION_KEY = 'catalog:version'
/** How long this process trusts the counter it last read: another process's write shows within it. */
const VERSION_TTL_MS = 50

export class CatalogVersion {
  private counter: { value: string; until: number } | undefined
  private boundaries: { counter: string; times: number[] } | undefined

  /** `timeBoundaries` lists the moments (ms) at which prices change by themselves (price list windows). */
  constructor(
    private readonly kv: KeyValueStore,
    private readonly timeBoundaries: () => Promise<number[]>,
  ) {}

  /** Every cached page is stale after a catalog write: the version in their keys moves on. */
  async bump(): Promise<void> {
    const value = await this.kv.increment(VERSION_KEY)
    this.counter = { value: String(value), until: Date.now() + VERSION_TTL_MS }
  }

  /** `<writes>.<last time boundary passed>`: changes on any write and whenever a boundary passes. */
  async current(now = Date.now()): Promise<string> {
    if (!this.counter || this.counter.until <= now) {
      this.counter = { value: (await this.kv.get(VERSION_KEY)) ?? '0', until: now + VERSION_TTL_MS }
    }
    const counter = this.counter.value
    if (this.boundaries?.counter !== counter) {
      this.boundaries = { counter, times: (await this.timeBoundaries()).sort((a, b) => a - b) }
    }
    let passed = 0
    for (const time of this.boundaries.times) {
      if (time > now) break
      passed = time
    }
    return `${counter}.${passed}`
  }
}
