// Cache, key-value store, locks and rate limits behave the same in memory and on Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TooManyRequestsError } from '../kernel/errors'
import { createTestApp, type TestApp, testBackends } from '../testing'
import { type Cache, MemoryCache, RedisCache } from './cache'
import { type KeyValueStore, MemoryKeyValueStore, RedisKeyValueStore } from './kv'
import { type Locks, MemoryLocks, RedisLocks } from './locks'
import type { RateLimits } from './rate-limits'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe(`shared infrastructure (${testBackends.redisUrl ? 'Redis' : 'in memory'})`, () => {
  let app: TestApp
  let kv: KeyValueStore
  let cache: Cache
  let locks: Locks
  let rateLimits: RateLimits

  beforeAll(async () => {
    app = await createTestApp({ listen: false })
    kv = app.container.resolve('kv')
    cache = app.container.resolve('cache')
    locks = app.container.resolve('locks')
    rateLimits = app.container.resolve('rateLimits')
  })
  afterAll(() => app.close())

  it('uses Redis exactly when REDIS_URL is set', () => {
    expect(kv).toBeInstanceOf(testBackends.redisUrl ? RedisKeyValueStore : MemoryKeyValueStore)
    expect(cache).toBeInstanceOf(testBackends.redisUrl ? RedisCache : MemoryCache)
    expect(locks).toBeInstanceOf(testBackends.redisUrl ? RedisLocks : MemoryLocks)
  })

  it('forgets a key-value entry when its time is up', async () => {
    await kv.set('otp:alice', 'hash', 150)
    expect(await kv.get('otp:alice')).toBe('hash')
    expect(await kv.ttl('otp:alice')).toBeGreaterThan(0)
    await sleep(250)
    expect(await kv.get('otp:alice')).toBeUndefined()
  })

  it('sets a key only when absent, and counts with an expiry set by the first hit', async () => {
    expect(await kv.setIfAbsent('cooldown:bob', '1', 5000)).toBe(true)
    expect(await kv.setIfAbsent('cooldown:bob', '2', 5000)).toBe(false)
    expect(await kv.get('cooldown:bob')).toBe('1')
    expect(await kv.increment('tries:bob', 5000)).toBe(1)
    expect(await kv.increment('tries:bob', 5000)).toBe(2)
    expect(await kv.increment('tries:bob', 5000, 3)).toBe(5)
    expect(await kv.increment('catalog:version')).toBe(1)
    expect(await kv.increment('catalog:version')).toBe(2)
    expect(await kv.ttl('catalog:version')).toBeUndefined()
    await kv.delete('tries:bob')
    expect(await kv.get('tries:bob')).toBeUndefined()
  })

  it('caches a loaded value and loads it once', async () => {
    let loads = 0
    const load = async () => `document-${++loads}`
    expect(await cache.wrap('product:1', 10_000, load)).toBe('document-1')
    expect(await cache.wrap('product:1', 10_000, load)).toBe('document-1')
    await cache.delete('product:1')
    expect(await cache.wrap('product:1', 10_000, load)).toBe('document-2')
  })

  it('runs work under one lock name one at a time', async () => {
    const order: string[] = []
    const work = (name: string) =>
      locks.withLock('cart:1', async () => {
        order.push(`${name}:start`)
        await sleep(40)
        order.push(`${name}:end`)
      })
    await Promise.all([work('a'), work('b'), work('c')])
    for (let i = 0; i < order.length; i += 2) {
      expect(order[i]!.split(':')[0]).toBe(order[i + 1]!.split(':')[0])
    }
    expect(order).toHaveLength(6)
  })

  it('gives up waiting for a lock with a conflict', async () => {
    const holder = locks.withLock('cart:2', () => sleep(300))
    await expect(locks.withLock('cart:2', async () => 'never', { waitMs: 50 })).rejects.toThrow(/busy/)
    await holder
    expect(await locks.withLock('cart:2', async () => 'free again')).toBe('free again')
  })

  it('answers past the rate limit with a retry time', async () => {
    const limiter = rateLimits.limiter({ name: 'test.sign-in', points: 3, durationSeconds: 60 })
    for (let i = 0; i < 3; i++) await limiter.consume('ip:10.0.0.1')
    const rejection = await limiter.consume('ip:10.0.0.1').catch((error: unknown) => error)
    expect(rejection).toBeInstanceOf(TooManyRequestsError)
    expect((rejection as TooManyRequestsError).details?.retryAfterSeconds).toBeGreaterThan(0)
    await expect(limiter.consume('ip:10.0.0.2')).resolves.toEqual({ remaining: 2 })
  })
})
