// @shopwright/plugin-payment-paypal: registers the pp_paypal payment provider (PayPal Orders v2).
import { definePlugin } from '@shopwright/core'
import { PayPalPaymentProvider, paypalOptionsSchema } from './paypal-provider'

export type { PayPalOptions } from './paypal-provider'
export { PayPalPaymentProvider, paypalOptionsSchema } from './paypal-provider'

export default definePlugin({
  name: 'payment-paypal',
  options: paypalOptionsSchema,
  register(ctx) {
    ctx.providers.payment.register(new PayPalPaymentProvider(ctx.options))
  },
})
