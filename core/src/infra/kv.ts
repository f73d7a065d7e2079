// Key-value store with expiry (one-time codes, counters): in memory without Redis, Redis with it.
import type { Redis } from 'ioredis'

export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlMs?: number): Promise<void>
  /** Sets the value only when the key is absent; true when it did. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>
  delete(key: string): Promise<void>
  /** Adds `by` and returns the new value; a new key starts at 0 and expires after `ttlMs`. */
  increment(key: string, ttlMs?: number, by?: number): Promise<number>
  /** Milliseconds left before the key expires; undefined when absent or without expiry. */
  ttl(key: string): Promise<number | undefined>
}

interface Entry {
  value: string
  expiresAt: number | undefined
}

export class MemoryKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>()
  private readonly sweeper: NodeJS.Timeout

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000)
    this.sweeper.unref()
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.live(key)
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: ttlMs ? Date.now() + ttlMs : undefined })
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false
    await this.set(key, value, ttlMs)
    return true
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key)
  }

  async increment(key: string, ttlMs?: number, by = 1): Promise<number> {
    const entry = this.live(key)
    const value = (entry ? Number(entry.value) : 0) + by
    this.entries.set(key, {
      value: String(value),
      expiresAt: entry ? entry.expiresAt : ttlMs ? Date.now() + ttlMs : undefined,
    })
    return value
  }

  async ttl(key: string): Promise<number | undefined> {
    const entry = this.live(key)
    return entry?.expiresAt === undefined ? undefined : entry.expiresAt - Date.now()
  }

  close(): void {
    clearInterval(this.sweeper)
  }
}

export class RedisKeyValueStore implements KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:kv:${key}`
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs) await this.redis.set(this.key(key), value, 'PX', ttlMs)
    else await this.redis.set(this.key(key), value)
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const result = ttlMs
      ? await this.redis.set(this.key(key), value, 'PX', ttlMs, 'NX')
      : await this.redis.set(this.key(key), value, 'NX')
    return result === 'OK'
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key))
  }

  async increment(key: string, ttlMs?: number, by = 1): Promise<number> {
    const name = this.key(key)
    if (!ttlMs) return this.redis.incrby(name, by)
    // The expiry is set by the first hit only (NX), so a counter's window does not slide.
    const [[, value]] = (await this.redis.multi().incrby(name, by).pexpire(name, ttlMs, 'NX').exec()) as [
      [null, number],
      [null, number],
    ]
    return value
  }

  async ttl(key: string): Promise<number | undefined> {
    const left = await this.redis.pttl(this.key(key))
    return left >= 0 ? left : undefined
  }
}
