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

/**
 * Small numbers standing for the filter and facet values (categories, tags, …): a search counts and
 * compares them in typed arrays instead of string-keyed objects. Numbers are never reused, so a
 * value stays one number for the life of the index.
 */
class Ordinals<T = string> {
  private readonly byKey = new Map<string, number>()
  readonly values: T[] = []

  ordinal(key: string, value: T): number {
    let ordinal = this.byKey.get(key)
    if (ordinal === undefined) {
      ordinal = this.values.push(value) - 1
      this.byKey.set(key, ordinal)
    }
    return ordinal
  }

  /** A flag per ordinal, set for these keys (those never indexed match nothing). */
  flags(keys: Iterable<string>): Uint8Array {
    const flags = new Uint8Array(this.values.length)
    for (const key of keys) {
      const ordinal = this.byKey.get(key)
      if (ordinal !== undefined) flags[ordinal] = 1
    }
    return flags
  }
}

/** A document with its filter and facet values as ordinals, each once: prepared when indexed. */
interface Entry {
  /** Its place in the provider's entries, and its id in the text index. */
  slot: number
  document: SearchDocument
  channels: Int32Array
  categories: Int32Array
  tags: Int32Array
  /** Ordinals of [option title, value] pairs. */
  options: Int32Array
  /** The ordinal of the collection id, '' for none (a filter may name ''; no facet counts it). */
  collection: number
}

function anyFlagged(ordinals: Int32Array, flags: Uint8Array): boolean {
  for (let i = 0; i < ordinals.length; i++) if (flags[ordinals[i]!]) return true
  return false
}

/**
 * The first `count` items in the order of `compare` (a total order). A page needs only those: kept
 * in a short sorted list while scanning, instead of sorting tens of thousands of matches.
 */
function firstInOrder<T>(items: T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return []
  if (count * 8 >= items.length) return [...items].sort(compare).slice(0, count)
  const first: T[] = []
  for (const item of items) {
    if (first.length === count && compare(item, first[count - 1]!) >= 0) continue
    let low = 0
    let high = first.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (compare(first[middle]!, item) <= 0) low = middle + 1
      else high = middle
    }
    first.splice(low, 0, item)
    if (first.length > count) first.pop()
  }
  return first
}

