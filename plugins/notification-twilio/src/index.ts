// @shopwright/plugin-notification-twilio: sends SMS through Twilio and reads its status callbacks.
import { definePlugin, type NotificationService } from '@shopwright/core'
import { z } from 'zod'
import { TwilioNotificationProvider } from './twilio-provider'

export { TwilioNotificationProvider } from './twilio-provider'

export const twilioOptions = z
  .object({
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID (AC followed by 32 hex digits)'),
    authToken: z.string().min(1, 'is required'),
    from: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form')
      .optional(),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID')
      .optional(),
    statusCallbackUrl: z.url().optional(),
    apiBaseUrl: z.url().optional(),
    timeoutMs: z.number().int().positive().default(10_000),
    /** Send the store's SMS through Twilio (otherwise it is only available to be chosen). */
    useForSms: z.boolean().default(true),
  })
  .refine((options) => options.from || options.messagingServiceSid, {
    message: 'either from or messagingServiceSid is required',
    path: ['from'],
  })

export default definePlugin({
  name: 'notification-twilio',
  options: twilioOptions,
  register(ctx) {
    ctx.providers.notification.register(new TwilioNotificationProvider(ctx.options))
    if (ctx.options.useForSms) {
      ctx.container.resolve<NotificationService>('notificationService').useProvider('sms', 'twilio')
    }
  },
})
