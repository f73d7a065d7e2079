// Order confirmation: what was bought, where it goes, what it cost. A guest sees it right after
// placing the order (the Store API allows that for a short time); a customer can come back to it.
import type { HttpTypes } from '@medusajs/types'
import { useEffect, useState } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { TotalsTable } from '../components/cart-summary'
import type { PageMeta } from '../lib/meta'
import { formatMoney } from '../lib/money'
import { useShop } from '../lib/shop'
import type { RegisterInvitation } from './account'
import { errorMessage } from './cart'

export const orderMeta = { meta: { title: 'Your order' } satisfies PageMeta }

export type Order = HttpTypes.StoreOrder

export function OrderStatus({ order }: { order: Order }) {
  const fulfillment = order.fulfillment_status?.replace(/_/g, ' ')
  return (
    <span className="status-badge" data-testid="order-status">
      {order.status === 'canceled'
        ? 'canceled'
        : fulfillment && fulfillment !== 'not fulfilled'
          ? fulfillment
          : 'placed'}
    </span>
  )
}

/** For a shopper who bought as a guest: register with the order's email to find it in the account. */
function TrackWithAnAccount({ order }: { order: Order }) {
  const { customer, ready } = useShop()
  if (!ready || customer || order.customer_id || !order.email) return null
  const invitation: RegisterInvitation = { register: { email: order.email } }
  return (
    <section className="panel" aria-labelledby="track-heading">
      <h2 id="track-heading">Track this order</h2>
      <p className="muted">
        Create an account with the email above and confirm it with the code we send there: this order and its
        delivery status then appear in your account.
      </p>
      <Link to="/account" state={invitation} className="button button-primary">
        Create an account to track this order
      </Link>
    </section>
  )
}

export function OrderPage() {
  const { id } = useParams()
  const { store } = useShop()
  const accessToken = useSearchParams()[0].get('access_token') ?? undefined
  const placed = (useLocation().state as { order?: Order } | null)?.order
  const [order, setOrder] = useState<Order | undefined>(placed?.id === id ? placed : undefined)
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (!id) return
    store.sdk.store.order
      .retrieve(id, (accessToken ? { access_token: accessToken } : {}) as HttpTypes.SelectParams)
      .then(({ order }) => setOrder(order as Order))
      .catch((failure) => {
        setOrder((current) => {
          if (!current) setError(errorMessage(failure, 'This order could not be found'))
          return current
        })
      })
  }, [store, id, accessToken])

  if (error) {
    return (
      <div className="error-page">
        <h1>Order not found</h1>
        <p>{error}</p>
        <Link to="/account" className="button">
          Your account
        </Link>
      </div>
    )
  }
  if (!order) return <p className="muted">Loading your order…</p>
  const address = order.shipping_address
  return (
    <div className="order-page">
      <h1>Thank you for your order</h1>
      <p>
        Order <strong>#{order.display_id}</strong> <OrderStatus order={order} /> — a confirmation is on its
        way to <strong>{order.email}</strong>.
      </p>
      <div className="checkout-layout">
        <section className="panel" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <ul className="summary-lines">
            {(order.items ?? []).map((item) => (
              <li key={item.id}>
                <span>
                  {item.quantity} × {item.product_title ?? item.title}
                  <span className="muted"> · {item.variant_title}</span>
                </span>
                <span>{formatMoney(item.total ?? item.unit_price * item.quantity, order.currency_code)}</span>
              </li>
            ))}
          </ul>
          {address && (
            <>
              <h2>Delivery address</h2>
              <address className="address">
                {address.first_name} {address.last_name}
                <br />
                {address.address_1}
                <br />
                {address.postal_code} {address.city}
                <br />
                {address.country_code?.toUpperCase()}
              </address>
            </>
          )}
        </section>
        <aside className="summary" aria-label="Order total">
          <TotalsTable totals={order} />
          <Link to="/" className="button button-block">
            Continue shopping
          </Link>
        </aside>
      </div>
      <TrackWithAnAccount order={order} />
    </div>
  )
}
