// Prices per variant: written with the product in one transaction, read in bulk for the read model.
import type { EntityManager, Knex } from '@mikro-orm/knex'
import { type Database, knexOf } from '../../infra/database'
import { generateId } from '../../infra/ids'
import { Price } from './entities'

export interface PriceInput {
  currency_code: string
  /** In the currency's minor unit (cents). */
  amount: number
  region_id?: string | null
  min_quantity?: number | null
  max_quantity?: number | null
}

export interface PriceRow {
  id: string
  variant_id: string
  currency_code: string
  amount: number
  region_id: string | null
  min_quantity: number | null
  max_quantity: number | null
}

export interface PricingContext {
  currency_code: string
  region_id?: string
  prices_include_tax?: boolean
}

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

interface PriceTier {
  id: string
  price_list_id: null
  price_list_type: null
  min_quantity: number | null
  max_quantity: number | null
}

export class PricingService {
  constructor(private readonly db: Database) {}

  /** Replaces a variant's prices, in the caller's transaction. */
  async setVariantPrices(em: EntityManager, variantId: string, prices: PriceInput[]): Promise<void> {
    await em.nativeDelete(Price, { variant_id: variantId })
    for (const price of prices) {
      em.create(Price, {
        id: generateId('price'),
        variant_id: variantId,
        currency_code: price.currency_code.toLowerCase(),
        amount: price.amount,
        region_id: price.region_id ?? null,
        min_quantity: price.min_quantity ?? null,
        max_quantity: price.max_quantity ?? null,
      })
    }
  }

  async deleteVariantPrices(em: EntityManager, variantIds: string[]): Promise<void> {
    if (variantIds.length) await em.nativeDelete(Price, { variant_id: { $in: variantIds } })
  }

  /** Every price of these variants, in one query. */
  async listPrices(variantIds: string[], knex?: Knex): Promise<PriceRow[]> {
    if (!variantIds.length) return []
    return (await (knex ?? knexOf(this.db.em()))('price')
      .whereIn('variant_id', variantIds)
      .select(
        'id',
        'variant_id',
        'currency_code',
        'amount',
        'region_id',
        'min_quantity',
        'max_quantity',
      )) as PriceRow[]
  }

  /**
   * The price a shopper sees for one unit: the region's own price in its currency if there is one,
   * else the currency's price. Quantity tiers above one unit apply in the cart.
   */
  calculate(prices: PriceRow[], context: PricingContext, quantity = 1): CalculatedPrice | undefined {
    const fits = (price: PriceRow) =>
      price.currency_code === context.currency_code &&
      (price.min_quantity ?? 1) <= quantity &&
      (price.max_quantity ?? Number.POSITIVE_INFINITY) >= quantity
    const candidates = prices.filter(fits)
    const chosen =
      candidates
        .filter((price) => context.region_id && price.region_id === context.region_id)
        .sort((a, b) => a.amount - b.amount)[0] ??
      candidates.filter((price) => price.region_id === null).sort((a, b) => a.amount - b.amount)[0]
    if (!chosen) return undefined
    const tier: PriceTier = {
      id: chosen.id,
      price_list_id: null,
      price_list_type: null,
      min_quantity: chosen.min_quantity,
      max_quantity: chosen.max_quantity,
    }
    const inclusive = context.prices_include_tax ?? false
    return {
      id: chosen.id,
      is_calculated_price_price_list: false,
      is_calculated_price_tax_inclusive: inclusive,
      calculated_amount: Number(chosen.amount),
      original_amount: Number(chosen.amount),
      original_amount_with_tax: inclusive ? Number(chosen.amount) : null,
      original_amount_without_tax: inclusive ? null : Number(chosen.amount),
      currency_code: chosen.currency_code,
      calculated_price: tier,
      original_price: tier,
    }
  }
}
