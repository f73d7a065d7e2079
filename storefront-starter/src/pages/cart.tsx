// The cart: change quantities, remove lines, apply or remove a promotion code, go to checkout.
import { useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../components/alert'
import { TotalsTable } from '../components/cart-summary'
import type { PageMeta } from '../lib/meta'
import { formatMoney } from '../lib/money'
import { type Cart, useShop } from '../lib/shop'
import { isStockRefusal, notEnoughStockMessage, stockOf } from '../lib/stock'

export const cartMeta = { meta: { title: 'Your cart' } satisfies PageMeta }

export function errorMessage(error: unknown, fallback: string): string {
  const message = (error as { message?: string }).message
  return message && message !== 'Failed to fetch' ? message : fallback
}

type Line = NonNullable<Cart['items']>[number]

function CartLines({ cart }: { cart: Cart }) {
  const { store, region, updateCart } = useShop()
  const [error, setError] = useState<string>()
  const run = async (
    change: (cartId: string) => Promise<unknown>,
    explain?: (failure: unknown) => Promise<string | undefined>,
  ) => {
    setError(undefined)
    try {
      await updateCart(change)
    } catch (failure) {
      setError((await explain?.(failure)) ?? errorMessage(failure, 'Your cart could not be updated'))
    }
  }
  /** A refusal for want of stock says how many are left, read afresh, as the product page says it. */
  const explainStockRefusal = async (failure: unknown, line: Line) => {
    if (!isStockRefusal(failure) || !line.product_handle) return undefined
    const product = await store.productByHandle(line.product_handle, region).catch(() => undefined)
    const variant = product?.variants?.find((candidate) => candidate.id === line.variant_id)
    return notEnoughStockMessage(failure, variant && stockOf(variant))
  }
  return (
    <>
      <ul className="lines" aria-label="Items in your cart">
        {(cart.items ?? []).map((item) => (
          <li key={item.id} className="line">
            <div className="line-image">
              {item.thumbnail ? <img src={item.thumbnail} alt="" className="line-thumb" /> : null}
            </div>
            <div className="line-info">
              <Link to={`/products/${item.product_handle}`} className="line-title">
                {item.product_title ?? item.title}
              </Link>
              <p className="muted">{item.variant_title}</p>
              <p>{formatMoney(item.unit_price, cart.currency_code)} each</p>
            </div>
            <div className="line-actions">
              <label htmlFor={`qty-${item.id}`}>
                Quantity<span className="visually-hidden"> of {item.product_title}</span>
              </label>
              <input
                id={`qty-${item.id}`}
                type="number"
                min={1}
                defaultValue={item.quantity}
                key={item.quantity}
                onBlur={(event) => {
                  const quantity = Number(event.target.value)
                  if (Number.isInteger(quantity) && quantity > 0 && quantity !== item.quantity) {
                    void run(
                      (cartId) => store.sdk.store.cart.updateLineItem(cartId, item.id, { quantity }),
                      (failure) => explainStockRefusal(failure, item),
                    )
                  }
                }}
              />
              <button
                type="button"
                className="link"
                onClick={() => void run((cartId) => store.sdk.store.cart.deleteLineItem(cartId, item.id))}
              >
                Remove<span className="visually-hidden"> {item.product_title}</span>
              </button>
            </div>
            <p className="line-total">
              {formatMoney(item.total ?? item.unit_price * item.quantity, cart.currency_code)}
            </p>
          </li>
        ))}
      </ul>
      <Alert message={error} />
    </>
  )
}

function PromoCode({ cart }: { cart: Cart }) {
  const { store, updateCart } = useShop()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string>()
  const applied = cart.promotions?.map((promotion) => promotion.code).filter(Boolean) as string[] | undefined
  return (
    <form
      className="promo"
      onSubmit={async (event) => {
        event.preventDefault()
        setError(undefined)
        try {
          await updateCart((cartId) =>
            store.sdk.store.cart.addPromotions(cartId, { promo_codes: [code.trim()] }),
          )
          setCode('')
        } catch (failure) {
          setError(errorMessage(failure, 'That code could not be applied'))
        }
      }}
    >
      <div className="field">
        <label htmlFor="promo-code">Promotion code</label>
        <div className="inline">
          <input id="promo-code" value={code} onChange={(event) => setCode(event.target.value)} required />
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </div>
      <Alert message={error} />
      {applied?.length ? (
        <ul className="chips" aria-label="Applied codes">
          {applied.map((applied) => (
            <li key={applied} className="chip">
              {applied}{' '}
              <button
                type="button"
                className="link"
                onClick={() =>
                  void updateCart((cartId) =>
                    store.sdk.store.cart.removePromotions(cartId, { promo_codes: [applied] }),
                  )
                }
              >
                Remove<span className="visually-hidden"> code {applied}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  )
}

export function EmptyCart() {
  return (
    <div className="empty-state">
      <p>Your cart is empty.</p>
      <Link to="/search" className="button">
        Browse products
      </Link>
    </div>
  )
}

export function CartPage() {
  const { cart, ready } = useShop()
  const hasItems = Boolean(cart?.items?.length)
  return (
    <div className="cart-page">
      <h1>Your cart</h1>
      {!ready ? (
        <p className="muted">Loading your cart…</p>
      ) : !cart || !hasItems ? (
        <EmptyCart />
      ) : (
        <div className="cart-layout">
          <CartLines cart={cart} />
          <aside className="summary" aria-label="Order summary">
            <TotalsTable totals={cart} />
            <PromoCode cart={cart} />
            <Link to="/checkout" className="button button-primary button-block">
              Check out
            </Link>
          </aside>
        </div>
      )}
    </div>
  )
}
