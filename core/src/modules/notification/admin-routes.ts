// Admin routes: templates (list, get, override, reset, preview), the delivery log (filter, resend), the
// local outbox, campaigns (create, list, detail with progress, send) and customers' marketing consent.
import { z } from 'zod'
import { listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { MarketingService } from './marketing-service'
import {
  campaignInputSchema,
  campaignSchema,
  channelSchema,
  consentSchema,
  deliverySchema,
  deliveryStatusSchema,
  localeSchema,
  outboxMessageSchema,
  renderedSchema,
  templateSchema,
} from './schemas'
import type { NotificationService } from './service'
import type { TemplateService } from './template-service'

type Resolve = <T>(name: string) => T
const notifications = (resolve: Resolve) => resolve<NotificationService>('notificationService')
const templates = (resolve: Resolve) => resolve<TemplateService>('notificationTemplateService')
const marketing = (resolve: Resolve) => resolve<MarketingService>('marketingService')

const tags = ['Admin: notifications']
const templateVariant = z.object({
  channel: channelSchema.default('email'),
  locale: localeSchema.default('en'),
})

export const listTemplates = defineRoute({
  method: 'get',
  path: '/admin/notification-templates',
  permission: 'notification_template:read',
  summary: 'Every template on both channels: the default, or the override in use',
  tags,
  query: z.object({ locale: localeSchema.optional() }),
  response: z.object({ templates: z.array(templateSchema) }),
  handler: async ({ query, resolve }) => ({ templates: await templates(resolve).list(query.locale) }),
})

export const getTemplate = defineRoute({
  method: 'get',
  path: '/admin/notification-templates/:id',
  permission: 'notification_template:read',
  summary: "A template's parts for a channel and locale",
  tags,
  params: idParams,
  query: templateVariant,
  response: z.object({ template: templateSchema }),
  handler: async ({ params, query, resolve }) => ({
    template: await templates(resolve).get(params.id, query.channel, query.locale),
  }),
})

export const overrideTemplate = defineRoute({
  method: 'post',
  path: '/admin/notification-templates/:id',
  permission: 'notification_template:write',
  summary: "Replace a template's parts for a channel and locale with the merchant's own (handlebars)",
  tags,
  params: idParams,
  body: z.object({
    channel: channelSchema,
    locale: localeSchema.default('en'),
    subject: z.string().min(1).max(998).optional(),
    html: z.string().min(1).max(60_000).optional(),
    text: z.string().min(1).max(60_000),
  }),
  response: z.object({ template: templateSchema }),
  handler: async ({ params, body, resolve }) => ({
    template: await templates(resolve).override(params.id, body),
  }),
})

export const resetTemplate = defineRoute({
  method: 'delete',
  path: '/admin/notification-templates/:id',
  permission: 'notification_template:write',
  summary: 'Remove the override of a template for a channel and locale: the default applies again',
  tags,
  params: idParams,
  query: templateVariant,
  response: z.object({ template: templateSchema }),
  handler: async ({ params, query, resolve }) => ({
    template: await templates(resolve).reset(params.id, query.channel, query.locale),
  }),
})

export const previewTemplate = defineRoute({
  method: 'post',
  path: '/admin/notification-templates/:id/preview',
  permission: 'notification_template:read',
  summary: 'Render a template, or a draft of it, with sample data (and any data given)',
  tags,
  params: idParams,
  body: z.object({
    channel: channelSchema.default('email'),
    locale: localeSchema.default('en'),
    data: z.record(z.string(), z.unknown()).optional(),
    draft: z
      .object({
        subject: z.string().max(998).optional(),
        html: z.string().max(60_000).optional(),
        text: z.string().min(1).max(60_000),
      })
      .optional(),
  }),
  response: z.object({ preview: renderedSchema }),
  handler: async ({ params, body, resolve }) => {
    const { shopName, shopUrl } = notifications(resolve).settings
    return { preview: await templates(resolve).preview(params.id, body, { name: shopName, url: shopUrl }) }
  },
})

const statusFilter = z
  .union([deliveryStatusSchema, z.array(deliveryStatusSchema).max(4)])
  .transform((value) => [value].flat())

export const listDeliveries = defineRoute({
  method: 'get',
  path: '/admin/notifications',
  permission: 'notification:read',
  summary:
    'The delivery log, newest first, filtered by status, channel, recipient, template, campaign or date',
  tags,
  query: listQuery().extend({
    status: statusFilter.optional(),
    channel: channelSchema.optional(),
    recipient: z.string().max(191).optional(),
    template: z.string().max(64).optional(),
    campaign_id: z.string().max(64).optional(),
    created_after: z.coerce.date().optional(),
    created_before: z.coerce.date().optional(),
  }),
  response: listResponse('notifications', deliverySchema),
  handler: async ({ query, resolve }) => {
    const { deliveries, count } = await notifications(resolve).listDeliveries(query)
    return { notifications: deliveries, count, offset: query.offset, limit: query.limit }
  },
})

export const getDelivery = defineRoute({
  method: 'get',
  path: '/admin/notifications/:id',
  permission: 'notification:read',
  summary: 'One delivery: its status, attempts, last error and provider message id',
  tags,
  params: idParams,
  response: z.object({ notification: deliverySchema }),
  handler: async ({ params, resolve }) => ({
    notification: await notifications(resolve).getDelivery(params.id),
  }),
})

export const resendDelivery = defineRoute({
  method: 'post',
  path: '/admin/notifications/:id/resend',
  permission: 'notification:write',
  summary: 'Send a logged message again, as a new delivery (send an Idempotency-Key against double clicks)',
  tags,
  params: idParams,
  response: z.object({ notification: deliverySchema }),
  status: 201,
  idempotent: true,
  handler: async ({ params, resolve }) => ({ notification: await notifications(resolve).resend(params.id) }),
})

export const listOutbox = defineRoute({
  method: 'get',
  path: '/admin/notification-outbox',
  permission: 'notification:read',
  summary: "The local provider's stored messages, newest first",
  tags,
  query: listQuery().extend({ recipient: z.string().max(191).optional(), channel: channelSchema.optional() }),
  response: listResponse('messages', outboxMessageSchema),
  handler: async ({ query, resolve }) => {
    const { messages, count } = await notifications(resolve).listOutbox(query)
    return { messages, count, offset: query.offset, limit: query.limit }
  },
})

export const getOutboxMessage = defineRoute({
  method: 'get',
  path: '/admin/notification-outbox/:id',
  permission: 'notification:read',
  summary: 'One stored message, with its HTML and text',
  tags,
  params: idParams,
  response: z.object({ message: outboxMessageSchema }),
  handler: async ({ params, resolve }) => ({
    message: await notifications(resolve).getOutboxMessage(params.id),
  }),
})

export const createCampaign = defineRoute({
  method: 'post',
  path: '/admin/campaigns',
  permission: 'campaign:write',
  summary: 'Create a campaign: a template, a promotion code and a segment of consenting customers',
  tags,
  body: campaignInputSchema,
  response: z.object({ campaign: campaignSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({ campaign: await marketing(resolve).createCampaign(body) }),
})

export const listCampaigns = defineRoute({
  method: 'get',
  path: '/admin/campaigns',
  permission: 'campaign:read',
  summary: 'Campaigns, newest first, with their progress',
  tags,
  query: listQuery(),
  response: listResponse('campaigns', campaignSchema),
  handler: async ({ query, resolve }) => {
    const { campaigns, count } = await marketing(resolve).listCampaigns(query)
    return { campaigns, count, offset: query.offset, limit: query.limit }
  },
})

export const getCampaign = defineRoute({
  method: 'get',
  path: '/admin/campaigns/:id',
  permission: 'campaign:read',
  summary: 'A campaign and its progress: messages queued, sent, delivered and failed',
  tags,
  params: idParams,
  response: z.object({ campaign: campaignSchema }),
  handler: async ({ params, resolve }) => ({ campaign: await marketing(resolve).getCampaign(params.id) }),
})

export const sendCampaign = defineRoute({
  method: 'post',
  path: '/admin/campaigns/:id/send',
  permission: 'campaign:write',
  summary: 'Send a draft campaign: recipients are queued in batches in the background',
  tags,
  params: idParams,
  response: z.object({ campaign: campaignSchema }),
  status: 202,
  handler: async ({ params, resolve }) => ({ campaign: await marketing(resolve).sendCampaign(params.id) }),
})

export const getConsent = defineRoute({
  method: 'get',
  path: '/admin/marketing-consents/:customer_id',
  permission: 'customer:read',
  summary: "A customer's marketing consent and unsubscribe",
  tags,
  params: z.object({ customer_id: z.string().max(40) }),
  response: z.object({ consent: consentSchema }),
  handler: async ({ params, resolve }) => {
    await marketing(resolve).assertCustomer(params.customer_id)
    return { consent: await marketing(resolve).consent(params.customer_id) }
  },
})

export const setConsent = defineRoute({
  method: 'post',
  path: '/admin/marketing-consents/:customer_id',
  permission: 'customer:write',
  summary: "Record a customer's marketing consent and where offers go",
  tags,
  params: z.object({ customer_id: z.string().max(40) }),
  body: z.object({
    consented: z.boolean(),
    email: z.email().max(191).nullable().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number')
      .nullable()
      .optional(),
  }),
  response: z.object({ consent: consentSchema }),
  handler: async ({ params, body, resolve }) => {
    await marketing(resolve).assertCustomer(params.customer_id)
    return { consent: await marketing(resolve).setConsent(params.customer_id, body) }
  },
})

export const notificationAdminRoutes = [
  listTemplates,
  getTemplate,
  overrideTemplate,
  resetTemplate,
  previewTemplate,
  listDeliveries,
  getDelivery,
  resendDelivery,
  listOutbox,
  getOutboxMessage,
  createCampaign,
  listCampaigns,
  getCampaign,
  sendCampaign,
  getConsent,
  setConsent,
]
