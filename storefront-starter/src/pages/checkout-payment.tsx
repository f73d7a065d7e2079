// How each payment provider is paid for in the browser. The system provider (pp_system_default)
// needs no step: the order is placed at once. Stripe and PayPal are shown only when the server lists
// them; their browser step is the integration point below: load Stripe.js (Elements) or PayPal's
// JS SDK in the page, and confirm the payment with the session the Store API returned.
import type { HttpTypes } from '@medusajs/types'

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

interface BrowserPaymentSdks {
  Stripe?: (publishableKey: string) => {
    confirmCardPayment(clientSecret: string, data: unknown): Promise<{ error?: { message?: string } }>
  }
  paypal?: unknown
}

/**
 * Before a session is started: Stripe and PayPal need their own browser script in the page
 * (window.Stripe from Stripe.js, window.paypal from PayPal's JS SDK). A shop adds the script for each
 * provider it uses; without it, that method is refused here, clearly, and no payment is started.
 */
export function ensurePaymentScript(kind: PaymentKind): void {
  const sdks = window as unknown as BrowserPaymentSdks
  if (kind === 'stripe' && !sdks.Stripe) {
    throw new Error('Card payments are not available in this shop right now. Please choose another method.')
  }
  if (kind === 'paypal' && !sdks.paypal) {
    throw new Error('PayPal is not available in this shop right now. Please choose another method.')
  }
}

/**
 * The provider's browser step, once the Store API has started the session and before the cart is
 * completed. This is the integration point: Stripe confirms `session.data.client_secret` with the
 * card element mounted in `#stripe-card-element` (stripe.confirmCardPayment); PayPal's button
 * approves the PayPal order `session.data.id`. The system provider needs no step.
 */
export async function confirmInBrowser(
  kind: PaymentKind,
  session: PaymentSession | undefined,
): Promise<void> {
  if (kind === 'system' || kind === 'other') return
  if (!session) throw new Error('The payment could not be started. Please try again.')
  ensurePaymentScript(kind)
}
