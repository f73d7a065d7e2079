// How promotions turn into adjustments on a cart's lines and shipping methods. Pure arithmetic: each
// promotion takes its discount from what earlier ones left, never more than a line's amount, and a
// discount over several lines is split with `allocate` so its cents add up exactly.
import { allocate, percentOf } from '../../infra/money'

export interface PromotionTerms {
  id: string
  code: string
  method_type: 'percentage' | 'fixed'
  /** Percent for 'percentage', minor units for 'fixed'. */
  value: number
  target_type: 'order' | 'items' | 'shipping_methods'
  allocation: 'each' | 'across'
  max_quantity: number | null
  product_ids: string[] | null
  category_ids: string[] | null
}

export interface DiscountableLine {
  id: string
  product_id: string
  category_ids: string[]
  quantity: number
  /** The line's amount in its price terms (with tax when prices include tax). */
  amount: number
  is_discountable: boolean
}

export interface Adjustment {
  promotion_id: string
  code: string
  amount: number
}

export type Adjustments = Map<string, Adjustment[]>

function targets(promotion: PromotionTerms, line: DiscountableLine): boolean {
  if (!line.is_discountable) return false
  if (promotion.target_type === 'order') return true
  const byProduct = promotion.product_ids?.includes(line.product_id) ?? false
  const byCategory = promotion.category_ids?.some((id) => line.category_ids.includes(id)) ?? false
  return byProduct || byCategory
}

function add(adjustments: Adjustments, lineId: string, adjustment: Adjustment) {
  if (adjustment.amount <= 0) return
  const list = adjustments.get(lineId) ?? []
  list.push(adjustment)
  adjustments.set(lineId, list)
}

/** Spreads one promotion over the lines it targets, given what each line has left. */
function spread(
  promotion: PromotionTerms,
  lines: Array<{ id: string; quantity: number }>,
  left: Map<string, number>,
): Map<string, number> {
  const remaining = lines.map((line) => left.get(line.id) ?? 0)
  const available = remaining.reduce((a, b) => a + b, 0)
  if (available <= 0) return new Map()
  if (promotion.method_type === 'fixed' && promotion.allocation === 'each') {
    return new Map(
      lines.map((line, i) => {
        const units = Math.min(line.quantity, promotion.max_quantity ?? line.quantity)
        return [line.id, Math.min(promotion.value * units, remaining[i] ?? 0)]
      }),
    )
  }
  const total =
    promotion.method_type === 'percentage'
      ? Math.min(percentOf(available, promotion.value / 100), available)
      : Math.min(promotion.value, available)
  const shares = allocate(total, remaining)
  return new Map(lines.map((line, i) => [line.id, shares[i] ?? 0]))
}

/** Adjustments of the promotions that target items or the order, in the order given. */
export function itemAdjustments(promotions: PromotionTerms[], lines: DiscountableLine[]): Adjustments {
  const adjustments: Adjustments = new Map()
  const left = new Map(lines.map((line) => [line.id, line.amount]))
  for (const promotion of promotions) {
    if (promotion.target_type === 'shipping_methods') continue
    const targeted = lines.filter((line) => targets(promotion, line))
    for (const [lineId, amount] of spread(promotion, targeted, left)) {
      left.set(lineId, (left.get(lineId) ?? 0) - amount)
      add(adjustments, lineId, { promotion_id: promotion.id, code: promotion.code, amount })
    }
  }
  return adjustments
}

/** Adjustments of the promotions that target shipping (free shipping is 100 % off it). */
export function shippingAdjustments(
  promotions: PromotionTerms[],
  methods: Array<{ id: string; amount: number }>,
): Adjustments {
  const adjustments: Adjustments = new Map()
  const left = new Map(methods.map((method) => [method.id, method.amount]))
  for (const promotion of promotions) {
    if (promotion.target_type !== 'shipping_methods') continue
    const lines = methods.map((method) => ({ id: method.id, quantity: 1 }))
    for (const [methodId, amount] of spread(promotion, lines, left)) {
      left.set(methodId, (left.get(methodId) ?? 0) - amount)
      add(adjustments, methodId, { promotion_id: promotion.id, code: promotion.code, amount })
    }
  }
  return adjustments
}
