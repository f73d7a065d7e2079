// The Store API's x-publishable-api-key: which sales channels a storefront sees. As in Medusa, a
// request without a valid key is answered 400. Keys are cached briefly: a revoked key stops working
// within KEY_CACHE_MS.
import type { Context } from 'koa'
import { LRUCache } from 'lru-cache'
import { ShopwrightError } from '../kernel/errors'

export interface PublishableKeyScope {
  id: string
  sales_channel_ids: string[]
}

export interface PublishableKeyResolver {
  /** The key's sales channels, or undefined for an unknown or revoked key. */
  resolvePublishableKey(token: string): Promise<PublishableKeyScope | undefined>
}

export class PublishableKeyError extends ShopwrightError {
  constructor(message: string) {
    super('not_allowed', message, 400)
  }
}

const KEY_CACHE_MS = 10_000
const cache = new LRUCache<string, PublishableKeyScope | false>({ max: 1000, ttl: KEY_CACHE_MS })

export async function requirePublishableKey(
  koa: Context,
  resolver: PublishableKeyResolver,
): Promise<PublishableKeyScope> {
  const token = koa.get('x-publishable-api-key')
  if (!token) {
    throw new PublishableKeyError(
      'Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.',
    )
  }
  let scope = cache.get(token)
  if (scope === undefined) {
    scope = (token.length <= 191 && (await resolver.resolvePublishableKey(token))) || false
    cache.set(token, scope)
  }
  if (!scope) throw new PublishableKeyError('A valid publishable key is required to proceed with the request')
  return scope
}

/** Forget cached keys (after a key is revoked, in this process). */
export function forgetPublishableKeys(): void {
  cache.clear()
}
