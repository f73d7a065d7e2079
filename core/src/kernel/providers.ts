// Provider registries: each kind of outside service is a provider that plugins register and that
// core resolves by id (e.g. `pp_stripe`). The commerce modules define each contract's methods.

import type { AuthProvider } from '../modules/auth/provider'
import type { NotificationProvider } from '../modules/notification/provider'
import type { PaymentProvider } from '../modules/payment/provider'
import type { SearchProvider } from '../modules/search/provider'
import { NotFoundError } from './errors'

export interface Provider {
  readonly id: string
}

export class ProviderRegistry<P extends Provider = Provider> {
  private readonly providers = new Map<string, P>()

  constructor(readonly kind: string) {}

  register(provider: P): void {
    if (this.providers.has(provider.id)) {
      throw new Error(`A ${this.kind} provider with the id ${provider.id} is already registered`)
    }
    this.providers.set(provider.id, provider)
  }

  has(id: string): boolean {
    return this.providers.has(id)
  }

  /** The provider with this id; an unknown id is a caller's mistake, answered with a 404. */
  get(id: string): P {
    const provider = this.providers.get(id)
    if (!provider) throw new UnknownProviderError(this.kind, id)
    return provider
  }

  list(): P[] {
    return [...this.providers.values()]
  }
}

export class UnknownProviderError extends NotFoundError {
  constructor(kind: string, id: string) {
    super(`No ${kind} provider is registered with the id ${id}`)
  }
}

export const PROVIDER_KINDS = ['payment', 'search', 'notification', 'auth', 'recommendation'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

/** Each kind's registry, typed by its contract (recommendation's contract comes with its plugin). */
export interface Providers {
  payment: ProviderRegistry<PaymentProvider>
  search: ProviderRegistry<SearchProvider>
  notification: ProviderRegistry<NotificationProvider>
  auth: ProviderRegistry<AuthProvider>
  recommendation: ProviderRegistry
}

export function createProviders(): Providers {
  return Object.fromEntries(
    PROVIDER_KINDS.map((kind) => [kind, new ProviderRegistry(kind)]),
  ) as unknown as Providers
}
