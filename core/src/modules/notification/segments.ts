// Campaign segments that depend on other modules' data, answered by their services (never their
// tables): customer groups by the customer module, buyers and inactive customers by the order module,
// a category's products by the product module. Each narrows one batch of consenting customers.
import type { AwilixContainer } from 'awilix'
import { MAX_LIST_LIMIT } from '../../http/list'
import { storeProductQuery } from '../product/schemas'
import type { ProductService } from '../product/service'
import type { MarketingService, Segment } from './marketing-service'

interface CustomerLister {
  listCustomers(query: { limit: number; offset: number; id?: string[]; groups?: string[] }): Promise<{
    customers: Array<{ id: string; email: string; first_name: string | null; last_name: string | null }>
  }>
}

interface OrderLister {
  listOrders(query: {
    limit: number
    offset: number
    customer_id?: string[]
    created_at?: { gte?: string }
  }): Promise<{
    orders: Array<{ customer_id: string | null; items: Array<{ product_id: string | null }> }>
    count: number
  }>
}

type OrdersPage = Awaited<ReturnType<OrderLister['listOrders']>>['orders']

/** Every order of these customers matching the filter, page by page. */
async function* ordersOf(
  orders: OrderLister,
  customerIds: string[],
  filter: { created_at?: { gte?: string } } = {},
): AsyncGenerator<OrdersPage> {
  for (let offset = 0; ; offset += MAX_LIST_LIMIT) {
    const page = await orders.listOrders({
      customer_id: customerIds,
      limit: MAX_LIST_LIMIT,
      offset,
      ...filter,
    })
    yield page.orders
    if (offset + MAX_LIST_LIMIT >= page.count) return
  }
}

async function buyersOf(
  orders: OrderLister,
  customerIds: string[],
  productIds: Set<string>,
): Promise<string[]> {
  const buyers = new Set<string>()
  for await (const page of ordersOf(orders, customerIds)) {
    for (const order of page) {
      if (
        order.customer_id &&
        order.items.some((item) => item.product_id && productIds.has(item.product_id))
      ) {
        buyers.add(order.customer_id)
      }
    }
  }
  return customerIds.filter((id) => buyers.has(id))
}

/** The products in these categories (up to 10,000). */
async function productsIn(products: ProductService, categoryIds: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let offset = 0; offset < 10_000; offset += MAX_LIST_LIMIT) {
    const query = storeProductQuery.parse({ category_id: categoryIds, limit: MAX_LIST_LIMIT, offset })
    const { ids, count } = await products.findProductIds({ ...query, published_only: false })
    for (const id of ids) found.add(id)
    if (offset + MAX_LIST_LIMIT >= count) break
  }
  return found
}

/** Defines each segment whose owning module is installed, and the recipients' names for greetings. */
export function defineSegments(container: AwilixContainer, marketing: MarketingService): void {
  if (container.hasRegistration('customerService')) {
    const customers = () => container.resolve<CustomerLister>('customerService')
    marketing.defineSegment('customer_group', async (segment, customerIds) => {
      const { customer_group_id } = segment as Extract<Segment, { type: 'customer_group' }>
      const page = await customers().listCustomers({
        id: customerIds,
        groups: [customer_group_id],
        limit: customerIds.length,
        offset: 0,
      })
      return page.customers.map((customer) => customer.id)
    })
    marketing.useRecipientProfiles(async (customerIds) => {
      const page = await customers().listCustomers({ id: customerIds, limit: customerIds.length, offset: 0 })
      return new Map(
        page.customers.map((customer) => [
          customer.id,
          { first_name: customer.first_name, last_name: customer.last_name, email: customer.email },
        ]),
      )
    })
  }
  if (!container.hasRegistration('orderService')) return
  const orders = () => container.resolve<OrderLister>('orderService')
  marketing.defineSegment('product_buyers', async (segment, customerIds) => {
    const { product_ids } = segment as Extract<Segment, { type: 'product_buyers' }>
    return buyersOf(orders(), customerIds, new Set(product_ids))
  })
  marketing.defineSegment('inactive', async (segment, customerIds) => {
    const { days } = segment as Extract<Segment, { type: 'inactive' }>
    const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString()
    const active = new Set<string>()
    for await (const page of ordersOf(orders(), customerIds, { created_at: { gte: since } })) {
      for (const order of page) if (order.customer_id) active.add(order.customer_id)
    }
    return customerIds.filter((id) => !active.has(id))
  })
  if (container.hasRegistration('productService')) {
    marketing.defineSegment('category_buyers', async (segment, customerIds) => {
      const { category_ids } = segment as Extract<Segment, { type: 'category_buyers' }>
      const products = await productsIn(container.resolve<ProductService>('productService'), category_ids)
      return buyersOf(orders(), customerIds, products)
    })
  }
}
