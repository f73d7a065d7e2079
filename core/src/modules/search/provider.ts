// The search contract: what any search provider (the embedded default, Algolia, …) implements.
import type { Provider } from '../../kernel/providers'

export interface SearchDocument {
  id: string
  title: string
  handle: string
  description: string
  thumbnail: string | null
  skus: string[]
  tags: string[]
  category_ids: string[]
  category_names: string[]
  collection_id: string | null
  sales_channel_ids: string[]
  /** Option title → the values the product's variants offer. */
  options: Record<string, string[]>
  /** Currency → the lowest variant price, in the minor unit. */
  prices: Record<string, number>
  created_at: number
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest'

export interface SearchQuery {
  q?: string
  sales_channel_ids: string[]
  category_id?: string[]
  collection_id?: string[]
  tag?: string[]
  options?: Record<string, string[]>
  currency_code?: string
  price_min?: number
  price_max?: number
  sort: SearchSort
  limit: number
  offset: number
}

export interface SearchHit {
  id: string
  title: string
  handle: string
  thumbnail: string | null
  score: number
  price: { amount: number; currency_code: string } | null
}

export interface SearchFacets {
  category_id: Record<string, number>
  collection_id: Record<string, number>
  tag: Record<string, number>
  options: Record<string, Record<string, number>>
  price: Array<{ min: number; max: number | null; count: number }>
}

export interface SearchResult {
  hits: SearchHit[]
  count: number
  facets: SearchFacets
}

export interface SearchProvider extends Provider {
  index(documents: SearchDocument[]): Promise<void>
  remove(ids: string[]): Promise<void>
  clear(): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
}
