// Promotions: a code (or an automatic rule) that takes a percentage or a fixed amount off the order,
// off given products or categories, or off shipping; with dates, a minimum subtotal and usage limits.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Promotion = defineEntity({
  name: 'Promotion',
  tableName: 'promotion',
  properties: {
    id: p.string().length(40).primary(),
    /** Upper case, unique. */
    code: p.string().length(191).unique(),
    is_automatic: p.boolean().default(false),
    status: p.string().length(16).default('active'),
    starts_at: p.datetime().nullable(),
    ends_at: p.datetime().nullable(),
    /** 'percentage' (value 10 is 10 %) or 'fixed' (value in minor units of currency_code). */
    method_type: p.string().length(16),
    value: p.double(),
    currency_code: p.string().length(3).nullable(),
    /** 'order' (every discountable line), 'items' (lines of product_ids/category_ids) or 'shipping_methods'. */
    target_type: p.string().length(32),
    /** A fixed amount 'across' the targets, or off 'each' unit. */
    allocation: p.string().length(16).default('across'),
    max_quantity: p.integer().nullable(),
    product_ids: p.json<string[]>().nullable(),
    category_ids: p.json<string[]>().nullable(),
    /** Minor units of currency_code: the item subtotal the cart must reach. */
    min_subtotal: p.integer().nullable(),
    usage_limit: p.integer().nullable(),
    used: p.integer().default(0),
    limit_per_customer: p.integer().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

/** How often a customer (or, for guests, an email) has used a promotion in placed orders. */
export const PromotionUsage = defineEntity({
  name: 'PromotionUsage',
  tableName: 'promotion_usage',
  properties: {
    promotion_id: p.string().length(40).primary(),
    customer_key: p.string().length(191).primary(),
    used: p.integer().default(0),
  },
})

export const promotionEntities = [Promotion, PromotionUsage]
