// Paying in the starter storefront with Stripe and PayPal, in a real browser: the plugins talk to a
// FakeStripe and a FakePayPal through their real SDKs, and the page loads fakes of Stripe.js and
// PayPal's JS SDK (served by this test in place of the providers' scripts) that talk to the same
// fakes as the real scripts talk to Stripe and PayPal.

import { openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import paypalPlugin from '@shopwright/plugin-payment-paypal'
import { FakePayPal, fakePayPalJs } from '@shopwright/plugin-payment-paypal/testing'
import stripePlugin from '@shopwright/plugin-payment-stripe'
import { FakeStripe, fakeStripeJs } from '@shopwright/plugin-payment-stripe/testing'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addToCart,
  fillAddressAndChooseDelivery,
  openStorefront,
  type StorefrontFixture,
} from './storefront-fixture'

const STRIPE = {
  apiKey: 'sk_test_payments',
  webhookSecret: 'whsec_payments',
  publishableKey: 'pk_test_payments',
}
const PAYPAL = { clientId: 'payments-client', clientSecret: 'payments-secret', webhookId: 'WH-PAYMENTS' }
/** Where @stripe/stripe-js and @paypal/paypal-js load the providers' scripts from (sandbox PayPal). */
const STRIPE_JS = 'https://js.stripe.com/**'
const PAYPAL_JS = 'https://www.sandbox.paypal.com/sdk/js**'

/** Chrome logs the 402 of a declined card (Stripe's answer) as a console error: only that is let through. */
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 402/.test(error))

describe('paying in the starter storefront', () => {
  const stripe = new FakeStripe(STRIPE)
  const paypal = new FakePayPal(PAYPAL)
  let fixture: StorefrontFixture
  let shop: string

  beforeAll(async () => {
    await Promise.all([stripe.start(), paypal.start()])
    fixture = await openStorefront([
      [stripePlugin, { ...STRIPE, apiBase: stripe.url }],
      [paypalPlugin, { ...PAYPAL, apiBase: paypal.url, retryIntervalSeconds: 0.05 }],
    ])
    shop = fixture.shop
  }, 120_000)
  afterAll(async () => {
    await fixture?.close()
    await Promise.all([stripe.stop(), paypal.stop()])
  })

  /** A page whose Stripe.js and PayPal JS SDK are this test's fakes. */
  async function openPayingPage() {
    const watched = await openPage(fixture.browser, 390)
    await watched.page.route(STRIPE_JS, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: fakeStripeJs(stripe.url) }),
    )
    await watched.page.route(PAYPAL_JS, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: fakePayPalJs(paypal.url) }),
    )
    return watched
  }

  async function toPayment(page: Page, email: string) {
    await addToCart(page, shop, 'M')
    await page.goto(`${shop}/cart`)
    await fillAddressAndChooseDelivery(page, email)
  }

  async function ordersOf(email: string): Promise<Array<{ id: string; payment_status: string }>> {
    const { body } = await fixture.app.request('GET', `/admin/orders?q=${encodeURIComponent(email)}`, {
      headers: fixture.app.adminHeaders,
    })
    return body.orders
  }

  /** The PaymentIntent the page confirmed with the publishable key, as FakeStripe recorded the call. */
  function intentConfirmedInBrowser() {
    const confirm = stripe.requests.findLast(
      (request) => request.params.key === STRIPE.publishableKey && request.path.endsWith('/confirm'),
    )
    return { status: confirm?.status, intent: stripe.intent(confirm?.path.split('/')[3] ?? '') }
  }

  async function payByCard(page: Page, cardNumber: string) {
    await page.getByRole('radio', { name: /Card/ }).check()
    const number = page.getByLabel('Credit or debit card number')
    await number.fill(cardNumber)
    expect(await unlabelledFields(page)).toEqual([])
    await page.getByRole('button', { name: 'Pay with card' }).click()
  }

  /** Chooses PayPal, then PayPal's own button: answers the buyer's window it opens. */
  async function openPayPalWindow(page: Page): Promise<Page> {
    await page.getByRole('radio', { name: /PayPal/ }).check()
    await page.getByRole('button', { name: 'Pay with PayPal' }).click()
    const buyerWindow = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'PayPal', exact: true }).click()
    return buyerWindow
  }

  it('lets a guest pay by card: Stripe authorizes the payment and the order is placed', async () => {
    const { page, errors } = await openPayingPage()
    await toPayment(page, 'card-payer@example.com')

    await payByCard(page, '4242 4242 4242 4242')

    await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor()
    const confirmed = intentConfirmedInBrowser()
    expect(confirmed.status).toBe(200)
    expect(confirmed.intent).toMatchObject({ status: 'requires_capture', payment_method: 'pm_card_visa' })
    const [order] = await ordersOf('card-payer@example.com')
    expect(order?.payment_status).toBe('authorized')
    expect(confirmed.intent?.amount_capturable).toBeGreaterThan(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows Stripe’s message next to the card field when the card is declined, and places no order', async () => {
    const { page, errors } = await openPayingPage()
    await toPayment(page, 'declined-card@example.com')

    await payByCard(page, '4000 0000 0000 0002')

    await expect(page.getByRole('alert').textContent()).resolves.toBe('Your card was declined.')
    expect(intentConfirmedInBrowser()).toMatchObject({
      status: 402,
      intent: { status: 'requires_payment_method' },
    })
    expect(await ordersOf('declined-card@example.com')).toEqual([])
    await expect(page.getByRole('button', { name: 'Pay with card' }).isEnabled()).resolves.toBe(true)
    expect(unexpected(errors)).toEqual([])
    await page.close()
  })

  it('lets a guest pay with PayPal: the buyer approves in PayPal’s window and the order is placed', async () => {
    const { page, errors } = await openPayingPage()
    await toPayment(page, 'paypal-payer@example.com')

    const buyer = await openPayPalWindow(page)
    await buyer.getByRole('button', { name: 'Pay Now' }).click()

    await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor()
    const [order] = await ordersOf('paypal-payer@example.com')
    expect(order?.payment_status).toBe('authorized')
    // The server authorized the PayPal order the buyer approved, once.
    const authorizations = paypal.requests.filter(
      (request) => request.path.endsWith('/authorize') && request.status === 201,
    )
    expect(authorizations).toHaveLength(1)
    const orderId = authorizations[0]!.path.split('/')[4]!
    expect(paypal.order(orderId)?.purchase_units[0]?.payments?.authorizations[0]?.status).toBe('CREATED')
    expect(errors).toEqual([])
    await page.close()
  })

  it('tells the shopper who closes PayPal’s window that nothing was paid, and places no order', async () => {
    const { page, errors } = await openPayingPage()
    await toPayment(page, 'paypal-quitter@example.com')

    const buyer = await openPayPalWindow(page)
    await buyer.getByRole('button', { name: 'Cancel and return to the store' }).click()

    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /You cancelled the payment with PayPal/,
    )
    expect(await ordersOf('paypal-quitter@example.com')).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
