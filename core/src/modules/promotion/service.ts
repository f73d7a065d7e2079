// Promotions: admin CRUD, which promotions a cart qualifies for, and usage counted when an order is
// placed, by conditional updates that can never pass a limit however many orders race.
import type { InferEntity } from '@mikro-orm/core'
import type { EntityManager } from '@mikro-orm/knex'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { toMajorUnits } from '../../infra/money'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { PromotionTerms } from './adjustments'
import { Promotion, PromotionUsage } from './entities'
import { PromotionEvents } from './events'

export type PromotionStatus = 'draft' | 'active' | 'inactive'

export interface PromotionInput {
  code: string
  is_automatic?: boolean
  status?: PromotionStatus
  starts_at?: Date | null
  ends_at?: Date | null
  application_method: {
    type: 'percentage' | 'fixed'
    value: number
    currency_code?: string | null
    target_type: 'order' | 'items' | 'shipping_methods'
    allocation?: 'each' | 'across'
    max_quantity?: number | null
    product_ids?: string[] | null
    category_ids?: string[] | null
  }
  min_subtotal?: number | null
  usage_limit?: number | null
  limit_per_customer?: number | null
  metadata?: Record<string, unknown> | null
}

export interface PromotionView {
  id: string
  code: string
  is_automatic: boolean
  status: PromotionStatus
  starts_at: string | null
  ends_at: string | null
  application_method: {
    type: 'percentage' | 'fixed'
    value: number
    currency_code: string | null
    target_type: 'order' | 'items' | 'shipping_methods'
    allocation: 'each' | 'across'
    max_quantity: number | null
    product_ids: string[]
    category_ids: string[]
  }
  min_subtotal: number | null
  usage_limit: number | null
  used: number
  limit_per_customer: number | null
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

/** What a cart tells the promotion module to decide which promotions it qualifies for. */
export interface PromotionContext {
  /** Promotions whose codes the shopper entered. */
  promotion_ids: string[]
  currency_code: string
  customer_id: string | null
  email: string | null
  /** The items' amount before discounts, in the cart's price terms. */
  item_subtotal: number
  now?: Date
}

/** A promotion a cart qualifies for: its terms, ready for the adjustment arithmetic. */
export interface ApplicablePromotion extends PromotionTerms {
  is_automatic: boolean
  currency_code: string | null
}

/** The cart as registerUsage needs it: its promotions and who is buying. */
export interface PromotionUser {
  promotions: Array<{ id: string; code?: string }>
  customer_id?: string | null
  email?: string | null
}

export class PromotionLimitError extends ConflictError {
  constructor(code: string) {
    super(`The promotion ${code} has reached its usage limit`)
  }
}

type PromotionRow = InferEntity<typeof Promotion>

/** Who a per-customer limit counts: the customer, or a guest's email. */
function customerKey(customerId?: string | null, email?: string | null): string | null {
  if (customerId) return `customer:${customerId}`
  return email ? `email:${email.trim().toLowerCase()}` : null
}

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null)