export class EmbeddedSearchProvider implements SearchProvider {
  readonly id = 'search_embedded'
  /**
   * Entries by slot, free slots undefined: the text index knows documents by slot, so a search
   * reaches each hit's entry by array index rather than by looking up its id.
   */
  private readonly entries: Array<Entry | undefined> = []
  private readonly slots = new Map<string, number>()
  private readonly freeSlots: number[] = []
  private readonly channels = new Ordinals()
  private readonly categories = new Ordinals()
  private readonly tags = new Ordinals()
  private readonly collections = new Ordinals()
  private readonly options = new Ordinals<[title: string, value: string]>()
  private readonly index_ = new MiniSearch<Entry>({
    idField: 'slot',
    fields: ['title', 'description', 'skus_text', 'tags_text', 'categories_text'],
    extractField: ({ slot, document }, field) => {
      if (field === 'slot') return slot
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
      let slot = this.slots.get(document.id)
      if (slot !== undefined) this.index_.discard(slot)
      else {
        slot = this.freeSlots.pop() ?? this.entries.length
        this.slots.set(document.id, slot)
      }
      const entry = this.entryOf(slot, document)
      this.entries[slot] = entry
      this.index_.add(entry)
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const slot = this.slots.get(id)
      if (slot === undefined) continue
      this.index_.discard(slot)
      this.slots.delete(id)
      this.entries[slot] = undefined
      this.freeSlots.push(slot)
    }
  }

  async clear(): Promise<void> {
    this.index_.removeAll()
    this.entries.length = 0
    this.slots.clear()
    this.freeSlots.length = 0
  }

  private entryOf(slot: number, document: SearchDocument): Entry {
    const ordinals = (values: string[], ordinals: Ordinals) =>
      Int32Array.from(new Set(values), (value) => ordinals.ordinal(value, value))
    return {
      slot,
      document,
      channels: ordinals(document.sales_channel_ids, this.channels),
      categories: ordinals(document.category_ids, this.categories),
      tags: ordinals(document.tags, this.tags),
      options: Int32Array.from(
        Object.entries(document.options).flatMap(([title, values]) =>
          [...new Set(values)].map((value) => this.options.ordinal(`${title}\u0000${value}`, [title, value])),
        ),
      ),
      collection: this.collections.ordinal(document.collection_id ?? '', document.collection_id ?? ''),
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const text = query.q?.trim()
    const matches: Entry[] = []
    const scores = new Float64Array(text ? this.entries.length : 0)
    const matching = this.filter(query)
    if (text) {
      for (const hit of this.index_.search(textQuery(query.q!))) {
        const entry = this.entries[hit.id as number]
        if (entry && matching(entry)) {
          matches.push(entry)
          scores[entry.slot] = hit.score
        }
      }
    } else for (const entry of this.entries) if (entry && matching(entry)) matches.push(entry)

    const currency = query.currency_code
    const price = (document: SearchDocument) => (currency ? document.prices[currency] : undefined)
    let compare: (a: Entry, b: Entry) => number
    if (query.sort === 'newest')
      compare = (a, b) => b.document.created_at - a.document.created_at || byId(a.document, b.document)
    else if (query.sort === 'price_asc' || query.sort === 'price_desc') {
      const direction = query.sort === 'price_asc' ? 1 : -1
      // Products without a price in the currency last.
      compare = (a, b) => {
        const pa = price(a.document)
        const pb = price(b.document)
        if (pa === undefined || pb === undefined)
          return (pa === undefined ? 1 : 0) - (pb === undefined ? 1 : 0) || byId(a.document, b.document)
        return direction * (pa - pb) || byId(a.document, b.document)
      }
    } else if (text) compare = (a, b) => scores[b.slot]! - scores[a.slot]! || byId(a.document, b.document)
    else compare = (a, b) => byTitle(a.document.title, b.document.title) || byId(a.document, b.document)

    return {
      hits: firstInOrder(matches, query.offset + query.limit, compare)
        .slice(query.offset)
        .map((entry) => {
          const { document } = entry
          const amount = price(document)
          return {
            id: document.id,
            title: document.title,
            handle: document.handle,
            thumbnail: document.thumbnail,
            score: scores[entry.slot] ?? 0,
            price: amount === undefined ? null : { amount, currency_code: currency! },
          }
        }),
      count: matches.length,
      facets: this.facets(matches, currency),
    }
  }

  /** Whether a document passes the query's sales channel, facet and price filters. */
  private filter(query: SearchQuery): (entry: Entry) => boolean {
    const channels = this.channels.flags(query.sales_channel_ids)
    const categories = query.category_id && this.categories.flags(query.category_id)
    const collections = query.collection_id && this.collections.flags(query.collection_id)
    const tags = query.tag && this.tags.flags(query.tag)
    const options = Object.entries(query.options ?? {}).map(([title, values]) =>
      this.options.flags(values.map((value) => `${title}\u0000${value}`)),
    )
    const currency = query.currency_code
    const priced = currency && (query.price_min !== undefined || query.price_max !== undefined)
    return (entry) => {
      if (!anyFlagged(entry.channels, channels)) return false
      if (categories && !anyFlagged(entry.categories, categories)) return false
      if (collections && !collections[entry.collection]) return false
      if (tags && !anyFlagged(entry.tags, tags)) return false
      for (const flags of options) if (!anyFlagged(entry.options, flags)) return false
      if (priced) {
        const price = entry.document.prices[currency]
        if (price === undefined) return false
        if (query.price_min !== undefined && price < query.price_min) return false
        if (query.price_max !== undefined && price > query.price_max) return false
      }
      return true
    }
  }

  private facets(matches: Entry[], currency: string | undefined): SearchFacets {
    const categories = new Int32Array(this.categories.values.length)
    const collections = new Int32Array(this.collections.values.length)
    const tags = new Int32Array(this.tags.values.length)
    const options = new Int32Array(this.options.values.length)
    const buckets = PRICE_BUCKETS.map(([min, max]) => ({ min, max, count: 0 }))
    for (const entry of matches) {
      for (let i = 0; i < entry.categories.length; i++) categories[entry.categories[i]!]!++
      collections[entry.collection]!++
      for (let i = 0; i < entry.tags.length; i++) tags[entry.tags[i]!]!++
      for (let i = 0; i < entry.options.length; i++) options[entry.options[i]!]!++
      const amount = currency ? entry.document.prices[currency] : undefined
      if (amount !== undefined) {
        for (const bucket of buckets) {
          if (amount >= bucket.min && (bucket.max === null || amount < bucket.max)) {
            bucket.count++
            break
          }
        }
      }
    }
    const counted = (counts: Int32Array, values: string[]) => {
      const byValue: Record<string, number> = {}
      for (let ordinal = 0; ordinal < counts.length; ordinal++) {
        // '' is "no collection": a filter may ask for it, the facet does not list it.
        if (counts[ordinal] && values[ordinal]) byValue[values[ordinal]!] = counts[ordinal]!
      }
      return byValue
    }
    const optionCounts: SearchFacets['options'] = {}
    for (let ordinal = 0; ordinal < options.length; ordinal++) {
      if (!options[ordinal]) continue
      const [title, value] = this.options.values[ordinal]!
      optionCounts[title] ??= {}
      optionCounts[title]![value] = options[ordinal]!
    }
    return {
      category_id: counted(categories, this.categories.values),
      collection_id: counted(collections, this.collections.values),
      tag: counted(tags, this.tags.values),
      options: optionCounts,
      price: currency ? buckets : [],
    }
  }
}
