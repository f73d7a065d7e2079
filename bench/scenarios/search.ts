// Search with facets on a generated catalog (BENCH_PRODUCTS products, default 1,000): a typed
// query with a typo, filtered by price, sorted by relevance, with every facet counted. The index is
// the one the server builds at boot (serveCatalog waits for it).
import type { HttpScenario } from '../scenario'
import { backend, catalogSize, serveCatalog } from './catalog'

export default {
  kind: 'http',
  name: `search: typo query with facets (${catalogSize} products, ${backend})`,
  path: '/store/search?q=sweter&currency_code=usd&price_max=20000&limit=20',
  serve: async () => {
    const { url, headers } = await serveCatalog()
    return { url, headers }
  },
} satisfies HttpScenario
