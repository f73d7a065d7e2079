// Home: how the shop is doing today and this month, and what sells best.
import { Link } from 'react-router'
import { formatNumber } from '../format'
import { useResource } from '../hooks'
import type { ListPage } from '../types'
import { EmptyState, PageHeader, Section } from '../ui/page'

export function HomePage() {
  const products = useResource<ListPage>('/admin/products?limit=0')
  const regions = useResource<ListPage>('/admin/regions?limit=0')

  return (
    <>
      <PageHeader title="Home" subtitle="Your shop at a glance." />
      <div className="stats">
        <Stat
          label="Products"
          value={products.data ? formatNumber(products.data.count) : '…'}
          to="/products"
        />
        <Stat label="Regions" value={regions.data ? formatNumber(regions.data.count) : '…'} to="/regions" />
      </div>
      <Section title="Sales">
        <EmptyState title="No orders yet">
          Today's and this month's sales, orders and top products show here once shoppers start buying.
        </EmptyState>
      </Section>
    </>
  )
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
