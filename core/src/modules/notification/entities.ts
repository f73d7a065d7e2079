// Notifications: the delivery log (one row per message per recipient), the local outbox's stored
// messages, merchant overrides of the templates, marketing consent and unsubscribes, and campaigns.
// Times are epoch milliseconds, so the same queries work on SQLite and MySQL.
import { defineEntity, p } from '@mikro-orm/core'

export const NotificationDelivery = defineEntity({
  name: 'NotificationDelivery',
  tableName: 'notification_delivery',
  properties: {
    id: p.string().length(40).primary(),
    /** The event or caller's key: with the recipient and template it makes one message, once. */
    idempotency_key: p.string().length(191),
    template: p.string().length(64),
    channel: p.string().length(8),
    locale: p.string().length(16),
    recipient: p.string().length(191),
    customer_id: p.string().length(40).nullable().index(),
    campaign_id: p.string().length(40).nullable(),
    provider_id: p.string().length(64),
    /** queued, sent, delivered or failed. */
    status: p.string().length(16),
    provider_message_id: p.string().length(191).nullable(),
    attempts: p.integer().default(0),
    last_error: p.text().nullable(),
    data: p.json<Record<string, unknown>>(),
    created_at: p.bigint('number').index(),
    updated_at: p.bigint('number'),
    sent_at: p.bigint('number').nullable(),
  },
  uniques: [{ properties: ['idempotency_key', 'recipient', 'template'] }],
  indexes: [
    { properties: ['provider_id', 'provider_message_id'] },
    { properties: ['campaign_id', 'status'] },
    { properties: ['status', 'updated_at'] },
  ],
})

export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'notification_outbox_message',
  properties: {
    id: p.string().length(40).primary(),
    delivery_id: p.string().length(40).unique(),
    channel: p.string().length(8),
    recipient: p.string().length(191).index(),
    sender: p.string().length(191).nullable(),
    subject: p.string().length(998).nullable(),
    html: p.text().nullable(),
    text: p.text(),
    created_at: p.bigint('number').index(),
  },
})

export const TemplateOverride = defineEntity({
  name: 'TemplateOverride',
  tableName: 'notification_template',
  properties: {
    id: p.string().length(40).primary(),
    template: p.string().length(64),
    channel: p.string().length(8),
    locale: p.string().length(16),
    subject: p.string().length(998).nullable(),
    html: p.text().nullable(),
    text: p.text(),
    updated_at: p.bigint('number'),
  },
  uniques: [{ properties: ['template', 'channel', 'locale'] }],
})

export const MarketingConsent = defineEntity({
  name: 'MarketingConsent',
  tableName: 'marketing_consent',
  properties: {
    customer_id: p.string().length(40).primary(),
    email: p.string().length(191).nullable(),
    phone: p.string().length(32).nullable(),
    consented: p.boolean().default(false).index(),
    updated_at: p.bigint('number'),
  },
})

export const Unsubscribe = defineEntity({
  name: 'Unsubscribe',
  tableName: 'marketing_unsubscribe',
  properties: {
    customer_id: p.string().length(40).primary(),
    campaign_id: p.string().length(40).nullable(),
    unsubscribed_at: p.bigint('number'),
  },
})

export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'notification_campaign',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    template: p.string().length(64),
    locale: p.string().length(16),
    promotion_code: p.string().length(191).nullable(),
    segment: p.json<Record<string, unknown>>(),
    /** Extra template variables (a headline, a message). */
    data: p.json<Record<string, unknown>>(),
    /** draft, queueing (batches being written), queued (every recipient has a delivery). */
    status: p.string().length(16),
    recipients: p.integer().default(0),
    created_at: p.bigint('number'),
    updated_at: p.bigint('number'),
    sent_at: p.bigint('number').nullable(),
  },
})

/** One row: the key that signs unsubscribe links when SHOPWRIGHT_SECRET is not set. */
export const NotificationSecret = defineEntity({
  name: 'NotificationSecret',
  tableName: 'notification_secret',
  properties: {
    id: p.string().length(16).primary(),
    secret: p.string().length(128),
  },
})
