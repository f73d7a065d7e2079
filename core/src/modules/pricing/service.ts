// Prices per variant (written with the product in one transaction, read in bulk for the read model),
// price lists (sales and overrides in a time window), and the one calculation of what a unit costs.
import type { EntityManager, Knex } from '@mikro-orm/knex'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { CatalogVersion } from '../product/catalog-version'
import type { RegionService } from '../region/service'
import { Price, PriceList } from './entities'
import { PricingEvents } from './events'

export interface PriceInput {
  /** A variant's own price being kept (and changed): its id stays; prices without one are new. */
  id?: string
  currency_code: string
  /** In the currency's minor unit (cents). */
  amount: number
  region_id?: string | null
  min_quantity?: number | null
  max_quantity?: number | null
}

export interface PriceListPriceInput extends PriceInput {
  variant_id: string
}

export type PriceListType = 'sale' | 'override'
export type PriceListStatus = 'draft' | 'active'

export interface PriceListInput {
  title: string
  description?: string
  type?: PriceListType
  status?: PriceListStatus
  starts_at?: Date | null
  ends_at?: Date | null
  region_id?: string | null
  prices?: PriceListPriceInput[]
}

/** A price as the calculation reads it: with its price list's terms when it belongs to one. */
export interface PriceRow {
  id: string
  variant_id: string
  currency_code: string
  amount: number
  region_id: string | null
  min_quantity: number | null
  max_quantity: number | null
  price_list_id: string | null
  list_type: PriceListType | null
  list_status: PriceListStatus | null
  list_starts_at: Date | string | null
  list_ends_at: Date | string | null
  list_region_id: string | null
}

export interface PricingContext {
  currency_code: string
  region_id?: string
  prices_include_tax?: boolean
}

interface PriceTier {
  id: string
  price_list_id: string | null
  price_list_type: PriceListType | null
  min_quantity: number | null
  max_quantity: number | null
}

/** Medusa's calculated_price: what a unit costs here and now, and what it costs without price lists. */
export interface CalculatedPrice {
  id: string
  is_calculated_price_price_list: boolean
  is_calculated_price_tax_inclusive: boolean
  calculated_amount: number
  original_amount: number
  original_amount_with_tax: number | null
  original_amount_without_tax: number | null
  currency_code: string
  calculated_price: PriceTier
  original_price: PriceTier
}

export interface PriceListView {
  id: string
  title: string
  description: string
  type: PriceListType
  status: PriceListStatus
  starts_at: string | null
  ends_at: string | null
  region_id: string | null
  prices: Array<{
    id: string
    variant_id: string
    currency_code: string
    amount: number
    region_id: string | null
    min_quantity: number | null
    max_quantity: number | null
  }>
  created_at: string
  updated_at: string
}

export interface PriceListQuery {
  limit: number
  offset: number
  id?: string[]
  status?: PriceListStatus[]
  type?: PriceListType[]
}

function assertQuantities(price: PriceInput): void {
  if (price.min_quantity != null && price.max_quantity != null && price.max_quantity < price.min_quantity) {
    throw new InvalidDataError(
      `A price's max_quantity (${price.max_quantity}) is below its min_quantity (${price.min_quantity})`,
    )
  }
}

const time = (value: Date | string | null) => (value == null ? null : new Date(value).getTime())
const lowest = (rows: PriceRow[]) =>
  rows.reduce<PriceRow | undefined>((a, b) => (!a || b.amount < a.amount ? b : a), undefined)

