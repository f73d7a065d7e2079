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
 * The provider's browser step before the cart is completed. Stripe: `session.data.client_secret`
 * confirmed with Stripe Elements mounted in the element named `stripe-card-element`. PayPal:
 * `session.data.id` is the PayPal order that PayPal's button approves. A shop adds Stripe.js or PayPal's
 * script to its page (window.Stripe, window.paypal); without them these payments are refused here, clearly.
 */
export async function confirmInBrowser(
  kind: PaymentKind,
  session: PaymentSession | undefined,
): Promise<void> {
  if (kind === 'system' || kind === 'other') return
  const sdks = window as unknown as BrowserPaymentSdks
  if (kind === 'stripe' && !sdks.Stripe) {
    throw new Error('Card payments are not available in this shop right now. Please choose another method.')
  }
  if (kind === 'paypal' && !sdks.paypal) {
    throw new Error('PayPal is not available in this shop right now. Please choose another method.')
  }
  if (!session) throw new Error('The payment could not be started. Please try again.')
}
