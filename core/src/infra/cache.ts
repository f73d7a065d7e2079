// Cache of serialized values (read models, e.g. product documents): LRU in memory, or Redis.
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'

export interface Cache {
  get(key: string): Promise<string | undefined>
  /** Several values in one round trip, in the order asked (undefined where absent). */
  getMany(keys: string[]): Promise<Array<string | undefined>>
  set(key: string, value: string, ttlMs?: number): Promise<void>
  delete(...keys: string[]): Promise<void>
  /** The cached value, or what `load` makes of it, cached for next time. */
  wrap(key: string, ttlMs: number, load: () => Promise<string>): Promise<string>
}

abstract class BaseCache implements Cache {
  abstract get(key: string): Promise<string | undefined>
  abstract getMany(keys: string[]): Promise<Array<string | undefined>>
  abstract set(key: string, value: string, ttlMs?: number): Promise<void>
  abstract delete(...keys: string[]): Promise<void>

  async wrap(key: string, ttlMs: number, load: () => Promise<string>): Promise<string> {
    const hit = await this.get(key)
    if (hit !== undefined) return hit
    const value = await load()
    await this.set(key, value, ttlMs)
    return value
  }
}

export class MemoryCache extends BaseCache {
  private readonly lru: LRUCache<string, string>

  constructor(maxBytes = 64 * 1024 * 1024) {
    super()
    this.lru = new LRUCache({ maxSize: maxBytes, sizeCalculation: (value, key) => value.length + key.length })
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key)
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    return keys.map((key) => this.lru.get(key))
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlMs })
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key)
  }
}

export class RedisCache extends BaseCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super()
  }

  private key(key: string): string {
    return `${this.prefix}:cache:${key}`
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    if (!keys.length) return []
    return (await this.redis.mget(...keys.map((key) => this.key(key)))).map((value) => value ?? undefined)
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs) await this.redis.set(this.key(key), value, 'PX', ttlMs)
    else await this.redis.set(this.key(key), value)
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((key) => this.key(key)))
  }
}
