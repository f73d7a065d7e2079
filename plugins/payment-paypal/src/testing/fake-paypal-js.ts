// A fake of PayPal's JS SDK, for browser tests only: the part the storefront calls
// (paypal.Buttons({ createOrder, onApprove, onCancel, onError }).render(…)), talking to a FakePayPal
// as PayPal's button talks to PayPal. Clicking its button opens the buyer's window (the fake's
// review page) on the order createOrder names; paying there approves the order at the fake and calls
// onApprove; closing the window calls onCancel. A test serves it in place of PayPal's script
// (Playwright's page.route); production pages load the real one.

/** Where FakePayPal serves the buyer's window (`?token=` the order id). */
export const REVIEW_PATH = '/checkoutnow/review'

/** The script's source, for a FakePayPal at `apiUrl` (e.g. `fake.url`). */
export function fakePayPalJs(apiUrl: string): string {
  return `(() => {
  const origin = ${JSON.stringify(apiUrl)}
  const query = new URL(document.currentScript.src).searchParams
  if (!query.get('client-id')) throw new Error('PayPal JS SDK: client-id is required')
  window.paypal = {
    version: 'fake',
    Buttons(options) {
      let container
      async function pay() {
        // A window may be opened only in the click itself, so it opens before the order is known.
        const buyer = window.open('about:blank', 'fake-paypal', 'width=450,height=600')
        let orderID
        try {
          orderID = await options.createOrder({}, {})
        } catch (error) {
          buyer.close()
          return options.onError?.(error)
        }
        buyer.location.href = origin + ${JSON.stringify(REVIEW_PATH)} + '?token=' + encodeURIComponent(orderID)
        const finish = () => {
          clearInterval(watching)
          window.removeEventListener('message', approved)
        }
        const approved = (event) => {
          if (event.origin !== origin || event.data?.source !== 'fake-paypal' || event.data.orderID !== orderID) return
          finish()
          buyer.close()
          options.onApprove({ orderID, payerID: event.data.payerID }, {})
        }
        const watching = setInterval(() => {
          if (!buyer.closed) return
          finish()
          options.onCancel?.({ orderID })
        }, 100)
        window.addEventListener('message', approved)
      }
      return {
        isEligible: () => true,
        async render(target) {
          container = typeof target === 'string' ? document.querySelector(target) : target
          const button = document.createElement('button')
          button.type = 'button'
          button.textContent = 'PayPal'
          button.addEventListener('click', () => void pay())
          container.appendChild(button)
        },
        async close() {
          container?.replaceChildren()
        },
      }
    },
  }
})()
`
}
