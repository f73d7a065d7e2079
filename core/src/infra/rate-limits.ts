// Rate-limit counters (rate-limiter-flexible): in memory without Redis, shared through Redis with it.
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { TooManyRequestsError } from '../kernel/errors'

export interface RateLimitRule {
  /** Names the counter, e.g. `auth.sign-in.ip`. */
  name: string
  points: number
  durationSeconds: number
}

export interface RateLimiter {
  /** Counts one hit for `key`; throws TooManyRequestsError (429 with Retry-After) past the limit. */
  consume(key: string, points?: number): Promise<{ remaining: number }>
  reset(key: string): Promise<void>
}

export interface RateLimits {
  limiter(rule: RateLimitRule): RateLimiter
}

type Backend = RateLimiterMemory | RateLimiterRedis

class FlexibleRateLimiter implements RateLimiter {
  constructor(private readonly backend: Backend) {}

  async consume(key: string, points = 1): Promise<{ remaining: number }> {
    try {
      const result = await this.backend.consume(key, points)
      return { remaining: result.remainingPoints }
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new TooManyRequestsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)))
      }
      throw rejection
    }
  }

  async reset(key: string): Promise<void> {
    await this.backend.delete(key)
  }
}

export class MemoryRateLimits implements RateLimits {
  limiter(rule: RateLimitRule): RateLimiter {
    return new FlexibleRateLimiter(
      new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds }),
    )
  }
}

export class RedisRateLimits implements RateLimits {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  limiter(rule: RateLimitRule): RateLimiter {
    return new FlexibleRateLimiter(
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}:rl:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
    )
  }
}
