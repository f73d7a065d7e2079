// @shopwright/plugin-notification-sendgrid: sends email through SendGrid and reads its delivery events.
import { definePlugin, type NotificationService } from '@shopwright/core'
import { z } from 'zod'
import { SendgridNotificationProvider } from './sendgrid-provider'

export { SendgridNotificationProvider } from './sendgrid-provider'

export const sendgridOptions = z.object({
  apiKey: z.string().min(1, 'is required (a SendGrid API key, SG.…)'),
  from: z.string().min(3, 'is required (the sender address)'),
  webhookPublicKey: z.string().min(1).optional(),
  apiBaseUrl: z.url().optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Send the store's email through SendGrid (otherwise it is only available to be chosen). */
  useForEmail: z.boolean().default(true),
})

export default definePlugin({
  name: 'notification-sendgrid',
  options: sendgridOptions,
  register(ctx) {
    ctx.providers.notification.register(new SendgridNotificationProvider(ctx.options))
    if (ctx.options.useForEmail) {
      ctx.container.resolve<NotificationService>('notificationService').useProvider('email', 'sendgrid')
    }
  },
})
