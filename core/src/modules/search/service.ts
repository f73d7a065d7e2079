// Keeps the search index in step with the catalog: documents built from the catalog's tables in a
// fixed number of queries, rebuilt at boot and after each product event.
import type { Knex } from '@mikro-orm/knex'
import { LRUCache } from 'lru-cache'
import type { Database } from '../../infra/database'
import type { Providers } from '../../kernel/providers'
import type { SearchDocument, SearchProvider, SearchQuery, SearchResult } from './provider'

const REBUILD_BATCH = 1000

export class SearchService {
  private rebuilding: Promise<number> | undefined
  /**
   * Answers to repeated searches (the storefront's hot queries), kept until this process changes the
   * index. After a few seconds an answer is refreshed in the background (another process may change
   * an outside provider's index) while the old one is still served; identical searches at the same
   * moment run once.
   */
  private readonly answers = new LRUCache<string, SearchResult, SearchQuery>({
    max: 5000,
    ttl: 3000,
    allowStale: true,
    fetchMethod: (_key, _stale, { context }) => this.provider().search(context),
  })
  private generation = 0

  constructor(
    private readonly db: Database,
    private readonly providers: Providers,
    private readonly providerId: string,
  ) {}

  provider(): SearchProvider {
    return this.providers.search.get(this.providerId)
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const answer = await this.answers.fetch(`${this.generation}:${JSON.stringify(query)}`, { context: query })
    return answer ?? this.provider().search(query)
  }

  private indexChanged(): void {
    this.generation++
    this.answers.clear()
  }

  /** Re-indexes these products as they are now; a product that no longer exists leaves the index. */
  async reindex(ids: string[]): Promise<void> {
    const documents = await this.buildDocuments(ids)
    const found = new Set(documents.map((document) => document.id))
    await this.provider().index(documents)
    await this.provider().remove(ids.filter((id) => !found.has(id)))
    this.indexChanged()
  }

  /**
   * Re-indexes the products a category or tag is on (renamed: their documents carry its name), or
   * was on (deleted: the event names them, its links being gone).
   */
  async reindexLinked(link: { category_id?: string; tag_id?: string; product_ids?: string[] }) {
    const ids =
      link.product_ids ??
      (link.category_id
        ? await this.db
            .knex()('product_category_link')
            .where('category_id', link.category_id)
            .pluck('product_id')
        : link.tag_id
          ? await this.db.knex()('product_tag_link').where('tag_id', link.tag_id).pluck('product_id')
          : [])
    for (let start = 0; start < ids.length; start += REBUILD_BATCH) {
      await this.reindex(ids.slice(start, start + REBUILD_BATCH))
    }
  }

  /** Rebuilds the whole index from the catalog, a batch of products at a time; how many it indexed. */
  rebuild(): Promise<number> {
    this.rebuilding ??= (async () => {
      try {
        await this.provider().clear()
        let after = ''
        let indexed = 0
        for (;;) {
          const rows = (await this.db
            .knex()('product')
            .where('id', '>', after)
            .orderBy('id')
            .limit(REBUILD_BATCH)
            .select('id')) as Array<{ id: string }>
          if (!rows.length) break
          after = rows[rows.length - 1]!.id
          const documents = await this.buildDocuments(rows.map((row) => row.id))
          await this.provider().index(documents)
          indexed += documents.length
          this.indexChanged()
        }
        return indexed
      } finally {
        this.indexChanged()
        this.rebuilding = undefined
      }
    })()
    return this.rebuilding
  }

  /** Waits for a rebuild under way (tests, the rebuild command). */
  async ready(): Promise<void> {
    await this.rebuilding
  }

  /** Search documents of published products, with eight queries whatever their number. */
  async buildDocuments(ids: string[]): Promise<SearchDocument[]> {
    if (!ids.length) return []
    const knex: Knex = this.db.knex()
    const [products, variants, values, tags, categories, channels] = await Promise.all([
      knex('product').whereIn('id', ids).where('status', 'published'),
      knex('product_variant').whereIn('product_id', ids).select('id', 'product_id', 'sku'),
      knex('product_option_value as v')
        .join('product_option as o', 'o.id', 'v.option_id')
        .whereIn('v.product_id', ids)
        .select('v.product_id', 'o.title', 'v.value'),
      knex('product_tag_link as l')
        .join('product_tag as t', 't.id', 'l.tag_id')
        .whereIn('l.product_id', ids)
        .select('l.product_id', 't.value'),
      knex('product_category_link as l')
        .join('product_category as c', 'c.id', 'l.category_id')
        .whereIn('l.product_id', ids)
        .select('l.product_id', 'c.id', 'c.name'),
      knex('product_sales_channel').whereIn('product_id', ids),
    ])
    const variantIds = variants.map((variant) => variant.id)
    const prices = variantIds.length
      ? await knex('price')
          .whereIn('variant_id', variantIds)
          .whereNull('region_id')
          .whereNull('price_list_id')
          .select('variant_id', 'currency_code', 'amount')
      : []
    const byProduct = <T extends { product_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>()
      for (const row of rows) map.set(row.product_id, [...(map.get(row.product_id) ?? []), row])
      return map
    }
    const variantsOf = byProduct(variants)
    const valuesOf = byProduct(values)
    const tagsOf = byProduct(tags)
    const categoriesOf = byProduct(categories)
    const channelsOf = byProduct(channels)
    const productOfVariant = new Map(variants.map((variant) => [variant.id, variant.product_id as string]))
    const lowest = new Map<string, Record<string, number>>()
    for (const price of prices) {
      const productId = productOfVariant.get(price.variant_id)!
      const current = lowest.get(productId) ?? {}
      const amount = Number(price.amount)
      if (current[price.currency_code] === undefined || amount < current[price.currency_code]!)
        current[price.currency_code] = amount
      lowest.set(productId, current)
    }
    return products.map((product) => {
      const options: Record<string, string[]> = {}
      for (const value of valuesOf.get(product.id) ?? []) {
        options[value.title] = [...(options[value.title] ?? []), value.value]
      }
      return {
        id: product.id,
        title: product.title,
        handle: product.handle,
        description: product.description ?? '',
        thumbnail: product.thumbnail ?? null,
        skus: (variantsOf.get(product.id) ?? []).map((variant) => variant.sku).filter(Boolean),
        tags: (tagsOf.get(product.id) ?? []).map((tag) => tag.value),
        category_ids: (categoriesOf.get(product.id) ?? []).map((category) => category.id),
        category_names: (categoriesOf.get(product.id) ?? []).map((category) => category.name),
        collection_id: product.collection_id ?? null,
        sales_channel_ids: (channelsOf.get(product.id) ?? []).map((link) => link.sales_channel_id),
        options,
        prices: lowest.get(product.id) ?? {},
        created_at: new Date(product.created_at).getTime(),
      }
    })
  }
}
