// The product list as Medusa's storefront asks for it, with each variant's stock
// (`+variants.inventory_quantity`): cached documents plus one fresh grouped stock query per page.
import type { HttpScenario } from '../scenario'
import { backend, catalogSize, serveCatalog } from './catalog'

export default {
  kind: 'http',
  name: `catalog: stock on a product list, 20 per page with prices (${catalogSize} products, ${backend})`,
  path: '/store/products?limit=20&offset=40&currency_code=usd&fields=*variants.calculated_price,%2Bvariants.inventory_quantity',
  serve: async () => {
    const { url, headers } = await serveCatalog()
    return { url, headers }
  },
} satisfies HttpScenario
