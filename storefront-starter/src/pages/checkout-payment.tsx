// How each payment provider is paid for in the browser. The system provider (pp_system_default)
// needs no step: the order is placed at once. Card payments confirm the Stripe PaymentIntent of the
// session with Stripe.js (a Card Element); PayPal shows PayPal's own buttons (its JS SDK), whose order
// is the session's. Both scripts load from the providers (through @stripe/stripe-js and
// @paypal/paypal-js) only when the shopper chooses that method, with the public settings the server
// put in the page (settings.payments): a publishable key, a client id, never a secret.
import type { HttpTypes } from '@medusajs/types'
import type { PayPalNamespace } from '@paypal/paypal-js'
import type { Stripe, StripeCardElement } from '@stripe/stripe-js'
import { useEffect, useRef, useState } from 'react'

export type PaymentSession = HttpTypes.StorePaymentSession

export type PaymentKind = 'system' | 'stripe' | 'paypal' | 'other'

export function paymentKind(providerId: string): PaymentKind {
  if (providerId === 'pp_system_default') return 'system'
  if (providerId.startsWith('pp_stripe')) return 'stripe'
  if (providerId.startsWith('pp_paypal')) return 'paypal'
  return 'other'
}

export const PAYMENT_LABELS: Record<PaymentKind, { title: string; detail: string; button: string }> = {
  system: { title: 'Pay on delivery', detail: 'Pay when your order arrives.', button: 'Place order' },
  stripe: { title: 'Card', detail: 'Visa, Mastercard, American Express.', button: 'Pay with card' },
  paypal: { title: 'PayPal', detail: 'You will confirm the payment with PayPal.', button: 'Pay with PayPal' },
  other: { title: 'Other payment', detail: '', button: 'Place order' },
}

export const UNAVAILABLE: Partial<Record<PaymentKind, string>> = {
  stripe: 'Card payments are not available in this shop right now. Please choose another method.',
  paypal: 'PayPal is not available in this shop right now. Please choose another method.',
}

/** A provider's public browser settings, as the server gave them to the page. */
export type BrowserSettings = Record<string, string> | undefined

/** Loads a script of the shop's choosing (a `scriptUrl` setting) in place of the provider's own. */
async function loadOverride(url: string | undefined): Promise<void> {
  if (!url) return
  const { loadCustomScript } = await import('@paypal/paypal-js')
  await loadCustomScript({ url })
}

/** Stripe.js for the shop's publishable key; @stripe/stripe-js adds Stripe's script unless one is in the page already. */
async function loadStripeFor(settings: Record<string, string>): Promise<Stripe> {
  await loadOverride(settings.scriptUrl)
  const { loadStripe } = await import('@stripe/stripe-js/pure')
  const stripe = await loadStripe(settings.publishableKey ?? '')
  if (!stripe) throw new Error('Stripe.js did not load')
  return stripe
}

export interface CardField {
  stripe: Stripe
  card: StripeCardElement
}

/**
 * The card field: Stripe's Card Element mounted in the page, so the card number goes from the
 * shopper's browser to Stripe and never through the shop. Shown whether or not the shop is set up
 * for cards; without settings it stays empty, and paying by card is refused with UNAVAILABLE.
 */
export function StripeCardField(props: {
  settings: BrowserSettings
  onReady: (field: CardField | undefined) => void
  onError: (message: string) => void
}) {
  const { settings, onReady, onError } = props
  const container = useRef<HTMLDivElement>(null)
  const [problem, setProblem] = useState<string>()
  useEffect(() => {
    if (!settings?.publishableKey || !container.current) return
    const target = container.current
    let card: StripeCardElement | undefined
    let gone = false
    loadStripeFor(settings)
      .then((stripe) => {
        if (gone) return
        card = stripe.elements().create('card', { hidePostalCode: true })
        card.on('change', (event) => setProblem(event.error?.message))
        card.mount(target)
        onReady({ stripe, card })
      })
      .catch(() => {
        if (!gone)
          onError('The card form could not be loaded. Please reload the page or choose another method.')
      })
    return () => {
      gone = true
      card?.destroy()
      onReady(undefined)
    }
  }, [settings, onReady, onError])
  return (
    <fieldset className="field card-field">
      <legend className="field-label">Card details</legend>
      <div id="stripe-card-element" ref={container} className="card-element" />
      {problem && <p className="error">{problem}</p>}
    </fieldset>
  )
}

