// Sales channels, and the publishable API keys a storefront sends to see a channel's products.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const SalesChannel = defineEntity({
  name: 'SalesChannel',
  tableName: 'sales_channel',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    description: p.text().nullable(),
    is_disabled: p.boolean().default(false),
    ...timestamps(),
  },
})

export const PublishableKey = defineEntity({
  name: 'PublishableKey',
  tableName: 'publishable_key',
  properties: {
    id: p.string().length(40).primary(),
    token: p.string().length(191).unique(),
    title: p.string().length(191),
    revoked_at: p.datetime().nullable(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const PublishableKeyChannel = defineEntity({
  name: 'PublishableKeyChannel',
  tableName: 'publishable_key_sales_channel',
  properties: {
    publishable_key_id: p.string().length(40).primary(),
    sales_channel_id: p.string().length(40).primary(),
  },
})
