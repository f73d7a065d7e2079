// Checkout in three steps on one page: contact and address, delivery, payment. Each step saves to
// the cart through the Store API; placing the order completes the cart and opens the confirmation.
import type { HttpTypes } from '@medusajs/types'
import { type FormEvent, useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { AddressFields, type AddressValues, addressFrom } from '../components/address-fields'
import { Alert } from '../components/alert'
import { TotalsTable } from '../components/cart-summary'
import type { PageMeta } from '../lib/meta'
import { formatMoney } from '../lib/money'
import { type Cart, useShop } from '../lib/shop'
import { EmptyCart, errorMessage } from './cart'
import {
  type CardField,
  confirmCard,
  PAYMENT_LABELS,
  type PaymentSession,
  PayPalButtons,
  type PayPalOutcome,
  paymentKind,
  StripeCardField,
  UNAVAILABLE,
} from './checkout-payment'

export const checkoutMeta = { meta: { title: 'Checkout' } satisfies PageMeta }

function ContactStep({ cart }: { cart: Cart }) {
  const { store, region, customer, updateCart } = useShop()
  const [email, setEmail] = useState(cart.email ?? customer?.email ?? '')
  const [address, setAddress] = useState<AddressValues>(() =>
    addressFrom(
      cart.shipping_address ?? customer?.addresses?.[0] ?? { country_code: region?.countries?.[0]?.iso_2 },
    ),
  )
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    const { phone, ...rest } = address
    const postal = { ...rest, ...(phone ? { phone } : {}) }
    try {
      await updateCart((cartId) =>
        store.sdk.store.cart.update(cartId, { email, shipping_address: postal, billing_address: postal }),
      )
    } catch (failure) {
      setError(errorMessage(failure, 'Your address could not be saved'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="panel" onSubmit={save} aria-labelledby="contact-heading">
      <h2 id="contact-heading">1. Contact and delivery address</h2>
      <div className="field">
        <label htmlFor="checkout-email">Email</label>
        <input
          id="checkout-email"
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <AddressFields prefix="shipping" values={address} region={region} onChange={setAddress} />
      <Alert message={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Saving…' : 'Continue to delivery'}
      </button>
    </form>
  )
}

function DeliveryStep({ cart }: { cart: Cart }) {
  const { store, updateCart } = useShop()
  const [options, setOptions] = useState<HttpTypes.StoreCartShippingOption[]>()
  const [error, setError] = useState<string>()
  const saved = cart.shipping_methods?.[0]?.shipping_option_id
  // The choice shows at once; the cart follows.
  const [chosen, setChosen] = useState(saved)
  useEffect(() => {
    store.sdk.store.fulfillment
      .listCartOptions({ cart_id: cart.id })
      .then(({ shipping_options }) => setOptions(shipping_options))
      .catch((failure) => setError(errorMessage(failure, 'Delivery options could not be loaded')))
  }, [store, cart.id])
  const choose = async (optionId: string) => {
    setError(undefined)
    setChosen(optionId)
    try {
      await updateCart((cartId) => store.sdk.store.cart.addShippingMethod(cartId, { option_id: optionId }))
    } catch (failure) {
      setChosen(saved)
      setError(errorMessage(failure, 'This delivery option could not be chosen'))
    }
  }
  return (
    <fieldset className="panel">
      <legend className="panel-title">
        <h2>2. Delivery</h2>
      </legend>
      {!options && !error && <p className="muted">Loading delivery options…</p>}
      {options?.length === 0 && <p>We do not deliver to this address yet.</p>}
      {options?.map((option) => (
        <div key={option.id} className="choice">
          <input
            type="radio"
            id={`shipping-${option.id}`}
            name="shipping_option"
            checked={chosen === option.id}
            onChange={() => void choose(option.id)}
          />
          <label htmlFor={`shipping-${option.id}`} className="choice-label">
            <span>{option.name}</span>
            <span>{formatMoney(option.amount ?? 0, cart.currency_code)}</span>
          </label>
        </div>
      ))}
      <Alert message={error} />
    </fieldset>
  )
}

function PaymentStep({ cart }: { cart: Cart }) {
  const { store, forgetCart } = useShop()
  const navigate = useNavigate()
  const [providers, setProviders] = useState<HttpTypes.StorePaymentProvider[]>()
  const [providerId, setProviderId] = useState<string>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [cardField, setCardField] = useState<CardField>()
  /** The PayPal session whose buttons are shown, once the shopper chose to pay with PayPal. */
  const [paypalSession, setPaypalSession] = useState<PaymentSession>()
  useEffect(() => {
    store.sdk.store.payment
      .listPaymentProviders({ region_id: cart.region_id ?? '' })
      .then(({ payment_providers }) => {
        setProviders(payment_providers)
        setProviderId((current) => current ?? payment_providers[0]?.id)
      })
      .catch((failure) => setError(errorMessage(failure, 'Payment methods could not be loaded')))
  }, [store, cart.region_id])
  const kind = paymentKind(providerId ?? '')
  const browserSettings = providerId ? store.settings.payments[providerId] : undefined

  /** Starts a payment session with the chosen provider for the cart's current total. */
  const startSession = async (id: string): Promise<PaymentSession> => {
    const { payment_collection } = await store.sdk.store.payment.initiatePaymentSession(cart, {
      provider_id: id,
    })
    const session = payment_collection.payment_sessions?.find((entry) => entry.provider_id === id)
    if (!session) throw new Error('The payment could not be started. Please try again.')
    return session
  }

  /** Completes the cart once the provider holds the money; the order opens its confirmation. */
  const completeOrder = async (): Promise<boolean> => {
    const result = await store.sdk.store.cart.complete(cart.id)
    if (result.type === 'order') {
      forgetCart()
      // A guest reads their order later with the token the Store API returned when it was placed.
      const token = (result.order as { access_token?: string }).access_token
      const query = token ? `?access_token=${encodeURIComponent(token)}` : ''
      navigate(`/order/${result.order.id}/confirmed${query}`, { state: { order: result.order } })
      return true
    }
    setError(result.error?.message ?? 'Your order could not be placed')
    return false
  }

  const pay = async () => {
    if (!providerId) return
    setBusy(true)
    setError(undefined)
    try {
      if ((kind === 'stripe' || kind === 'paypal') && !browserSettings) throw new Error(UNAVAILABLE[kind])
      if (kind === 'stripe' && !cardField)
        throw new Error('The card form is still loading. Please try again.')
      const session = await startSession(providerId)
      if (kind === 'paypal') {
        setPaypalSession(session)
        return
      }
      if (kind === 'stripe' && cardField) {
        const refusal = await confirmCard(cardField, session)
        // Stripe refused the card: no order, and the shopper may try another card.
        if (refusal) return setError(refusal)
      }
      await completeOrder()
    } catch (failure) {
      setError(errorMessage(failure, 'Your order could not be placed'))
    } finally {
      setBusy(false)
    }
  }

  const paypalOutcome: PayPalOutcome = {
    async onApproved() {
      setBusy(true)
      setError(undefined)
      let placed = false
      try {
        placed = await completeOrder()
      } catch (failure) {
        setError(errorMessage(failure, 'Your order could not be placed'))
      } finally {
        setBusy(false)
      }
      // PayPal refused what the buyer approved: paying again starts a new PayPal order.
      if (!placed) setPaypalSession(undefined)
    },
    onProblem: setError,
  }

  return (
    <fieldset className="panel">
      <legend className="panel-title">
        <h2>3. Payment</h2>
      </legend>
      {providers?.map((provider) => {
        const labels = PAYMENT_LABELS[paymentKind(provider.id)]
        return (
          <div key={provider.id} className="choice">
            <input
              type="radio"
              id={`payment-${provider.id}`}
              name="payment_provider"
              checked={providerId === provider.id}
              onChange={() => {
                setProviderId(provider.id)
                setPaypalSession(undefined)
                setError(undefined)
              }}
            />
            <label htmlFor={`payment-${provider.id}`} className="choice-label stacked">
              <span>{labels.title}</span>
              <span className="muted">{labels.detail}</span>
            </label>
          </div>
        )
      })}
      {kind === 'stripe' && (
        <StripeCardField settings={browserSettings} onReady={setCardField} onError={setError} />
      )}
      <Alert message={error} />
      {kind === 'paypal' && paypalSession && browserSettings ? (
        <PayPalButtons
          settings={browserSettings}
          session={paypalSession}
          currency={cart.currency_code}
          outcome={paypalOutcome}
        />
      ) : (
        <button
          type="button"
          className={
            kind === 'paypal' ? 'button button-paypal button-block' : 'button button-primary button-block'
          }
          disabled={!providerId || busy}
          onClick={() => void pay()}
        >
          {busy ? 'Placing your order…' : PAYMENT_LABELS[kind].button}
        </button>
      )}
      {busy && kind === 'paypal' && paypalSession && (
        <p role="status" className="muted">
          Placing your order…
        </p>
      )}
    </fieldset>
  )
}

function OrderSummary({ cart }: { cart: Cart }) {
  return (
    <aside className="summary" aria-label="Order summary">
      <h2>Order summary</h2>
      <ul className="summary-lines">
        {(cart.items ?? []).map((item) => (
          <li key={item.id}>
            <span>
              {item.quantity} × {item.product_title ?? item.title}
              <span className="muted"> · {item.variant_title}</span>
            </span>
            <span>{formatMoney(item.total ?? item.unit_price * item.quantity, cart.currency_code)}</span>
          </li>
        ))}
      </ul>
      <TotalsTable totals={cart} />
    </aside>
  )
}

export function CheckoutPage() {
  const { cart, ready } = useShop()
  if (!ready) return <p className="muted">Loading your cart…</p>
  if (!cart?.items?.length) {
    return (
      <div className="checkout-page">
        <h1>Checkout</h1>
        <EmptyCart />
      </div>
    )
  }
  const hasAddress = Boolean(cart.email && cart.shipping_address?.address_1)
  const hasDelivery = Boolean(cart.shipping_methods?.length)
  return (
    <div className="checkout-page">
      <h1>Checkout</h1>
      <div className="checkout-layout">
        <div>
          <ContactStep cart={cart} />
          {hasAddress && <DeliveryStep cart={cart} />}
          {hasAddress && hasDelivery && <PaymentStep cart={cart} />}
        </div>
        <OrderSummary cart={cart} />
      </div>
    </div>
  )
}
