// Delivery-status webhooks: POST /hooks/notifications/<provider>. The provider checks the signature
// over the exact bytes received; a forged call is answered 401 and changes nothing.
import { z } from 'zod'
import { defineRoute } from '../../http/route'
import { ShopwrightError, UnauthorizedError } from '../../kernel/errors'
import type { NotificationService } from './service'

export const notificationStatusWebhook = defineRoute({
  method: 'post',
  path: '/hooks/notifications/:provider',
  summary: "A notification provider's delivery-status webhook (signed by the provider)",
  tags: ['Webhooks'],
  params: z.object({ provider: z.string().max(64) }),
  response: z.object({ received: z.literal(true), updated: z.number().int() }),
  handler: async ({ params, koa, resolve }) => {
    const raw = (koa.request as { rawBody?: string }).rawBody ?? ''
    try {
      const updated = await resolve<NotificationService>('notificationService').applyStatusWebhook(
        params.provider,
        { rawBody: Buffer.from(raw, 'utf-8'), headers: koa.headers, url: koa.href },
      )
      return { received: true as const, updated }
    } catch (error) {
      if (error instanceof ShopwrightError) throw error
      koa.state.log.warn({ err: error, provider: params.provider }, 'notification webhook rejected')
      throw new UnauthorizedError('The webhook signature is not valid')
    }
  },
})
