// Orders, newest first: search by email or number, filter by status and date, pages from the server.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { queryString } from '../../api'
import { formatDate, formatMoney } from '../../format'
import { useDebounced, useListParams, useResource } from '../../hooks'
import type { ListPage, Order } from '../../types'
import { SelectField, TextField } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Pagination } from '../../ui/page'

const PAGE_SIZE = 20

const option = (value: string) => ({ value, label: value.replace(/_/g, ' ') })
const PAYMENT_STATUSES = [
  'authorized',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'canceled',
]
const FULFILLMENT_STATUSES = [
  'not_fulfilled',
  'partially_fulfilled',
  'fulfilled',
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
  'canceled',
]

/** The start of a day the merchant picked (yyyy-mm-dd), in their own time zone. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined
  const date = new Date(`${day}T00:00:00`)
  date.setDate(date.getDate() + plusDays)
  return date.toISOString()
}

export function OrderListPage() {
  const navigate = useNavigate()
  const { params, offset, update } = useListParams()
  const [search, setSearch] = useState(params.get('q') ?? '')
  const q = useDebounced(search.trim())
  const payment = params.get('payment_status') ?? ''
  const fulfillment = params.get('fulfillment_status') ?? ''
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''

  const path = `/admin/orders${queryString({
    q,
    limit: PAGE_SIZE,
    offset,
    payment_status: payment || undefined,
    fulfillment_status: fulfillment || undefined,
    created_at: { gte: dayStart(from), lt: dayStart(to, 1) },
  })}`
  const orders = useResource<ListPage & { orders: Order[] }>(path)
  const page = orders.data
  const filtered = Boolean(q || payment || fulfillment || from || to)

  return (
    <>
      <PageHeader title="Orders" subtitle={page ? `${page.count.toLocaleString()} orders` : undefined} />
      <search className="filters">
        <TextField
          label="Search"
          type="search"
          placeholder="Email or order number"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value)
            if (offset) update({ offset: '' })
          }}
        />
        <SelectField
          label="Payment"
          value={payment}
          options={[{ value: '', label: 'Any payment' }, ...PAYMENT_STATUSES.map(option)]}
          onChange={(event) => update({ payment_status: event.target.value })}
        />
        <SelectField
          label="Fulfilment"
          value={fulfillment}
          options={[{ value: '', label: 'Any fulfilment' }, ...FULFILLMENT_STATUSES.map(option)]}
          onChange={(event) => update({ fulfillment_status: event.target.value })}
        />
        <div className="date-range">
          <TextField
            label="From"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => update({ from: event.target.value })}
          />
          <TextField
            label="To"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => update({ to: event.target.value })}
          />
        </div>
      </search>
      <ErrorNotice error={orders.error} />
      {!page && orders.loading && <Loading />}
      {page && page.count === 0 && (
        <EmptyState title={filtered ? 'No order matches' : 'No orders yet'}>
          {filtered
            ? 'Try another search or clear the filters.'
            : 'Orders appear here as soon as shoppers check out.'}
        </EmptyState>
      )}
      {page && page.count > 0 && (
        <DataTable
          columns={[
            'Order',
            { label: 'Date', wide: true },
            { label: 'Customer', wide: true },
            'Payment',
            'Fulfilment',
            { label: 'Total', numeric: true },
          ]}
          busy={orders.loading}
        >
          {page.orders.map((order) => (
            <tr key={order.id} className="clickable" onClick={() => navigate(`/orders/${order.id}`)}>
              <td>
                <Link to={`/orders/${order.id}`}>#{order.display_id}</Link>
                {order.status === 'canceled' && <span className="muted small block">canceled</span>}
              </td>
              <td className="hide-sm">{formatDate(order.created_at)}</td>
              <td className="hide-sm">{order.email ?? '—'}</td>
              <td>
                <Badge value={order.payment_status} />
              </td>
              <td>
                <Badge value={order.fulfillment_status} />
              </td>
              <td className="numeric">{formatMoney(order.total, order.currency_code)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          count={page.count}
          onChange={(next) => update({ offset: next ? String(next) : '' })}
        />
      )}
    </>
  )
}
