// Search as a shop's shoppers use it, on a generated catalog (BENCH_PRODUCTS products, default
// 1,000): thousands of distinct searches (words, prefixes, typos, two words, facet filters, price
// ranges, sorting, later pages; bench/search-queries.ts) asked with a Zipf-like popularity, so the
// answer cache helps only as much as it would in a real shop. Reports the share of searches the
// cache answered, and what a cold search costs inside the search provider: each of a sample of the
// distinct searches asked once, one at a time, before the load.
import type { SearchService } from '@shopwright/core'
import type { HttpScenario } from '../scenario'
import { generateSearches } from '../search-queries'
import { backend, catalogSize, serveCatalog } from './catalog'

const DISTINCT = Number(process.env.BENCH_SEARCHES ?? 3000)
const COLD_SAMPLE = Number(process.env.BENCH_COLD_SEARCHES ?? 300)

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0
}

const round = (ms: number) => Math.round(ms * 10) / 10

export default {
  kind: 'http',
  name: `search: varied queries with facets (${catalogSize} products, ${backend})`,
  path: '/store/search',
  serve: async () => {
    const { app, url, headers } = await serveCatalog()
    const knex = app.db.knex()
    const titles = (await knex('product').select('title').limit(2000)) as Array<{ title: string }>
    const tokens = titles.flatMap((row) =>
      row.title
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    )
    const categories = (await knex('product_category').select('id')) as Array<{ id: string }>
    const options = (await knex('product_option as o')
      .join('product_option_value as v', 'v.option_id', 'o.id')
      .distinct('o.title', 'v.value')
      .limit(200)) as Array<{ title: string; value: string }>
    const paths = generateSearches(
      {
        words: [...new Set(tokens.filter((token) => !/^\d+$/.test(token)))],
        numbers: [...new Set(tokens.filter((token) => /^\d+$/.test(token)))],
        category_ids: categories.map((category) => category.id),
        options: options.reduce<Record<string, string[]>>((all, { title, value }) => {
          all[title] = [...(all[title] ?? []), value]
          return all
        }, {}),
        currency_code: 'usd',
      },
      DISTINCT,
    )

    // Counts searches asked and those the provider had to answer (cache misses and refreshes).
    const service = app.container.resolve<SearchService>('searchService')
    const provider = service.provider()
    const providerSearch = provider.search.bind(provider)
    const serviceSearch = service.search.bind(service)
    let asked = 0
    let computed = 0
    const providerMs: number[] = []
    provider.search = async (query) => {
      computed++
      const started = performance.now()
      try {
        return await providerSearch(query)
      } finally {
        providerMs.push(performance.now() - started)
      }
    }
    service.search = (query) => {
      asked++
      return serviceSearch(query)
    }

    const ask = async (path: string) => {
      const response = await fetch(`${url}${path}`, { headers })
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    }
    // A few searches first, uncounted, so the timings are of warm code.
    for (const path of paths.slice(-20)) await ask(path)
    providerMs.length = 0
    const step = Math.max(1, Math.floor(paths.length / COLD_SAMPLE))
    for (let i = 0; i < paths.length - 20; i += step) await ask(paths[i]!)
    const cold = [...providerMs].sort((a, b) => a - b)
    // Forget the cold pass's answers: the load starts with an empty cache.
    await service.reindex([])
    asked = 0
    computed = 0
    return {
      url,
      headers,
      path: paths[0]!,
      paths,
      stats: () => ({
        'distinct searches': paths.length,
        'cache hit %': asked ? Math.round((100 * (asked - computed)) / asked) : 0,
        'cold median ms': round(percentile(cold, 0.5)),
        'cold p95 ms': round(percentile(cold, 0.95)),
        'cold max ms': round(cold.at(-1) ?? 0),
      }),
    }
  },
} satisfies HttpScenario
