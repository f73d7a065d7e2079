// A fake Stripe.js, for browser tests only: the part of Stripe.js's browser API the storefront calls
// (Stripe(publishableKey).elements().create('card').mount(…), stripe.confirmCardPayment(…)), talking
// to a FakeStripe over HTTP as Stripe.js talks to Stripe: it confirms the PaymentIntent at
// /v1/payment_intents/:id/confirm with the publishable key, the client secret and the card's number
// (Stripe's test numbers, e.g. 4242424242424242; 4000000000000002 is declined). A test serves it in
// place of Stripe's script (Playwright's page.route); production pages load the real one.

/** The script's source, for a FakeStripe at `apiUrl` (e.g. `fake.url`). */
export function fakeStripeJs(apiUrl: string): string {
  return `(() => {
  const api = ${JSON.stringify(apiUrl)}
  function Stripe(publishableKey) {
    return {
      elements() {
        return {
          create(type) {
            if (type !== 'card') throw new Error('The fake Stripe.js has only the card element, not ' + type)
            const number = document.createElement('input')
            number.name = 'cardnumber'
            number.autocomplete = 'cc-number'
            number.inputMode = 'numeric'
            // Stripe's own field is labelled so inside its frame.
            number.setAttribute('aria-label', 'Credit or debit card number')
            const listeners = {}
            number.addEventListener('input', () =>
              listeners.change?.({ elementType: 'card', empty: !number.value, complete: number.value.length >= 16 }),
            )
            return {
              mount(target) {
                ;(typeof target === 'string' ? document.querySelector(target) : target).appendChild(number)
              },
              on(event, handler) {
                listeners[event] = handler
              },
              unmount() {
                number.remove()
              },
              destroy() {
                number.remove()
              },
              fakeCardNumber: () => number.value,
            }
          },
        }
      },
      async confirmCardPayment(clientSecret, data) {
        const intentId = clientSecret.split('_secret_')[0]
        const body = new URLSearchParams({
          'payment_method_data[type]': 'card',
          'payment_method_data[card][number]': data.payment_method.card.fakeCardNumber(),
          key: publishableKey,
          client_secret: clientSecret,
        })
        const response = await fetch(api + '/v1/payment_intents/' + intentId + '/confirm', { method: 'POST', body })
        const answer = await response.json()
        return response.ok ? { paymentIntent: answer } : { error: answer.error }
      },
    }
  }
  // The release @stripe/stripe-js expects, so that it loads this as its own.
  Stripe.version = 'endive'
  window.Stripe = Stripe
})()
`
}
