// The plugin's wiring: options checked at boot, the provider registered under pp_paypal.
import { readFileSync } from 'node:fs'
import type { Providers } from '@shopwright/core'
import { loadPlugins } from '@shopwright/core'
import { createTestApp } from '@shopwright/core/testing'
import { describe, expect, it } from 'vitest'
import paypalPlugin, { PayPalPaymentProvider, paypalOptionsSchema } from './index'

const goodOptions = {
  clientId: 'shopwright-client',
  clientSecret: 'shopwright-secret',
  webhookId: 'WH-SHOPWRIGHT',
}

describe('the payment-paypal plugin', () => {
  it('stops boot without a webhook id, naming the plugin and the option', async () => {
    const loading = loadPlugins([[paypalPlugin, { ...goodOptions, webhookId: '' }]])

    await expect(loading).rejects.toThrow(
      /Plugin "payment-paypal" has invalid options: option "webhookId": is required/,
    )
  })

  it('stops a store from starting with an unknown environment', async () => {
    const starting = createTestApp({ plugins: [[paypalPlugin, { ...goodOptions, environment: 'live' }]] })

    await expect(starting).rejects.toThrow(
      /Plugin "payment-paypal" has invalid options: option "environment"/,
    )
  })

  it('registers pp_paypal with the store’s payment providers', async () => {
    const app = await createTestApp({ plugins: [[paypalPlugin, goodOptions]] })
    try {
      const providers = app.container.resolve<Providers>('providers')

      expect(providers.payment.get('pp_paypal').id).toBe('pp_paypal')
    } finally {
      await app.close()
    }
  })

  it('gives the storefront the client id and environment, never the client secret', () => {
    const provider = new PayPalPaymentProvider(paypalOptionsSchema.parse(goodOptions))

    expect(provider.browserConfig()).toEqual({ clientId: 'shopwright-client', environment: 'sandbox' })
  })

  it('has every option in its documentation page', () => {
    const page = readFileSync(new URL('../../../docs/plugins/payment-paypal.md', import.meta.url), 'utf8')

    const undocumented = Object.keys(paypalOptionsSchema.shape).filter(
      (option) => !page.includes(`| \`${option}\` |`),
    )

    expect(undocumented).toEqual([])
  })
})
