// The Admin API's records, as far as the screens read them.

export interface ListPage {
  count: number
  offset: number
  limit: number
}

export interface Region {
  id: string
  name: string
  currency_code: string
  automatic_taxes: boolean
  prices_include_tax: boolean
  countries: Array<{ iso_2: string; display_name: string }>
  /** The payment providers the region offers at checkout. */
  payment_providers: PaymentProvider[]
}

export interface PaymentProvider {
  id: string
  is_enabled: boolean
}

export interface Collection {
  id: string
  title: string
  handle: string
}

export interface Category {
  id: string
  name: string
  handle: string
  description: string
  is_active: boolean
  is_internal: boolean
  parent_category_id: string | null
  category_children?: Category[]
}

export interface CalculatedPrice {
  calculated_amount: number
  currency_code: string
}

export interface Variant {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  allow_backorder: boolean
  manage_inventory: boolean
  options: Array<{ id: string; value: string; option_id: string }>
  calculated_price?: CalculatedPrice
}

/** One of a variant's own prices: per currency, optionally for a region and a range of quantities. */
export interface VariantPrice {
  id: string
  currency_code: string
  amount: number
  region_id: string | null
  min_quantity: number | null
  max_quantity: number | null
}

export type ProductStatus = 'draft' | 'proposed' | 'published' | 'rejected'

export interface Product {
  id: string
  title: string
  handle: string
  subtitle: string | null
  description: string | null
  status: ProductStatus
  thumbnail: string | null
  collection_id: string | null
  collection: Collection | null
  created_at: string
  updated_at: string
  options: Array<{ id: string; title: string; values: Array<{ id: string; value: string }> }>
  variants: Variant[]
  images: Array<{ id: string; url: string; rank: number }>
  tags: Array<{ id: string; value: string }>
  categories: Array<{ id: string; name: string }>
}

export interface InventoryLevel {
  variant_id: string
  location_id: string
  stocked_quantity: number
  reserved_quantity: number
  incoming_quantity: number
  available_quantity: number
}

export interface StockLocation {
  id: string
  name: string
  /** The sales channels it serves; a channel linked to no location sells from all of them. */
  sales_channel_ids?: string[]
}

export interface SalesChannel {
  id: string
  name: string
  description: string | null
  is_disabled: boolean
}

export interface OrderItem {
  id: string
  variant_id: string | null
  product_id: string | null
  title: string
  subtitle?: string | null
  variant_title?: string | null
  thumbnail?: string | null
  quantity: number
  unit_price: number
  detail: {
    quantity: number
    fulfilled_quantity: number
    shipped_quantity: number
    delivered_quantity: number
    return_requested_quantity: number
    return_received_quantity: number
  }
}

export interface Payment {
  id: string
  provider_id: string
  amount: number
  currency_code: string
  captured_amount: number
  refunded_amount: number
  /** Neither captured nor released by the provider (Stripe releases the rest at a partial capture). */
  capturable_amount: number
  canceled_at: string | null
}

export interface Fulfillment {
  id: string
  items: Array<{ item_id: string; quantity: number }>
  tracking_numbers: string[]
  shipped_at: string | null
  delivered_at: string | null
  created_at: string
}

export interface OrderReturn {
  id: string
  items: Array<{ item_id: string; quantity: number }>
  status: string
  restocked: boolean
  refund_amount: number
  received_at: string | null
  created_at: string
}

export interface Order {
  id: string
  display_id: number
  status: string
  payment_status: string
  fulfillment_status: string
  email: string | null
  customer_id: string | null
  region_id: string | null
  currency_code: string
  item_total: number
  subtotal: number
  tax_total: number
  shipping_total: number
  discount_total: number
  total: number
  items: OrderItem[]
  shipping_methods: Array<{ id: string; name: string; amount: number }>
  shipping_address: Record<string, unknown> | null
  billing_address: Record<string, unknown> | null
  promotions: Array<{ id: string; code?: string | null }>
  fulfillments: Fulfillment[]
  returns: OrderReturn[]
  payments: Payment[]
  summary: { paid_total: number; refunded_total: number; pending_difference: number }
  canceled_at: string | null
  created_at: string
  timeline?: Array<{ id: string; event: string; data: Record<string, unknown>; created_at: string }>
}

export interface CustomerGroup {
  id: string
  name: string
}

export interface CustomerAddress {
  id: string
  address_name: string | null
  is_default_shipping: boolean
  first_name: string | null
  last_name: string | null
  company: string | null
  address_1: string | null
  address_2: string | null
  city: string | null
  postal_code: string | null
  province: string | null
  country_code: string | null
  phone: string | null
}

export interface Customer {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
  phone: string | null
  has_account: boolean
  addresses: CustomerAddress[]
  groups: CustomerGroup[]
  created_at: string
}

export interface StaffUser {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  role: string
  created_at: string
}

export interface Role {
  id: string
  name: string
  description: string | null
  permissions: string[]
  built_in: boolean
}

export interface Invite {
  id: string
  email: string
  role: string
  accepted: boolean
  expires_at: string
  created_at: string
  token?: string
}

export interface SecretKey {
  id: string
  title: string
  redacted: string
  role: string
  revoked_at: string | null
  created_at: string
  token?: string
}
