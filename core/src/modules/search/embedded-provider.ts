// The embedded search provider: an in-memory MiniSearch index (full text with typo tolerance and
// prefixes), with filters, facet counts and sorting done over the matching documents. No outside
// service; the index is rebuilt from the catalog at boot and kept current by catalog events.
import MiniSearch from 'minisearch'
import type { SearchDocument, SearchFacets, SearchProvider, SearchQuery, SearchResult } from './provider'

/** Price facet buckets, in the minor unit. */
const PRICE_BUCKETS: Array<[number, number | null]> = [
  [0, 2500],
  [2500, 5000],
  [5000, 10000],
  [10000, 20000],
  [20000, null],
]

export class EmbeddedSearchProvider implements SearchProvider {
  readonly id = 'search_embedded'
  private readonly documents = new Map<string, SearchDocument>()
  private readonly index_ = new MiniSearch<SearchDocument>({
    fields: ['title', 'description', 'skus_text', 'tags_text', 'categories_text'],
    extractField: (document, field) => {
      if (field === 'skus_text') return document.skus.join(' ')
      if (field === 'tags_text') return document.tags.join(' ')
      if (field === 'categories_text') return document.category_names.join(' ')
      return (document as unknown as Record<string, string>)[field] ?? ''
    },
    searchOptions: {
      boost: { title: 3, categories_text: 1.5, tags_text: 1.5 },
      fuzzy: (term) => (term.length > 3 ? 0.25 : 0),
      prefix: (term) => term.length > 2,
      combineWith: 'AND',
    },
  })

  async index(documents: SearchDocument[]): Promise<void> {
    for (const document of documents) {
      if (this.documents.has(document.id)) this.index_.discard(document.id)
      this.documents.set(document.id, document)
      this.index_.add(document)
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (!this.documents.has(id)) continue
      this.index_.discard(id)
      this.documents.delete(id)
    }
  }

  async clear(): Promise<void> {
    this.index_.removeAll()
    this.documents.clear()
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const scored: Array<[SearchDocument, number]> = query.q?.trim()
      ? this.index_.search(query.q).flatMap((hit) => {
          const document = this.documents.get(hit.id as string)
          return document ? [[document, hit.score] as [SearchDocument, number]] : []
        })
      : [...this.documents.values()].map((document) => [document, 0])

    const channels = new Set(query.sales_channel_ids)
    const currency = query.currency_code
    const matches = scored.filter(([document]) => {
      if (!document.sales_channel_ids.some((id) => channels.has(id))) return false
      if (query.category_id && !document.category_ids.some((id) => query.category_id!.includes(id)))
        return false
      if (query.collection_id && !query.collection_id.includes(document.collection_id ?? '')) return false
      if (query.tag && !document.tags.some((tag) => query.tag!.includes(tag))) return false
      for (const [title, values] of Object.entries(query.options ?? {})) {
        if (!(document.options[title] ?? []).some((value) => values.includes(value))) return false
      }
      if (currency && (query.price_min !== undefined || query.price_max !== undefined)) {
        const price = document.prices[currency]
        if (price === undefined) return false
        if (query.price_min !== undefined && price < query.price_min) return false
        if (query.price_max !== undefined && price > query.price_max) return false
      }
      return true
    })

    const facets = this.facets(
      matches.map(([document]) => document),
      currency,
    )
    const price = (document: SearchDocument) => (currency ? document.prices[currency] : undefined)
    const sorted = [...matches]
    if (query.sort === 'newest')
      sorted.sort(([a], [b]) => b.created_at - a.created_at || a.id.localeCompare(b.id))
    else if (query.sort === 'price_asc' || query.sort === 'price_desc') {
      const direction = query.sort === 'price_asc' ? 1 : -1
      sorted.sort(([a], [b]) => {
        const pa = price(a)
        const pb = price(b)
        if (pa === undefined) return 1
        if (pb === undefined) return -1
        return direction * (pa - pb) || a.id.localeCompare(b.id)
      })
    } else if (query.q?.trim()) sorted.sort(([a, sa], [b, sb]) => sb - sa || a.id.localeCompare(b.id))
    else sorted.sort(([a], [b]) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))

    return {
      hits: sorted.slice(query.offset, query.offset + query.limit).map(([document, score]) => {
        const amount = price(document)
        return {
          id: document.id,
          title: document.title,
          handle: document.handle,
          thumbnail: document.thumbnail,
          score,
          price: amount === undefined ? null : { amount, currency_code: currency! },
        }
      }),
      count: matches.length,
      facets,
    }
  }

  private facets(documents: SearchDocument[], currency: string | undefined): SearchFacets {
    const facets: SearchFacets = { category_id: {}, collection_id: {}, tag: {}, options: {}, price: [] }
    const add = (counts: Record<string, number>, key: string) => {
      counts[key] = (counts[key] ?? 0) + 1
    }
    const buckets = PRICE_BUCKETS.map(([min, max]) => ({ min, max, count: 0 }))
    for (const document of documents) {
      for (const id of new Set(document.category_ids)) add(facets.category_id, id)
      if (document.collection_id) add(facets.collection_id, document.collection_id)
      for (const tag of new Set(document.tags)) add(facets.tag, tag)
      for (const [title, values] of Object.entries(document.options)) {
        facets.options[title] ??= {}
        for (const value of new Set(values)) add(facets.options[title]!, value)
      }
      const amount = currency ? document.prices[currency] : undefined
      if (amount !== undefined) {
        const bucket = buckets.find(
          (candidate) => amount >= candidate.min && (candidate.max === null || amount < candidate.max),
        )
        if (bucket) bucket.count++
      }
    }
    facets.price = currency ? buckets : []
    return facets
  }
}