function view(row: PromotionRow): PromotionView {
  return {
    id: row.id,
    code: row.code,
    is_automatic: row.is_automatic,
    status: row.status as PromotionStatus,
    starts_at: iso(row.starts_at),
    ends_at: iso(row.ends_at),
    application_method: {
      type: row.method_type as 'percentage' | 'fixed',
      value: Number(row.value),
      currency_code: row.currency_code ?? null,
      target_type: row.target_type as PromotionView['application_method']['target_type'],
      allocation: row.allocation as 'each' | 'across',
      max_quantity: row.max_quantity ?? null,
      product_ids: row.product_ids ?? [],
      category_ids: row.category_ids ?? [],
    },
    min_subtotal: row.min_subtotal ?? null,
    usage_limit: row.usage_limit ?? null,
    used: row.used,
    limit_per_customer: row.limit_per_customer ?? null,
    metadata: row.metadata ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

function columns(input: PromotionInput) {
  const method = input.application_method
  const currency = method.currency_code?.toLowerCase() ?? null
  if (method.type === 'percentage' && (method.value <= 0 || method.value > 100)) {
    throw new InvalidDataError('A percentage promotion takes a value above 0 and at most 100')
  }
  if (method.type === 'fixed' && (!Number.isInteger(method.value) || method.value <= 0)) {
    throw new InvalidDataError('A fixed promotion takes a positive whole amount in the minor unit')
  }
  if (method.type === 'fixed' && !currency) {
    throw new InvalidDataError('A fixed promotion needs application_method.currency_code', [
      { field: 'application_method.currency_code', message: 'Required for an amount off' },
    ])
  }
  if (input.min_subtotal != null && !currency) {
    throw new InvalidDataError('A minimum subtotal needs application_method.currency_code', [
      { field: 'application_method.currency_code', message: 'Required with a minimum subtotal' },
    ])
  }
  if (method.target_type === 'items' && !method.product_ids?.length && !method.category_ids?.length) {
    throw new InvalidDataError('A promotion on items needs product_ids or category_ids', [
      { field: 'application_method.target_type', message: 'Name the products or categories it applies to' },
    ])
  }
  if (input.starts_at && input.ends_at && input.ends_at <= input.starts_at) {
    throw new InvalidDataError('ends_at must be after starts_at', [
      { field: 'ends_at', message: 'Must be after starts_at' },
    ])
  }
  return {
    code: input.code.trim().toUpperCase(),
    is_automatic: input.is_automatic ?? false,
    status: input.status ?? 'active',
    starts_at: input.starts_at ?? null,
    ends_at: input.ends_at ?? null,
    method_type: method.type,
    value: method.value,
    currency_code: currency,
    target_type: method.target_type,
    allocation: method.allocation ?? 'across',
    max_quantity: method.max_quantity ?? null,
    product_ids: method.product_ids?.length ? method.product_ids : null,
    category_ids: method.category_ids?.length ? method.category_ids : null,
    min_subtotal: input.min_subtotal ?? null,
    usage_limit: input.usage_limit ?? null,
    limit_per_customer: input.limit_per_customer ?? null,
    metadata: input.metadata ?? null,
  }
}

/** Shoppers type the code: two promotions cannot share one (the error names the field for forms). */
async function assertCodeFree(em: EntityManager, code: string): Promise<void> {
  if (await em.count(Promotion, { code })) {
    throw new InvalidDataError(`A promotion with the code ${code} already exists`, [
      { field: 'code', message: 'Another promotion already uses this code' },
    ])
  }
}

export class PromotionService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  // ---- admin ------------------------------------------------------------------------------------

  async createPromotion(input: PromotionInput): Promise<PromotionView> {
    const values = columns(input)
    return this.db.transaction(async (em) => {
      await assertCodeFree(em, values.code)
      const row = em.create(Promotion, { id: generateId('promo'), ...values, used: 0 })
      this.events.emit(em, PromotionEvents.created, { id: row.id })
      await em.flush()
      return view(row)
    })
  }

  async updatePromotion(id: string, input: Partial<PromotionInput>): Promise<PromotionView> {
    return this.db.transaction(async (em) => {
      const row = await em.findOne(Promotion, { id })
      if (!row) throw new NotFoundError(`Promotion with id: ${id} was not found`)
      const current = view(row)
      const merged: PromotionInput = {
        code: input.code ?? current.code,
        is_automatic: input.is_automatic ?? current.is_automatic,
        status: input.status ?? current.status,
        starts_at: input.starts_at !== undefined ? input.starts_at : row.starts_at,
        ends_at: input.ends_at !== undefined ? input.ends_at : row.ends_at,
        application_method: { ...current.application_method, ...input.application_method },
        min_subtotal: input.min_subtotal !== undefined ? input.min_subtotal : current.min_subtotal,
        usage_limit: input.usage_limit !== undefined ? input.usage_limit : current.usage_limit,
        limit_per_customer:
          input.limit_per_customer !== undefined ? input.limit_per_customer : current.limit_per_customer,
        metadata: input.metadata !== undefined ? input.metadata : current.metadata,
      }
      const values = columns(merged)
      if (values.code !== row.code) await assertCodeFree(em, values.code)
      em.assign(row, values)
      this.events.emit(em, PromotionEvents.updated, { id })
      await em.flush()
      return view(row)
    })
  }

  async deletePromotion(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await em.nativeDelete(Promotion, { id }))) {
        throw new NotFoundError(`Promotion with id: ${id} was not found`)
      }
      await em.nativeDelete(PromotionUsage, { promotion_id: id })
      this.events.emit(em, PromotionEvents.deleted, { id })
    })
  }

  async listPromotions(query: { limit: number; offset: number; id?: string[]; code?: string[] }) {
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.code) where.code = { $in: query.code.map((code) => code.trim().toUpperCase()) }
    const [rows, count] = await this.db.em().findAndCount(Promotion, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return { promotions: rows.map(view), count, offset: query.offset, limit: query.limit }
  }

  async retrievePromotion(id: string): Promise<PromotionView> {
    const row = await this.db.em().findOne(Promotion, { id })
    if (!row) throw new NotFoundError(`Promotion with id: ${id} was not found`)
    return view(row)
  }

  // ---- carts ------------------------------------------------------------------------------------

  /**
   * The promotions behind these codes, each checked as a cart would apply it: a code that does not
   * exist or cannot apply now is a 400 naming the reason.
   */
  async promotionsForCodes(codes: string[], context: Omit<PromotionContext, 'promotion_ids'>) {
    const wanted = [...new Set(codes.map((code) => code.trim().toUpperCase()))]
    if (!wanted.length) return []
    const rows = await this.db.em().find(Promotion, { code: { $in: wanted } })
    const unknown = wanted.filter((code) => !rows.some((row) => row.code === code))
    if (unknown.length) throw new InvalidDataError(`The promotion code ${unknown.join(', ')} is invalid`)
    const usage = await this.usageOf(rows, context)
    for (const row of rows) {
      const reason = this.whyNot(row, context, usage)
      if (reason) throw new InvalidDataError(`The promotion code ${row.code} ${reason}`)
    }
    return rows.map((row) => row.id)
  }

  /**
   * The promotions a cart qualifies for now, automatic ones first, then its codes in the order
   * given; a code that no longer qualifies (expired, limit reached, subtotal too low) is left out.
   */
  async applicablePromotions(context: PromotionContext): Promise<ApplicablePromotion[]> {
    const em = this.db.em()
    const [automatic, entered] = await Promise.all([
      em.find(
        Promotion,
        { is_automatic: true, status: 'active' },
        { orderBy: { created_at: 'asc', id: 'asc' } },
      ),
      context.promotion_ids.length ? em.find(Promotion, { id: { $in: context.promotion_ids } }) : [],
    ])
    const ordered = [
      ...automatic,
      ...context.promotion_ids
        .map((id) => entered.find((row) => row.id === id))
        .filter((row): row is PromotionRow => !!row && !row.is_automatic),
    ]
    const usage = await this.usageOf(ordered, context)
    return ordered
      .filter((row) => !this.whyNot(row, context, usage))
      .map((row) => {
        const promotion = view(row)
        return {
          id: row.id,
          code: row.code,
          is_automatic: row.is_automatic,
          currency_code: row.currency_code ?? null,
          method_type: promotion.application_method.type,
          value: promotion.application_method.value,
          target_type: promotion.application_method.target_type,
          allocation: promotion.application_method.allocation,
          max_quantity: row.max_quantity ?? null,
          product_ids: row.product_ids ?? null,
          category_ids: row.category_ids ?? null,
        }
      })
  }

  /**
   * Counts one use of each of the cart's promotions, in the transaction that places the order. Each
   * count is one conditional UPDATE (`… WHERE used < usage_limit`), so concurrent orders can never
   * pass a limit; a promotion at its limit throws PromotionLimitError and the order rolls back.
   */
  async registerUsage(em: EntityManager, cart: PromotionUser): Promise<void> {
    const ids = [...new Set(cart.promotions.map((promotion) => promotion.id))].sort()
    if (!ids.length) return
    const knex = knexOf(em)
    const key = customerKey(cart.customer_id, cart.email)
    const rows = (await knex('promotion')
      .whereIn('id', ids)
      .select('id', 'code', 'limit_per_customer')) as Array<{
      id: string
      code: string
      limit_per_customer: number | null
    }>
    for (const id of ids) {
      const row = rows.find((candidate) => candidate.id === id)
      if (!row) throw new InvalidDataError(`Promotion ${id} no longer exists`)
      const counted = await knex('promotion')
        .where({ id })
        .andWhere((limit) => limit.whereNull('usage_limit').orWhereRaw('used < usage_limit'))
        .update({ used: knex.raw('used + 1') })
      if (counted !== 1) throw new PromotionLimitError(row.code)
      if (!key) continue
      await knex('promotion_usage')
        .insert({ promotion_id: id, customer_key: key, used: 0 })
        .onConflict(['promotion_id', 'customer_key'])
        .ignore()
      const mine = knex('promotion_usage').where({ promotion_id: id, customer_key: key })
      if (row.limit_per_customer != null) mine.andWhere('used', '<', row.limit_per_customer)
      if ((await mine.update({ used: knex.raw('used + 1') })) !== 1) throw new PromotionLimitError(row.code)
    }
  }

  /**
   * Gives back one use of each of the order's promotions, in the transaction that cancels it (which
   * runs once per order, so a use is given back once), overall and for the customer or guest email.
   */
  async releaseUsage(em: EntityManager, order: PromotionUser): Promise<void> {
    const ids = [...new Set(order.promotions.map((promotion) => promotion.id))].sort()
    if (!ids.length) return
    const knex = knexOf(em)
    await knex('promotion')
      .whereIn('id', ids)
      .andWhere('used', '>', 0)
      .update({ used: knex.raw('used - 1') })
    const key = customerKey(order.customer_id, order.email)
    if (!key) return
    await knex('promotion_usage')
      .whereIn('promotion_id', ids)
      .andWhere({ customer_key: key })
      .andWhere('used', '>', 0)
      .update({ used: knex.raw('used - 1') })
  }

  private async usageOf(rows: PromotionRow[], context: Pick<PromotionContext, 'customer_id' | 'email'>) {
    const key = customerKey(context.customer_id, context.email)
    const limited = rows.filter((row) => row.limit_per_customer != null).map((row) => row.id)
    if (!key || !limited.length) return new Map<string, number>()
    const usage = await this.db
      .em()
      .find(PromotionUsage, { promotion_id: { $in: limited }, customer_key: key })
    return new Map(usage.map((row) => [row.promotion_id, row.used]))
  }

  /** Why a promotion cannot apply to this cart now, or undefined when it can. */
  private whyNot(
    row: PromotionRow,
    context: Omit<PromotionContext, 'promotion_ids'>,
    usage: Map<string, number>,
  ): string | undefined {
    const now = context.now ?? new Date()
    if (row.status !== 'active') return 'is not active'
    if (row.starts_at && row.starts_at > now) return 'is not valid yet'
    if (row.ends_at && row.ends_at <= now) return 'has expired'
    if (row.usage_limit != null && row.used >= row.usage_limit) return 'has reached its usage limit'
    if (row.limit_per_customer != null && (usage.get(row.id) ?? 0) >= row.limit_per_customer) {
      return 'has already been used the most times allowed per customer'
    }
    if (row.currency_code && row.currency_code !== context.currency_code) {
      return `applies only to carts in ${row.currency_code.toUpperCase()}`
    }
    if (row.min_subtotal != null && context.item_subtotal < row.min_subtotal) {
      return `needs an item subtotal of at least ${toMajorUnits(row.min_subtotal, context.currency_code)} ${context.currency_code.toUpperCase()}`
    }
    return undefined
  }
}
