// The Store API through Medusa's JS SDK: the catalog that pages load (on the server to render them,
// in the browser after that) and the region a shopper shops in, kept in a cookie so that the server
// renders prices in the shopper's currency.
import Medusa from '@medusajs/js-sdk'
import type { HttpTypes } from '@medusajs/types'
import type { StorefrontSettings } from './settings'

export type Region = HttpTypes.StoreRegion
export type Product = HttpTypes.StoreProduct
export type Variant = HttpTypes.StoreProductVariant
export type Category = HttpTypes.StoreProductCategory
export type Collection = HttpTypes.StoreCollection

/** GET /store/search (Shopwright's own faceted search). */
export interface SearchResult {
  hits: Array<{
    id: string
    title: string
    handle: string
    thumbnail: string | null
    price: { amount: number; currency_code: string } | null
  }>
  count: number
  offset: number
  limit: number
  facets: {
    category_id: Record<string, number>
    collection_id: Record<string, number>
    tag: Record<string, number>
    options: Record<string, Record<string, number>>
    price: Array<{ min: number; max: number | null; count: number }>
  }
}

export const REGION_COOKIE = 'sw_region'
const REGIONS_TTL_MS = 60_000

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return undefined
}

export function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404
}

export class StoreClient {
  readonly sdk: Medusa
  private regionList?: { loaded: number; regions: Promise<Region[]> }

  constructor(
    readonly settings: StorefrontSettings,
    private readonly inBrowser: boolean,
  ) {
    this.sdk = new Medusa({
      baseUrl: settings.apiUrl || (inBrowser ? window.location.origin : ''),
      publishableKey: settings.publishableKey,
      // The browser keeps the shopper's token; the server renders only public pages and keeps none.
      auth: { type: 'jwt', jwtTokenStorageMethod: inBrowser ? 'local' : 'nostore' },
    })
  }

  regions(): Promise<Region[]> {
    if (!this.regionList || Date.now() - this.regionList.loaded > REGIONS_TTL_MS) {
      const regions = this.sdk.store.region.list({ limit: 50 }).then(({ regions }) => regions)
      regions.catch(() => {
        this.regionList = undefined
      })
      this.regionList = { loaded: Date.now(), regions }
    }
    return this.regionList.regions
  }

  /** The region chosen with the selector (a cookie), else the first one. */
  async regionFor(request: Request): Promise<Region | undefined> {
    const cookies = this.inBrowser ? document.cookie : request.headers.get('cookie')
    const chosen = readCookie(cookies, REGION_COOKIE)
    const regions = await this.regions()
    return regions.find((region) => region.id === chosen) ?? regions[0]
  }

  async products(query: HttpTypes.StoreProductListParams): Promise<{ products: Product[]; count: number }> {
    const { products, count } = await this.sdk.store.product.list(query)
    return { products, count }
  }

  /** One product with its prices in the region and each variant's stock, as a product page shows them. */
  async productByHandle(handle: string, region: Region | undefined): Promise<Product | undefined> {
    const { products } = await this.sdk.store.product.list({
      handle,
      region_id: region?.id,
      limit: 1,
      fields: '*variants.calculated_price,+variants.inventory_quantity',
    })
    return products[0]
  }

  async categories(): Promise<Category[]> {
    const { product_categories } = await this.sdk.store.category.list({ limit: 100 })
    return product_categories
  }

  async categoryByHandle(handle: string): Promise<Category | undefined> {
    const { product_categories } = await this.sdk.store.category.list({ handle, limit: 1 })
    return product_categories[0]
  }

  async collections(): Promise<Collection[]> {
    const { collections } = await this.sdk.store.collection.list({ limit: 100 })
    return collections
  }

  async collectionByHandle(handle: string): Promise<Collection | undefined> {
    const { collections } = await this.sdk.store.collection.list({ handle, limit: 1 })
    return collections[0]
  }

  search(query: Record<string, string | string[] | number | undefined>): Promise<SearchResult> {
    return this.sdk.client.fetch<SearchResult>('/store/search', { query })
  }
}
