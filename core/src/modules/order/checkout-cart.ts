// What checkout reads from a cart (Medusa's StoreCart, as the cart module serves it), and the two
// calls it makes on the cart module. Kept narrow so that orders and payments depend on little.
import type { EntityManager } from '../../infra/database'

export interface CheckoutCartItem {
  id: string
  variant_id: string | null
  product_id?: string | null
  title: string
  quantity: number
  unit_price: number
  variant?: { manage_inventory?: boolean; allow_backorder?: boolean } | null
  [field: string]: unknown
}

export interface CheckoutCartShippingMethod {
  id: string
  name: string
  amount: number
  shipping_option_id?: string | null
  [field: string]: unknown
}

export interface CheckoutCart {
  id: string
  email?: string | null
  customer_id?: string | null
  region_id?: string | null
  sales_channel_id?: string | null
  currency_code: string
  completed_at?: string | null
  items: CheckoutCartItem[]
  shipping_address?: Record<string, unknown> | null
  billing_address?: Record<string, unknown> | null
  shipping_methods: CheckoutCartShippingMethod[]
  promotions: Array<{ id: string; code?: string }>
  total: number
  [field: string]: unknown
}

export interface CheckoutCartService {
  /** The cart as its owner sees it (404 for anyone else: a customer's cart only for that customer). */
  retrieveCart(id: string, actorCustomerId: string | null): Promise<CheckoutCart>
  /** Marks the cart completed in the caller's transaction; false when it already was. */
  markCompleted(em: EntityManager, cartId: string): Promise<boolean>
}
