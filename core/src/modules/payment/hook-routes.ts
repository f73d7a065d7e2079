// POST /hooks/payment/:provider: a payment provider's webhook. The provider checks the signature over
// the exact bytes received (a bad one is a 401 and changes nothing); a payment it reports authorized
// or captured completes its cart through the same serialised path as the shopper.
import { z } from 'zod'
import { defineRoute } from '../../http/route'
import type { CartCompletion } from '../order/completion'
import type { PaymentService } from './service'

export const paymentWebhook = defineRoute({
  method: 'post',
  path: '/hooks/payment/:provider',
  summary: "A payment provider's webhook",
  tags: ['Hooks'],
  params: z.object({ provider: z.string().max(64) }),
  response: z.object({ received: z.literal(true) }),
  handler: async ({ params, koa, resolve }) => {
    const payments = resolve<PaymentService>('paymentService')
    const providerId = payments.listProviders().some((provider) => provider.id === params.provider)
      ? params.provider
      : `pp_${params.provider}`
    const raw = koa.request.rawBody
    await resolve<CartCompletion>('cartCompletion').onPaymentWebhook(providerId, {
      rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw ?? '', 'utf8'),
      headers: koa.headers,
    })
    return { received: true as const }
  },
})
