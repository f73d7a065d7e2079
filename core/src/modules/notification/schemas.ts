// The notification API's shapes: templates, deliveries, outbox messages, campaigns and consent.
import { z } from 'zod'
import { TEMPLATE_IDS } from './templates'

export const channelSchema = z.enum(['email', 'sms'])
export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as en or de-AT')
export const deliveryStatusSchema = z.enum(['queued', 'sent', 'delivered', 'failed'])

export const templateSchema = z.object({
  id: z.enum(TEMPLATE_IDS),
  description: z.string(),
  channel: channelSchema,
  locale: z.string(),
  overridden: z.boolean(),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string(),
  updated_at: z.string().nullable(),
})

export const renderedSchema = z.object({
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string(),
})

export const deliverySchema = z.object({
  id: z.string(),
  idempotency_key: z.string(),
  template: z.string(),
  channel: channelSchema,
  locale: z.string(),
  recipient: z.string(),
  customer_id: z.string().nullable(),
  campaign_id: z.string().nullable(),
  provider_id: z.string(),
  status: deliveryStatusSchema,
  provider_message_id: z.string().nullable(),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  sent_at: z.string().nullable(),
})

export const outboxMessageSchema = z.object({
  id: z.string(),
  delivery_id: z.string(),
  channel: channelSchema,
  recipient: z.string(),
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string(),
  created_at: z.string(),
})

const id = z.string().min(1).max(64)

export const segmentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('customer_group'), customer_group_id: id }),
  z.object({ type: z.literal('product_buyers'), product_ids: z.array(id).min(1).max(200) }),
  z.object({ type: z.literal('category_buyers'), category_ids: z.array(id).min(1).max(200) }),
  z.object({ type: z.literal('inactive'), days: z.number().int().min(1).max(3650) }),
])

export const campaignInputSchema = z.object({
  name: z.string().min(1).max(191),
  template: z.enum(TEMPLATE_IDS).default('offer'),
  locale: localeSchema.default('en'),
  promotion_code: z.string().min(1).max(191).nullable().optional(),
  segment: segmentSchema,
  data: z.record(z.string(), z.unknown()).optional(),
})

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  template: z.string(),
  locale: z.string(),
  promotion_code: z.string().nullable(),
  segment: segmentSchema,
  data: z.record(z.string(), z.unknown()),
  status: z.enum(['draft', 'queueing', 'queued']),
  recipients: z.number().int(),
  progress: z.object({
    queued: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
  }),
  created_at: z.string(),
  sent_at: z.string().nullable(),
})

export const consentSchema = z.object({
  customer_id: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  consented: z.boolean(),
  unsubscribed_at: z.string().nullable(),
})
