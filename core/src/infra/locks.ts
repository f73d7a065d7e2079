// Named locks that serialise work across requests (and, with Redis, across processes).
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { ConflictError } from '../kernel/errors'

export interface LockOptions {
  /** The lock frees itself after this long, should its holder die. */
  ttlMs?: number
  /** How long to wait for a held lock before giving up with a ConflictError. */
  waitMs?: number
}

export interface Locks {
  withLock<T>(key: string, work: () => Promise<T>, options?: LockOptions): Promise<T>
}

const DEFAULT_TTL_MS = 30_000
const DEFAULT_WAIT_MS = 10_000

export class MemoryLocks implements Locks {
  private readonly tails = new Map<string, Promise<void>>()

  async withLock<T>(key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => mine)
    this.tails.set(key, tail)
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), waitMs)
    })
    const outcome = await Promise.race([previous.then(() => 'acquired' as const), timedOut])
    clearTimeout(timer)
    if (outcome === 'timeout') {
      // Pass our turn on once the holder is done, so the queue behind us keeps moving.
      previous.then(release)
      throw new ConflictError(`The resource ${key} is busy, try again`)
    }
    try {
      return await work()
    } finally {
      release()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}

const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export class RedisLocks implements Locks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async withLock<T>(key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const name = `${this.prefix}:lock:${key}`
    const token = randomUUID()
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS
    const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS)
    let delay = 5
    while ((await this.redis.set(name, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) throw new ConflictError(`The resource ${key} is busy, try again`)
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, 100)
    }
    try {
      return await work()
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 1, name, token)
    }
  }
}
