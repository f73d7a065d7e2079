// Home: how the shop is doing today and this month (sales, orders, top products), from the orders API.
import { useMemo } from 'react'
import { Link } from 'react-router'
import { queryString } from '../api'
import { formatMoney, formatNumber } from '../format'
import { useOptionalResource, useResource, useRoutes } from '../hooks'
import type { ListPage, Order } from '../types'
import { EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

/** Orders the month's figures are computed from; a busier month says that it shows the latest ones. */
const MONTH_SAMPLE = 1000

function startOfToday(): Date {
  const today = new Date()
  today.setHours(0, 0, 0, 0)
  return today
}

function startOfMonth(): Date {
  const month = startOfToday()
  month.setDate(1)
  return month
}

/** Sales per currency: a shop selling in EUR and USD has two totals, never one mixed sum. */
function salesOf(orders: Order[]): Array<[string, number]> {
  const byCurrency = new Map<string, number>()
  for (const order of orders)
    byCurrency.set(order.currency_code, (byCurrency.get(order.currency_code) ?? 0) + order.total)
  return [...byCurrency.entries()].sort((a, b) => b[1] - a[1])
}

function topProducts(orders: Order[]) {
  const byProduct = new Map<string, { id: string | null; title: string; quantity: number; orders: number }>()
  for (const order of orders) {
    for (const item of order.items) {
      const key = item.product_id ?? item.title
      const entry = byProduct.get(key) ?? { id: item.product_id, title: item.title, quantity: 0, orders: 0 }
      entry.quantity += item.quantity
      entry.orders += 1
      byProduct.set(key, entry)
    }
  }
  return [...byProduct.values()].sort((a, b) => b.quantity - a.quantity).slice(0, 5)
}

export function HomePage() {
  const routes = useRoutes()
  const hasOrders = routes?.has('GET /admin/orders') ?? false
  const products = useOptionalResource<ListPage>('GET /admin/products', '/admin/products?limit=0')
  const month = useResource<ListPage & { orders: Order[] }>(
    hasOrders
      ? `/admin/orders${queryString({ limit: MONTH_SAMPLE, created_at: { gte: startOfMonth().toISOString() } })}`
      : null,
  )
  const orders = useMemo(
    () => (month.data?.orders ?? []).filter((order) => order.status !== 'canceled'),
    [month.data],
  )
  const today = useMemo(() => {
    const start = startOfToday().getTime()
    return orders.filter((order) => new Date(order.created_at).getTime() >= start)
  }, [orders])
  const top = useMemo(() => topProducts(orders), [orders])

  return (
    <>
      <PageHeader title="Home" subtitle="Your shop at a glance." />
      <ErrorNotice error={month.error} />
      {routes && !hasOrders && (
        <EmptyState title="No sales to show yet">
          Today's and this month's sales, orders and top products show here for staff who may see orders, once
          this server takes them.
        </EmptyState>
      )}
      {hasOrders && !month.data && <Loading />}
      {month.data && (
        <>
          <div className="stats">
            <Stat label="Sales today" value={moneyList(salesOf(today))} />
            <Stat label="Orders today" value={formatNumber(today.length)} to="/orders" />
            <Stat label="Sales this month" value={moneyList(salesOf(orders))} />
            <Stat
              label="Orders this month"
              value={formatNumber(orders.length)}
              detail={
                month.data.count > MONTH_SAMPLE
                  ? `figures from the latest ${formatNumber(MONTH_SAMPLE)}`
                  : undefined
              }
              to="/orders"
            />
            <Stat
              label="Products"
              value={products.data ? formatNumber(products.data.count) : '…'}
              to="/products"
            />
          </div>
          <Section title="Top products this month">
            {top.length === 0 ? (
              <EmptyState title="No orders this month yet">
                Best sellers show here as orders come in.
              </EmptyState>
            ) : (
              <ol className="top-products">
                {top.map((product) => (
                  <li key={product.id ?? product.title}>
                    {product.id ? <Link to={`/products/${product.id}`}>{product.title}</Link> : product.title}
                    <span className="muted small">
                      {formatNumber(product.quantity)} sold in {formatNumber(product.orders)} order
                      {product.orders === 1 ? '' : 's'}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </>
      )}
    </>
  )
}

function moneyList(sales: Array<[string, number]>): string {
  return sales.length ? sales.map(([currency, amount]) => formatMoney(amount, currency)).join(' · ') : '—'
}

export function Stat({
  label,
  value,
  detail,
  to,
}: {
  label: string
  value: string
  detail?: string
  to?: string
}) {
  const body = (
    <>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {detail && <span className="muted small">{detail}</span>}
    </>
  )
  return to ? (
    <Link className="stat" to={to}>
      {body}
    </Link>
  ) : (
    <div className="stat">{body}</div>
  )
}
