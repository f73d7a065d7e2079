// @shopwright/plugin-payment-stripe: registers the pp_stripe payment provider (Stripe PaymentIntents).
import { definePlugin } from '@shopwright/core'
import { StripePaymentProvider, stripeOptionsSchema } from './stripe-provider'

export type { StripeOptions } from './stripe-provider'
export { StripePaymentProvider, stripeOptionsSchema } from './stripe-provider'

export default definePlugin({
  name: 'payment-stripe',
  options: stripeOptionsSchema,
  register(ctx) {
    ctx.providers.payment.register(new StripePaymentProvider(ctx.options))
  },
})
