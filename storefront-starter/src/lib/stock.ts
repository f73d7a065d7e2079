// A variant's stock as the shop shows it, and the cart's refusal for want of stock in the shopper's
// terms (the API's 409 names the variant id), for the product page and the cart page alike.
import type { Variant } from './store-client'

export type Stock = { available: boolean; left?: number }

/** In stock unless the shop tracks it and has none left (backorders allowed count as in stock). */
export function stockOf(variant: Variant): Stock {
  const left = variant.inventory_quantity
  if (!variant.manage_inventory || variant.allow_backorder || left == null) return { available: true }
  return { available: left > 0, left }
}

/** Whether the cart refused a change because there is not enough in stock. */
export function isStockRefusal(error: unknown): boolean {
  return (error as { status?: number }).status === 409
}

/**
 * What to tell the shopper when the cart refused for want of stock, knowing what is left and how
 * many of it the cart already holds (counted on top of what they asked for); undefined otherwise.
 */
export function notEnoughStockMessage(
  error: unknown,
  stock: Stock | undefined,
  inCart = 0,
): string | undefined {
  if (!isStockRefusal(error) || stock?.left === undefined) return undefined
  const held = inCart ? `, and ${inCart} ${inCart === 1 ? 'is' : 'are'} already in your cart` : ''
  return `Not enough in stock: only ${stock.left} left${held}.`
}
