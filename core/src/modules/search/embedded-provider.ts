// The embedded search provider: an in-memory MiniSearch index (full text with typo tolerance and
// prefixes), with filters, facet counts and sorting done over the matching documents. No outside
// service; the index is rebuilt from the catalog at boot and kept current by catalog events.
import MiniSearch, { type Query } from 'minisearch'
import type { SearchDocument, SearchFacets, SearchProvider, SearchQuery, SearchResult } from './provider'

/** Price facet buckets, in the minor unit. */
const PRICE_BUCKETS: Array<[number, number | null]> = [
  [0, 2500],
  [2500, 5000],
  [5000, 10000],
  [10000, 20000],
  [20000, null],
]

const byTitle = new Intl.Collator('en').compare

/** How MiniSearch splits text into terms (its default tokenizer). */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u

/**
 * The shopper's words, all required. MiniSearch counts two swapped letters as two edits, which a
 * word under 8 letters is not allowed: such a word also matches its swapped spellings exactly
 * ("laofer" finds "loafer").
 */
function textQuery(text: string): Query {
  const words = text.toLowerCase().split(SPACE_OR_PUNCTUATION).filter(Boolean)
  return {
    combineWith: 'AND',
    queries: words.map((word) => {
      // Digits swapped are another number, not a typo.
      if (word.length < 4 || word.length >= 8 || /\d/.test(word)) return word
      const swapped = new Set<string>()
      for (let i = 0; i < word.length - 1; i++) {
        if (word[i] !== word[i + 1]) swapped.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))
      }
      return {
        combineWith: 'OR',
        queries: [word, { combineWith: 'OR', queries: [...swapped], fuzzy: false, prefix: false }],
      }
    }),
  }
}

/** Ids are ASCII: comparing code units orders them as a collator would, far faster. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

interface FacetValues {
  category_ids: string[]
  tags: string[]
  /** [option title, value] pairs. */
  options: Array<[string, string]>
}

function facetValuesOf(document: SearchDocument): FacetValues {
  return {
    category_ids: [...new Set(document.category_ids)],
    tags: [...new Set(document.tags)],
    options: Object.entries(document.options).flatMap(([title, values]) =>
      [...new Set(values)].map((value): [string, string] => [title, value]),
    ),
  }
}

export class EmbeddedSearchProvider implements SearchProvider {
  readonly id = 'search_embedded'
  private readonly documents = new Map<string, SearchDocument>()
  /** Each document's facet values, each once: prepared when indexed, not on every search. */
  private readonly facetValues = new Map<string, FacetValues>()
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
      // As shoppers' typos go: none in a word under 4 letters, one to 7 letters, then two. More
      // only finds other words ("sweater" two edits from "sneaker") and costs scoring their products.
      fuzzy: (term) => (term.length < 4 ? 0 : term.length < 8 ? 1 : 2),
      prefix: (term) => term.length > 2,
      combineWith: 'AND',
    },
  })

  async index(documents: SearchDocument[]): Promise<void> {
    for (const document of documents) {
      if (this.documents.has(document.id)) this.index_.discard(document.id)
      this.documents.set(document.id, document)
      this.facetValues.set(document.id, facetValuesOf(document))
      this.index_.add(document)
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (!this.documents.has(id)) continue
      this.index_.discard(id)
      this.documents.delete(id)
      this.facetValues.delete(id)
    }
  }

  async clear(): Promise<void> {
    this.index_.removeAll()
    this.documents.clear()
    this.facetValues.clear()
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    let scored: Array<[SearchDocument, number]>
    if (query.q?.trim()) {
      // A loop, not flatMap: a broad search has tens of thousands of hits.
      scored = []
      for (const hit of this.index_.search(textQuery(query.q))) {
        const document = this.documents.get(hit.id as string)
        if (document) scored.push([document, hit.score])
      }
    } else scored = [...this.documents.values()].map((document) => [document, 0])

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
    if (query.sort === 'newest') sorted.sort(([a], [b]) => b.created_at - a.created_at || byId(a, b))
    else if (query.sort === 'price_asc' || query.sort === 'price_desc') {
      const direction = query.sort === 'price_asc' ? 1 : -1
      sorted.sort(([a], [b]) => {
        const pa = price(a)
        const pb = price(b)
        if (pa === undefined) return 1
        if (pb === undefined) return -1
        return direction * (pa - pb) || byId(a, b)
      })
    } else if (query.q?.trim()) sorted.sort(([a, sa], [b, sb]) => sb - sa || byId(a, b))
    else sorted.sort(([a], [b]) => byTitle(a.title, b.title) || byId(a, b))

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
      const values = this.facetValues.get(document.id)!
      for (const id of values.category_ids) add(facets.category_id, id)
      if (document.collection_id) add(facets.collection_id, document.collection_id)
      for (const tag of values.tags) add(facets.tag, tag)
      for (const [title, value] of values.options) {
        facets.options[title] ??= {}
        add(facets.options[title]!, value)
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
