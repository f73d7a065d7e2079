// A realistic stream of storefront searches over the generated catalog: what shoppers type (whole
// words, prefixes while typing, typos, two words, a word and a number) combined with facet filters,
// price ranges, sorting and later pages. Many distinct searches, asked with a Zipf-like popularity
// (a few are asked often, most rarely), so a cache answers as much as it would in a real shop.
// Deterministic: the same seed gives the same searches.

/** A small seeded generator (mulberry32), so every run asks the same searches. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What the catalog offers to search and filter by. */
export interface SearchVocabulary {
  /** Words of product titles (no numbers). */
  words: string[]
  /** Numbers that appear in titles. */
  numbers: string[]
  category_ids: string[]
  /** Option title → its values. */
  options: Record<string, string[]>
  currency_code: string
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** One slip of the keyboard: a letter dropped, swapped with the next, doubled or replaced. */
function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2))
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1)
    case 1:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    case 2:
      return word.slice(0, at) + word[at] + word.slice(at)
    default:
      return word.slice(0, at) + LETTERS[Math.floor(random() * 26)] + word.slice(at + 1)
  }
}

/** `count` distinct search paths (`/store/search?…`), the most popular first. */
export function generateSearches(vocabulary: SearchVocabulary, count: number, seed = 42): string[] {
  const random = seededRandom(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const words = vocabulary.words.filter((word) => word.length >= 3)
  const long = words.filter((word) => word.length >= 5)
  const text = (): string => {
    const roll = random()
    if (roll < 0.3) return pick(words)
    if (roll < 0.5) {
      const word = pick(words)
      return word.slice(0, 3 + Math.floor(random() * Math.max(1, word.length - 3)))
    }
    if (roll < 0.7) return typo(pick(long), random)
    if (roll < 0.85) return `${pick(words)} ${random() < 0.3 ? typo(pick(long), random) : pick(words)}`
    if (roll < 0.92) return `${pick(words)} ${pick(vocabulary.numbers)}`
    return ''
  }
  const searches = new Set<string>()
  for (let attempt = 0; searches.size < count && attempt < count * 20; attempt++) {
    const query = new URLSearchParams()
    const q = text()
    if (q) query.set('q', q)
    query.set('currency_code', vocabulary.currency_code)
    if (random() < 0.3) query.append('category_id', pick(vocabulary.category_ids))
    const optionTitles = Object.keys(vocabulary.options)
    if (optionTitles.length && random() < 0.2) {
      const title = pick(optionTitles)
      query.append(`options[${title}]`, pick(vocabulary.options[title]!))
    }
    if (random() < 0.25) {
      const min = Math.floor(random() * 8) * 2500
      query.set('price_min', String(min))
      query.set('price_max', String(min + 2500 * (1 + Math.floor(random() * 4))))
    }
    const sort = random()
    if (sort < 0.1) query.set('sort', 'price_asc')
    else if (sort < 0.15) query.set('sort', 'price_desc')
    else if (sort < 0.2) query.set('sort', 'newest')
    if (!q && !query.has('sort') && random() < 0.5) query.set('sort', 'newest')
    query.set('limit', '20')
    if (random() < 0.15) query.set('offset', String(20 * (1 + Math.floor(random() * 3))))
    searches.add(`/store/search?${query.toString()}`)
  }
  return [...searches]
}

/**
 * The order in which shoppers ask them: search `i` (0 the most popular) with a probability
 * proportional to 1/(i+1) (Zipf, s = 1).
 */
export function zipfStream(size: number, seed = 7): () => number {
  const random = seededRandom(seed)
  const cumulative: number[] = []
  let total = 0
  for (let i = 0; i < size; i++) {
    total += 1 / (i + 1)
    cumulative.push(total)
  }
  return () => {
    const target = random() * total
    let low = 0
    let high = size - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return low
  }
}