export class PricingService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly catalog: CatalogVersion,
    private readonly regions: RegionService,
    /** Which of these variant ids exist (the product module answers). */
    private readonly existingVariants: (ids: string[]) => Promise<string[]>,
  ) {}

  // ---- a variant's own prices --------------------------------------------------------------------

  /** Gives a new variant its own prices, in the caller's transaction. */
  addVariantPrices(em: EntityManager, variantId: string, prices: PriceInput[]): void {
    for (const price of prices) {
      if (price.id !== undefined) throw new InvalidDataError(`A new variant has no price ${price.id} to keep`)
      this.createPrice(em, variantId, price, null)
    }
  }

  /**
   * Makes `prices` a variant's own prices (not its price lists'), in the caller's transaction, as
   * Medusa does: a price given with its id is updated in place, one without is added, and those left
   * out are removed.
   */
  async setVariantPrices(em: EntityManager, variantId: string, prices: PriceInput[]): Promise<void> {
    const existing = await em.find(Price, { variant_id: variantId, price_list_id: null })
    const kept = new Map(existing.map((price) => [price.id, price]))
    const given = new Set<string>()
    for (const price of prices) {
      if (price.id === undefined) continue
      if (!kept.has(price.id) || given.has(price.id)) {
        throw new InvalidDataError(
          `Price ${price.id} is not a price of variant ${variantId}, or is given twice`,
        )
      }
      given.add(price.id)
    }
    const gone = existing.filter((price) => !given.has(price.id)).map((price) => price.id)
    if (gone.length) await em.nativeDelete(Price, { id: { $in: gone } })
    for (const price of prices) {
      if (price.id === undefined) {
        this.createPrice(em, variantId, price, null)
        continue
      }
      assertQuantities(price)
      em.assign(kept.get(price.id)!, {
        currency_code: price.currency_code.toLowerCase(),
        amount: price.amount,
        region_id: price.region_id ?? null,
        min_quantity: price.min_quantity ?? null,
        max_quantity: price.max_quantity ?? null,
      })
    }
  }

  /** Every price of these variants, their price lists' too (the variants are going away). */
  async deleteVariantPrices(em: EntityManager, variantIds: string[]): Promise<void> {
    if (variantIds.length) await em.nativeDelete(Price, { variant_id: { $in: variantIds } })
  }

  /** Every price of these variants with its price list's terms, in one query. */
  async listPrices(variantIds: string[], knex?: Knex): Promise<PriceRow[]> {
    if (!variantIds.length) return []
    const rows = (await (knex ?? knexOf(this.db.em()))('price as p')
      .leftJoin('price_list as l', 'l.id', 'p.price_list_id')
      .whereIn('p.variant_id', variantIds)
      .select(
        'p.id',
        'p.variant_id',
        'p.currency_code',
        'p.amount',
        'p.region_id',
        'p.min_quantity',
        'p.max_quantity',
        'p.price_list_id',
        'l.type as list_type',
        'l.status as list_status',
        'l.starts_at as list_starts_at',
        'l.ends_at as list_ends_at',
        'l.region_id as list_region_id',
      )) as PriceRow[]
    for (const row of rows) row.amount = Number(row.amount)
    return rows
  }

  // ---- calculation -----------------------------------------------------------------------------

  /**
   * What one unit costs when buying `quantity` of it at `now`, as Medusa calculates it: the
   * variant's own price (its region's if it has one, else the currency's, in the quantity's tier);
   * an active sale price list replaces it when lower, an active override always (and becomes the
   * original price too). Undefined when the variant has no price in the currency.
   */
  calculate(
    prices: PriceRow[],
    context: PricingContext,
    quantity = 1,
    now = Date.now(),
  ): CalculatedPrice | undefined {
    const fits = (price: PriceRow) =>
      price.currency_code === context.currency_code &&
      (price.min_quantity ?? 1) <= quantity &&
      (price.max_quantity ?? Number.POSITIVE_INFINITY) >= quantity &&
      (price.region_id === null || price.region_id === context.region_id)
    const live = (price: PriceRow) =>
      price.list_status === 'active' &&
      (price.list_region_id === null || price.list_region_id === context.region_id) &&
      (time(price.list_starts_at) ?? Number.NEGATIVE_INFINITY) <= now &&
      (time(price.list_ends_at) ?? Number.POSITIVE_INFINITY) > now
    const candidates = prices.filter(fits)
    const own = candidates.filter((price) => price.price_list_id === null)
    const base = lowest(own.filter((price) => price.region_id !== null)) ?? lowest(own)
    const listed = candidates.filter((price) => price.price_list_id !== null && live(price))
    const override = lowest(listed.filter((price) => price.list_type === 'override'))
    const sale = lowest(listed.filter((price) => price.list_type === 'sale'))

    let calculated = base
    let original = base
    if (override) {
      calculated = override
      original = override
    } else if (sale && (!base || sale.amount < base.amount)) {
      calculated = sale
      original = base ?? sale
    }
    if (!calculated || !original) return undefined
    const inclusive = context.prices_include_tax ?? false
    return {
      id: calculated.id,
      is_calculated_price_price_list: calculated.price_list_id !== null,
      is_calculated_price_tax_inclusive: inclusive,
      calculated_amount: calculated.amount,
      original_amount: original.amount,
      original_amount_with_tax: inclusive ? original.amount : null,
      original_amount_without_tax: inclusive ? null : original.amount,
      currency_code: calculated.currency_code,
      calculated_price: tier(calculated),
      original_price: tier(original),
    }
  }

  /**
   * Unit prices for a cart, one per variant that has a price (variants without one are absent):
   *
   *   pricingService.calculatePrices(em, {
   *     variant_ids: ['variant_…'], region_id: 'reg_…',   // or currency_code: 'usd'
   *     quantities: { 'variant_…': 12 },                   // per variant, default 1: picks the tier
   *   }) → { 'variant_…': CalculatedPrice }
   *
   * `calculated_amount` is the unit price to charge (quantity tier and price lists applied);
   * `is_calculated_price_tax_inclusive` says whether it includes tax (the region's setting). Pass the
   * caller's transaction as `em` to read inside it, or undefined.
   */
  async calculatePrices(
    em: EntityManager | undefined,
    input: {
      variant_ids: string[]
      currency_code?: string
      region_id?: string
      quantities?: Record<string, number>
    },
  ): Promise<Record<string, CalculatedPrice>> {
    const context = await this.pricingContext(input)
    const prices = await this.listPrices(input.variant_ids, knexOf(em ?? this.db.em()))
    const now = Date.now()
    const result: Record<string, CalculatedPrice> = {}
    for (const variantId of new Set(input.variant_ids)) {
      const quantity = input.quantities?.[variantId] ?? 1
      if (!Number.isInteger(quantity) || quantity < 1)
        throw new InvalidDataError(`Quantity of ${variantId} must be a whole number of at least 1`)
      const own = prices.filter((price) => price.variant_id === variantId)
      const calculated = this.calculate(own, context, quantity, now)
      if (calculated) result[variantId] = calculated
    }
    return result
  }

  private async pricingContext(input: {
    currency_code?: string
    region_id?: string
  }): Promise<PricingContext> {
    if (input.region_id) {
      const context = await this.regions.pricingContext(input.region_id)
      if (input.currency_code && input.currency_code.toLowerCase() !== context.currency_code) {
        throw new InvalidDataError(
          `Region ${input.region_id} prices in ${context.currency_code}, not ${input.currency_code.toLowerCase()}`,
        )
      }
      return context
    }
    if (!input.currency_code) throw new InvalidDataError('Give a region_id or a currency_code to price in')
    return { currency_code: input.currency_code.toLowerCase() }
  }

  /** The moments at which an active price list starts or ends: cached prices change then. */
  async priceListBoundaries(): Promise<number[]> {
    const rows = (await knexOf(this.db.em())('price_list')
      .where('status', 'active')
      .select('starts_at', 'ends_at')) as Array<{
      starts_at: Date | string | null
      ends_at: Date | string | null
    }>
    return rows.flatMap((row) => [time(row.starts_at), time(row.ends_at)]).filter((at) => at !== null)
  }

  // ---- price lists -----------------------------------------------------------------------------

  async createPriceList(input: PriceListInput): Promise<PriceListView> {
    await this.assertTerms(input)
    await this.assertVariants(input.prices ?? [])
    const id = await this.db.transaction(async (em) => {
      const list = em.create(PriceList, {
        id: generateId('plist'),
        title: input.title,
        description: input.description ?? '',
        type: input.type ?? 'sale',
        status: input.status ?? 'draft',
        starts_at: input.starts_at ?? null,
        ends_at: input.ends_at ?? null,
        region_id: input.region_id ?? null,
      })
      for (const price of input.prices ?? []) this.createPrice(em, price.variant_id, price, list.id)
      this.events.emit(em, PricingEvents.priceListCreated, { id: list.id })
      return list.id
    })
    await this.catalog.bump()
    return this.retrievePriceList(id)
  }

  async updatePriceList(id: string, input: Partial<Omit<PriceListInput, 'prices'>>): Promise<PriceListView> {
    await this.db.transaction(async (em) => {
      const list = await this.findList(em, id)
      const fields = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
      await this.assertTerms({
        starts_at: list.starts_at ?? null,
        ends_at: list.ends_at ?? null,
        ...fields,
      })
      em.assign(list, fields)
      this.events.emit(em, PricingEvents.priceListUpdated, { id })
    })
    await this.catalog.bump()
    return this.retrievePriceList(id)
  }

  async deletePriceList(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const list = await this.findList(em, id)
      await em.nativeDelete(Price, { price_list_id: id })
      em.remove(list)
      this.events.emit(em, PricingEvents.priceListDeleted, { id })
    })
    await this.catalog.bump()
  }

  /** Adds prices to a price list and removes some of its prices (by price id), all or nothing. */
  async batchPriceListPrices(
    id: string,
    change: { create?: PriceListPriceInput[]; delete?: string[] },
  ): Promise<PriceListView> {
    await this.assertVariants(change.create ?? [])
    await this.db.transaction(async (em) => {
      await this.findList(em, id)
      if (change.delete?.length) {
        const owned = await em.find(
          Price,
          { id: { $in: change.delete }, price_list_id: id },
          { fields: ['id'] },
        )
        const missing = change.delete.filter((priceId) => !owned.some((price) => price.id === priceId))
        if (missing.length)
          throw new InvalidDataError(`Prices not in price list ${id}: ${missing.join(', ')}`)
        await em.nativeDelete(Price, { id: { $in: change.delete } })
      }
      for (const price of change.create ?? []) this.createPrice(em, price.variant_id, price, id)
      this.events.emit(em, PricingEvents.priceListUpdated, { id })
    })
    await this.catalog.bump()
    return this.retrievePriceList(id)
  }

  async retrievePriceList(id: string): Promise<PriceListView> {
    const { price_lists } = await this.listPriceLists({ id: [id], limit: 1, offset: 0 })
    if (!price_lists[0]) throw new NotFoundError(`Price list with id: ${id} was not found`)
    return price_lists[0]
  }

  async listPriceLists(query: PriceListQuery) {
    const em = this.db.em()
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.status) where.status = { $in: query.status }
    if (query.type) where.type = { $in: query.type }
    const [lists, count] = await em.findAndCount(PriceList, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    const prices = lists.length
      ? await em.find(
          Price,
          { price_list_id: { $in: lists.map((list) => list.id) } },
          { orderBy: { variant_id: 'asc', currency_code: 'asc', min_quantity: 'asc', id: 'asc' } },
        )
      : []
    return {
      price_lists: lists.map(
        (list): PriceListView => ({
          id: list.id,
          title: list.title,
          description: list.description,
          type: list.type as PriceListType,
          status: list.status as PriceListStatus,
          starts_at: list.starts_at?.toISOString() ?? null,
          ends_at: list.ends_at?.toISOString() ?? null,
          region_id: list.region_id ?? null,
          prices: prices
            .filter((price) => price.price_list_id === list.id)
            .map((price) => ({
              id: price.id,
              variant_id: price.variant_id,
              currency_code: price.currency_code,
              amount: price.amount,
              region_id: price.region_id ?? null,
              min_quantity: price.min_quantity ?? null,
              max_quantity: price.max_quantity ?? null,
            })),
          created_at: list.created_at.toISOString(),
          updated_at: list.updated_at.toISOString(),
        }),
      ),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  private createPrice(em: EntityManager, variantId: string, price: PriceInput, priceListId: string | null) {
    assertQuantities(price)
    em.create(Price, {
      id: generateId('price'),
      variant_id: variantId,
      currency_code: price.currency_code.toLowerCase(),
      amount: price.amount,
      region_id: price.region_id ?? null,
      min_quantity: price.min_quantity ?? null,
      max_quantity: price.max_quantity ?? null,
      price_list_id: priceListId,
    })
  }

  private async findList(em: EntityManager, id: string) {
    const list = await em.findOne(PriceList, { id })
    if (!list) throw new NotFoundError(`Price list with id: ${id} was not found`)
    return list
  }

  private async assertTerms(input: {
    starts_at?: Date | null
    ends_at?: Date | null
    region_id?: string | null
  }) {
    if (input.starts_at && input.ends_at && input.ends_at <= input.starts_at) {
      throw new InvalidDataError('A price list must end after it starts (ends_at after starts_at)')
    }
    if (input.region_id) {
      const found = await this.regions.listRegions({ id: [input.region_id], limit: 1, offset: 0 })
      if (!found.count) throw new InvalidDataError(`Region not found: ${input.region_id}`)
    }
  }

  private async assertVariants(prices: Array<{ variant_id: string }>) {
    const ids = [...new Set(prices.map((price) => price.variant_id))]
    if (!ids.length) return
    const found = new Set(await this.existingVariants(ids))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw new InvalidDataError(`Variants not found: ${missing.join(', ')}`)
  }
}

function tier(price: PriceRow): PriceTier {
  return {
    id: price.id,
    price_list_id: price.price_list_id,
    price_list_type: price.list_type,
    min_quantity: price.min_quantity,
    max_quantity: price.max_quantity,
  }
}