/**
 * Confirms the session's PaymentIntent with the card in the field. Answers Stripe's message when the
 * card is refused (declined, incomplete, 3-D Secure failed), else nothing.
 */
export async function confirmCard(field: CardField, session: PaymentSession): Promise<string | undefined> {
  const clientSecret = session.data?.client_secret
  if (typeof clientSecret !== 'string') return 'The card payment could not be started. Please try again.'
  const { error } = await field.stripe.confirmCardPayment(clientSecret, {
    payment_method: { card: field.card },
  })
  return error ? (error.message ?? 'Your card was not accepted.') : undefined
}

/** What the PayPal buttons report back to the checkout. */
export interface PayPalOutcome {
  /** The buyer approved the payment in PayPal's window: the cart may be completed. */
  onApproved(): Promise<void>
  onProblem(message: string): void
}

/** PayPal's JS SDK for the shop's client id, in the currency and with the intent of the session's order. */
async function loadPayPalFor(settings: Record<string, string>, currency: string): Promise<PayPalNamespace> {
  const { loadScript } = await import('@paypal/paypal-js')
  const paypal = await loadScript({
    clientId: settings.clientId ?? '',
    currency: currency.toUpperCase(),
    // Shopwright creates the order with intent AUTHORIZE and captures from the order later.
    intent: 'authorize',
    components: 'buttons',
    ...(settings.environment === 'production' || settings.environment === 'sandbox'
      ? { environment: settings.environment }
      : {}),
    ...(settings.scriptUrl ? { sdkBaseUrl: settings.scriptUrl } : {}),
  })
  if (!paypal?.Buttons) throw new Error('PayPal did not load')
  return paypal
}

/**
 * PayPal's own buttons for the PayPal order of the session: the buyer approves in PayPal's window,
 * then the order is placed; closing that window leaves the cart as it was.
 */
export function PayPalButtons(props: {
  settings: Record<string, string>
  session: PaymentSession
  currency: string
  outcome: PayPalOutcome
}) {
  const { settings, session, currency, outcome } = props
  const container = useRef<HTMLDivElement>(null)
  const latest = useRef(outcome)
  latest.current = outcome
  const orderId = String(session.data?.id ?? '')
  useEffect(() => {
    const target = container.current
    if (!target) return
    let buttons: { close(): Promise<void> } | undefined
    let gone = false
    loadPayPalFor(settings, currency)
      .then(async (paypal) => {
        if (gone || !paypal.Buttons) return
        const rendered = paypal.Buttons({
          style: { label: 'pay' },
          createOrder: async () => orderId,
          onApprove: () => latest.current.onApproved(),
          onCancel: () =>
            latest.current.onProblem(
              'You cancelled the payment with PayPal. Your order has not been placed.',
            ),
          onError: () =>
            latest.current.onProblem(
              'PayPal could not take the payment. Please try again or choose another method.',
            ),
        })
        buttons = rendered
        await rendered.render(target)
      })
      .catch(() => {
        if (!gone) latest.current.onProblem(UNAVAILABLE.paypal!)
      })
    return () => {
      gone = true
      void buttons?.close().catch(() => undefined)
    }
  }, [settings, currency, orderId])
  return (
    <div className="paypal-step">
      <p className="muted">Confirm the payment in PayPal’s window:</p>
      <div ref={container} className="paypal-buttons" />
    </div>
  )
}
