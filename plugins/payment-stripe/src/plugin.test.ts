// The plugin's wiring: options checked at boot, the provider registered under pp_stripe.
import { readFileSync } from 'node:fs'
import type { Providers } from '@shopwright/core'
import { loadPlugins } from '@shopwright/core'
import { createTestApp } from '@shopwright/core/testing'
import { describe, expect, it } from 'vitest'
import stripePlugin, { StripePaymentProvider, stripeOptionsSchema } from './index'

const goodOptions = { apiKey: 'sk_test_shopwright', webhookSecret: 'whsec_shopwright' }

describe('the payment-stripe plugin', () => {
  it('stops boot on a publishable key given as the API key, naming the plugin and the option', async () => {
    const loading = loadPlugins([[stripePlugin, { ...goodOptions, apiKey: 'pk_test_shopwright' }]])

    await expect(loading).rejects.toThrow(
      /Plugin "payment-stripe" has invalid options: option "apiKey": must be a Stripe secret key/,
    )
  })

  it('stops a store from starting without the webhook secret', async () => {
    const starting = createTestApp({ plugins: [[stripePlugin, { apiKey: goodOptions.apiKey }]] })

    await expect(starting).rejects.toThrow(
      /Plugin "payment-stripe" has invalid options: option "webhookSecret"/,
    )
  })

  it('stops boot on an API base that is not an http(s) URL', async () => {
    const loading = loadPlugins([[stripePlugin, { ...goodOptions, apiBase: 'ftp://127.0.0.1' }]])

    await expect(loading).rejects.toThrow(/option "apiBase"/)
  })

  it('registers pp_stripe with the store’s payment providers', async () => {
    const app = await createTestApp({ plugins: [[stripePlugin, goodOptions]] })
    try {
      const providers = app.container.resolve<Providers>('providers')

      expect(providers.payment.get('pp_stripe').id).toBe('pp_stripe')
    } finally {
      await app.close()
    }
  })

  it('stops boot on a publishable key of another mode than the API key', async () => {
    const loading = loadPlugins([[stripePlugin, { ...goodOptions, publishableKey: 'pk_live_shopwright' }]])

    await expect(loading).rejects.toThrow(/option "publishableKey": must be in the same mode/)
  })

  it('gives the storefront the publishable key and where Stripe.js loads from, never the secret key', () => {
    const provider = new StripePaymentProvider(
      stripeOptionsSchema.parse({
        ...goodOptions,
        publishableKey: 'pk_test_shopwright',
        scriptUrl: 'http://127.0.0.1:1/stripe.js',
      }),
    )

    expect(provider.browserConfig()).toEqual({
      publishableKey: 'pk_test_shopwright',
      scriptUrl: 'http://127.0.0.1:1/stripe.js',
    })
  })

  it('gives the storefront nothing without a publishable key, so it offers no card payment', () => {
    const provider = new StripePaymentProvider(stripeOptionsSchema.parse(goodOptions))

    expect(provider.browserConfig()).toBeUndefined()
  })

  it('has every option in its documentation page', () => {
    const page = readFileSync(new URL('../../../docs/plugins/payment-stripe.md', import.meta.url), 'utf8')

    const undocumented = Object.keys(stripeOptionsSchema.shape).filter(
      (option) => !page.includes(`| \`${option}\` |`),
    )

    expect(undocumented).toEqual([])
  })
})
