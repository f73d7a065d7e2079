// Admin routes for sales channels and publishable keys.
import { z } from 'zod'
import { listQuery, listResponse } from '../../http/list'
import { defineRoute } from '../../http/route'
import type { SalesChannelService } from './service'

const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  is_disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
})

const keySchema = z.object({
  id: z.string(),
  token: z.string(),
  title: z.string(),
  sales_channel_ids: z.array(z.string()),
})

const service = (resolve: <T>(name: string) => T) => resolve<SalesChannelService>('salesChannelService')

export const createSalesChannel = defineRoute({
  method: 'post',
  path: '/admin/sales-channels',
  permission: 'sales_channel:write',
  summary: 'Create a sales channel',
  tags: ['Admin: sales channels'],
  body: z.object({
    name: z.string().min(1).max(191),
    description: z.string().max(2000).nullable().optional(),
    is_disabled: z.boolean().optional(),
  }),
  response: z.object({ sales_channel: channelSchema }),
  handler: async ({ body, resolve }) => ({ sales_channel: await service(resolve).createSalesChannel(body) }),
})

export const listSalesChannels = defineRoute({
  method: 'get',
  path: '/admin/sales-channels',
  permission: 'sales_channel:read',
  summary: 'List sales channels',
  tags: ['Admin: sales channels'],
  query: listQuery(),
  response: listResponse('sales_channels', channelSchema),
  handler: ({ query, resolve }) => service(resolve).listSalesChannels(query),
})

export const createPublishableKey = defineRoute({
  method: 'post',
  path: '/admin/publishable-keys',
  permission: 'publishable_key:write',
  summary: 'Create a publishable key for sales channels',
  tags: ['Admin: sales channels'],
  body: z.object({
    title: z.string().min(1).max(191),
    sales_channel_ids: z.array(z.string().max(64)).min(1).max(100),
  }),
  response: z.object({ publishable_key: keySchema }),
  handler: async ({ body, resolve }) => ({
    publishable_key: await service(resolve).createPublishableKey(body),
  }),
})

export const revokePublishableKey = defineRoute({
  method: 'post',
  path: '/admin/publishable-keys/:id/revoke',
  permission: 'publishable_key:write',
  summary: 'Revoke a publishable key',
  tags: ['Admin: sales channels'],
  params: z.object({ id: z.string().max(64) }),
  response: z.object({ id: z.string(), revoked: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await service(resolve).revokePublishableKey(params.id)
    return { id: params.id, revoked: true as const }
  },
})
