// One product by handle, as a product page asks for it.
import type { HttpScenario } from '../scenario'
import { backend, catalogSize, serveCatalog } from './catalog'

export default {
  kind: 'http',
  name: `catalog: product by handle (${catalogSize} products, ${backend})`,
  path: '/store/products',
  serve: async () => {
    const { url, headers } = await serveCatalog()
    const list = (await (await fetch(`${url}/store/products?limit=1&offset=7`, { headers })).json()) as {
      products: Array<{ handle: string }>
    }
    return { url, headers, path: `/store/products?handle=${list.products[0]!.handle}&currency_code=usd` }
  },
} satisfies HttpScenario
