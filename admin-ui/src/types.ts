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
}

export interface SalesChannel {
  id: string
  name: string
  description: string | null
  is_disabled: boolean
}
