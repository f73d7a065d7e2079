// Cart totals under Medusa's names, in the currency's minor unit, every rounding through money.ts.
// For one line (or shipping method) priced `amount` with discount `discount`, both in the price's own
// terms (with tax when prices include tax):
//   tax-exclusive: subtotal = amount, tax_total = tax on (amount - discount), total = amount - discount + tax
//   tax-inclusive: tax is contained: tax_total = tax in (amount - discount), subtotal = amount - tax in amount,
//                  total = amount - discount
// and always total = subtotal + tax_total - discount_subtotal, so the cart's sums agree with its lines.
import { allocate, percentOf, taxIncluded } from '../../infra/money'

export interface AmountTotals {
  subtotal: number
  total: number
  original_total: number
  original_subtotal: number
  tax_total: number
  original_tax_total: number
  discount_total: number
  discount_subtotal: number
  discount_tax_total: number
}

/** The totals of one amount at the given tax rates (percentages), less a discount. */
export function amountTotals(
  amount: number,
  inclusive: boolean,
  ratePercents: number[],
  discount: number,
): AmountTotals {
  const rate = ratePercents.reduce((a, b) => a + b, 0) / 100
  if (inclusive) {
    const original_tax_total = taxIncluded(amount, rate)
    const tax_total = taxIncluded(amount - discount, rate)
    const discount_tax_total = original_tax_total - tax_total
    return {
      subtotal: amount - original_tax_total,
      original_subtotal: amount - original_tax_total,
      total: amount - discount,
      original_total: amount,
      tax_total,
      original_tax_total,
      discount_total: discount,
      discount_subtotal: discount - discount_tax_total,
      discount_tax_total,
    }
  }
  const original_tax_total = percentOf(amount, rate)
  const tax_total = percentOf(amount - discount, rate)
  const discount_tax_total = original_tax_total - tax_total
  return {
    subtotal: amount,
    original_subtotal: amount,
    total: amount - discount + tax_total,
    original_total: amount + original_tax_total,
    tax_total,
    original_tax_total,
    discount_total: discount + discount_tax_total,
    discount_subtotal: discount,
    discount_tax_total,
  }
}

/** A line's tax split over its rates, in whole minor units that add up to the line's tax. */
export function splitTax(tax: number, ratePercents: number[]): number[] {
  return ratePercents.length === 1 ? [tax] : allocate(tax, ratePercents)
}

export interface CartTotals {
  item_total: number
  item_subtotal: number
  item_tax_total: number
  original_item_total: number
  original_item_subtotal: number
  original_item_tax_total: number
  item_discount_total: number
  shipping_total: number
  shipping_subtotal: number
  shipping_tax_total: number
  original_shipping_total: number
  original_shipping_subtotal: number
  original_shipping_tax_total: number
  shipping_discount_total: number
  total: number
  subtotal: number
  tax_total: number
  original_total: number
  original_subtotal: number
  original_tax_total: number
  discount_total: number
  discount_subtotal: number
  discount_tax_total: number
  gift_card_total: number
  gift_card_tax_total: number
}

const sum = (list: AmountTotals[], key: keyof AmountTotals) =>
  list.reduce((total, line) => total + line[key], 0)

/** The cart's totals: the sums of its lines' and shipping methods' totals. */
export function cartTotals(items: AmountTotals[], shipping: AmountTotals[]): CartTotals {
  const both = [...items, ...shipping]
  return {
    item_total: sum(items, 'total'),
    item_subtotal: sum(items, 'subtotal'),
    item_tax_total: sum(items, 'tax_total'),
    original_item_total: sum(items, 'original_total'),
    original_item_subtotal: sum(items, 'original_subtotal'),
    original_item_tax_total: sum(items, 'original_tax_total'),
    item_discount_total: sum(items, 'discount_total'),
    shipping_total: sum(shipping, 'total'),
    shipping_subtotal: sum(shipping, 'subtotal'),
    shipping_tax_total: sum(shipping, 'tax_total'),
    original_shipping_total: sum(shipping, 'original_total'),
    original_shipping_subtotal: sum(shipping, 'original_subtotal'),
    original_shipping_tax_total: sum(shipping, 'original_tax_total'),
    shipping_discount_total: sum(shipping, 'discount_total'),
    total: sum(both, 'total'),
    subtotal: sum(both, 'subtotal'),
    tax_total: sum(both, 'tax_total'),
    original_total: sum(both, 'original_total'),
    original_subtotal: sum(both, 'original_subtotal'),
    original_tax_total: sum(both, 'original_tax_total'),
    discount_total: sum(both, 'discount_total'),
    discount_subtotal: sum(both, 'discount_subtotal'),
    discount_tax_total: sum(both, 'discount_tax_total'),
    gift_card_total: 0,
    gift_card_tax_total: 0,
  }
}
