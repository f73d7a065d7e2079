// The store's settings. There is one store: made with defaults the first time anyone asks for it.
import { type Database, isUniqueViolation } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import { Store } from './entities'
import { StoreEvents } from './events'

/** There is one store. */
const STORE_ID = 'store_default'
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()))

export interface StoreInput {
  name?: string
  default_currency_code?: string
  supported_currencies?: string[]
  metadata?: Record<string, unknown> | null
}

export interface StoreView {
  id: string
  name: string
  default_currency_code: string
  supported_currencies: Array<{ currency_code: string; is_default: boolean }>
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

type StoreRow = {
  id: string
  name: string
  default_currency_code: string
  supported_currency_codes: string[]
  metadata?: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

function view(store: StoreRow): StoreView {
  return {
    id: store.id,
    name: store.name,
    default_currency_code: store.default_currency_code,
    supported_currencies: store.supported_currency_codes.map((currency_code) => ({
      currency_code,
      is_default: currency_code === store.default_currency_code,
    })),
    metadata: store.metadata ?? null,
    created_at: store.created_at.toISOString(),
    updated_at: store.updated_at.toISOString(),
  }
}

export class StoreService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** The store, made with defaults (USD) if there is none yet. */
  async retrieveStore(): Promise<StoreView> {
    return view(await this.ensureStore())
  }

  async retrieveStoreById(id: string): Promise<StoreView> {
    const store = await this.retrieveStore()
    if (store.id !== id) throw new NotFoundError(`Store with id: ${id} was not found`)
    return store
  }

  async updateStore(id: string, input: StoreInput): Promise<StoreView> {
    await this.ensureStore()
    const updated = await this.db.transaction(async (em) => {
      const store = await em.findOneOrFail(Store, { id: STORE_ID })
      if (store.id !== id) throw new NotFoundError(`Store with id: ${id} was not found`)
      const supported = input.supported_currencies
        ? [...new Set(input.supported_currencies.map((code) => code.toLowerCase()))]
        : store.supported_currency_codes
      const unknown = supported.filter((code) => !KNOWN_CURRENCIES.has(code))
      if (unknown.length) throw new InvalidDataError(`Unknown currency codes: ${unknown.join(', ')}`)
      const defaultCurrency = (input.default_currency_code ?? store.default_currency_code).toLowerCase()
      if (!supported.includes(defaultCurrency)) {
        throw new InvalidDataError(
          `The default currency ${defaultCurrency} must be one of the supported currencies (${supported.join(', ')})`,
        )
      }
      em.assign(store, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.metadata !== undefined && { metadata: input.metadata }),
        default_currency_code: defaultCurrency,
        supported_currency_codes: supported,
      })
      this.events.emit(em, StoreEvents.updated, { id })
      return store
    })
    return view(updated)
  }

  /**
   * The one store, made on first use outside any transaction: two first readers at once both insert
   * the same fixed id, one wins, and both then read the row the winner committed.
   */
  private async ensureStore() {
    const em = this.db.em().fork()
    const existing = await em.findOne(Store, { id: STORE_ID })
    if (existing) return existing
    try {
      await em.insert(Store, {
        id: STORE_ID,
        name: 'Shopwright store',
        default_currency_code: 'usd',
        supported_currency_codes: ['usd'],
        metadata: null,
        created_at: new Date(),
        updated_at: new Date(),
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
    return em.findOneOrFail(Store, { id: STORE_ID }, { refresh: true })
  }
}
