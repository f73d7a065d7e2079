// The version every cached product page is stored under. It moves on with each catalog write (a
// counter in the shared key-value store, so every process sees it) and with time itself: when a
// price list starts or ends, the pages built before that moment are no longer asked for, without
// anyone writing anything.
import type { KeyValueStore } from '../../infra/kv'
import { SharedVersion } from '../../infra/shared-version'

export class CatalogVersion {
  private readonly writes: SharedVersion
  private boundaries: { counter: string; times: number[] } | undefined

  /** `timeBoundaries` lists the moments (ms) at which prices change by themselves (price list windows). */
  constructor(
    kv: KeyValueStore,
    private readonly timeBoundaries: () => Promise<number[]>,
  ) {
    this.writes = new SharedVersion(kv, 'catalog:version')
  }

  /** Every cached page is stale after a catalog write: the version in their keys moves on. */
  bump(): Promise<void> {
    return this.writes.bump()
  }

  /** `<writes>.<last time boundary passed>`: changes on any write and whenever a boundary passes. */
  async current(now = Date.now()): Promise<string> {
    const counter = await this.writes.current(now)
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
