// Caching of data read on every request and changed rarely (regions, tax rates, shipping options),
// correct across processes: a version counter in the shared key-value store (Redis in production)
// moves on with each write; each process trusts the counter it last read for 50 ms, and keeps
// values only for as long as the version they were read at stands.
import { LRUCache } from 'lru-cache'
import type { KeyValueStore } from './kv'

/** How long this process trusts the counter it last read: another process's write shows within it. */
const TRUST_MS = 50

export class SharedVersion {
  private counter: { value: string; until: number } | undefined

  constructor(
    private readonly kv: KeyValueStore,
    private readonly key: string,
  ) {}

  /** After a write has committed: every value cached under the version before is stale. */
  async bump(): Promise<void> {
    const value = await this.kv.increment(this.key)
    this.counter = { value: String(value), until: Date.now() + TRUST_MS }
  }

  async current(now = Date.now()): Promise<string> {
    if (!this.counter || this.counter.until <= now) {
      this.counter = { value: (await this.kv.get(this.key)) ?? '0', until: now + TRUST_MS }
    }
    return this.counter.value
  }
}

/** Values kept in this process, each for as long as the version it was read at is the current one. */
export class VersionedCache<V> {
  private readonly entries: LRUCache<string, { version: string; value: V }>

  constructor(
    private readonly version: () => Promise<string>,
    max = 500,
  ) {
    this.entries = new LRUCache({ max })
  }

  /** The value of `key` at the current version, loaded when not kept. Read the version first, so
   * a value loaded while a write commits is kept under the version before it, never after. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = await this.version()
    const kept = this.entries.get(key)
    if (kept?.version === version) return kept.value
    const value = await load()
    this.entries.set(key, { version, value })
    return value
  }
}
