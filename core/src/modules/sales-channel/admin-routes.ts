// Admin routes for sales channels (and the products in them) and publishable keys.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { InventoryService } from '../inventory/service'
import type { ProductService } from '../product/service'
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

const keyDetailSchema = keySchema.extend({ revoked_at: z.string().nullable(), created_at: z.string() })

const service = (resolve: <T>(name: string) => T) => resolve<SalesChannelService>('salesChannelService')
const flag = z.enum(['true', 'false']).transform((value) => value === 'true')
const deleted = <T extends string>(object: T) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

const channelBody = z
  .object({
    name: z.string().min(1).max(191),
    description: z.string().max(2000).nullable().optional(),
    is_disabled: z.boolean().optional(),
  })
  .strict()

export const createSalesChannel = defineRoute({
  method: 'post',
  path: '/admin/sales-channels',
  permission: 'sales_channel:write',
  summary: 'Create a sales channel',
  tags: ['Admin: sales channels'],
  body: channelBody,
  response: z.object({ sales_channel: channelSchema }),
  handler: async ({ body, resolve }) => ({ sales_channel: await service(resolve).createSalesChannel(body) }),
})

export const listSalesChannels = defineRoute({
  method: 'get',
  path: '/admin/sales-channels',
  permission: 'sales_channel:read',
  summary: 'List sales channels',
  tags: ['Admin: sales channels'],
  query: listQuery()
    .extend({ id: idListQuery().optional(), name: idListQuery().optional(), is_disabled: flag.optional() })
    .strict(),
  response: listResponse('sales_channels', channelSchema),
  handler: ({ query, resolve }) => service(resolve).listSalesChannels(query),
})

export const retrieveSalesChannel = defineRoute({
  method: 'get',
  path: '/admin/sales-channels/:id',
  permission: 'sales_channel:read',
  summary: 'Get a sales channel',
  tags: ['Admin: sales channels'],
  params: idParams,
  response: z.object({ sales_channel: channelSchema }),
  handler: async ({ params, resolve }) => ({
    sales_channel: await service(resolve).retrieveSalesChannel(params.id),
  }),
})

export const updateSalesChannel = defineRoute({
  method: 'post',
  path: '/admin/sales-channels/:id',
  permission: 'sales_channel:write',
  summary: 'Update a sales channel (a disabled one shows nothing through its keys)',
  tags: ['Admin: sales channels'],
  params: idParams,
  body: channelBody.partial().strict(),
  response: z.object({ sales_channel: channelSchema }),
  handler: async ({ params, body, resolve }) => ({
    sales_channel: await service(resolve).updateSalesChannel(params.id, body),
  }),
})

export const deleteSalesChannel = defineRoute({
  method: 'delete',
  path: '/admin/sales-channels/:id',
  permission: 'sales_channel:write',
  summary: 'Delete a sales channel: its products and stock locations leave it and its keys no longer show it',
  tags: ['Admin: sales channels'],
  params: idParams,
  response: deleted('sales-channel'),
  handler: async ({ params, resolve }) => {
    await service(resolve).retrieveSalesChannel(params.id)
    await resolve<ProductService>('productService').removeSalesChannel(params.id)
    await resolve<InventoryService>('inventoryService').removeSalesChannel(params.id)
    await service(resolve).deleteSalesChannel(params.id)
    return { id: params.id, object: 'sales-channel' as const, deleted: true as const }
  },
})

export const changeSalesChannelProducts = defineRoute({
  method: 'post',
  path: '/admin/sales-channels/:id/products',
  permission: 'sales_channel:write',
  summary: 'Add products to a sales channel and remove others',
  tags: ['Admin: sales channels'],
  params: idParams,
  body: z
    .object({
      add: z.array(z.string().max(64)).max(1000).optional(),
      remove: z.array(z.string().max(64)).max(1000).optional(),
    })
    .strict(),
  response: z.object({ sales_channel: channelSchema }),
  handler: async ({ params, body, resolve }) => {
    const sales_channel = await service(resolve).retrieveSalesChannel(params.id)
    await resolve<ProductService>('productService').changeSalesChannelProducts(params.id, body)
    return { sales_channel }
  },
})

export const createPublishableKey = defineRoute({
  method: 'post',
  path: '/admin/publishable-keys',
  permission: 'publishable_key:write',
  summary: 'Create a publishable key for sales channels',
  tags: ['Admin: sales channels'],
  body: z
    .object({
      title: z.string().min(1).max(191),
      sales_channel_ids: z.array(z.string().max(64)).min(1).max(100),
    })
    .strict(),
  response: z.object({ publishable_key: keySchema }),
  handler: async ({ body, resolve }) => ({
    publishable_key: await service(resolve).createPublishableKey(body),
  }),
})

export const listPublishableKeys = defineRoute({
  method: 'get',
  path: '/admin/publishable-keys',
  permission: 'publishable_key:read',
  summary: 'List publishable keys',
  tags: ['Admin: sales channels'],
  query: listQuery().extend({ id: idListQuery().optional(), revoked: flag.optional() }).strict(),
  response: listResponse('publishable_keys', keyDetailSchema),
  handler: ({ query, resolve }) => service(resolve).listPublishableKeys(query),
})

export const retrievePublishableKey = defineRoute({
  method: 'get',
  path: '/admin/publishable-keys/:id',
  permission: 'publishable_key:read',
  summary: 'Get a publishable key',
  tags: ['Admin: sales channels'],
  params: idParams,
  response: z.object({ publishable_key: keyDetailSchema }),
  handler: async ({ params, resolve }) => ({
    publishable_key: await service(resolve).retrievePublishableKey(params.id),
  }),
})

export const updatePublishableKey = defineRoute({
  method: 'post',
  path: '/admin/publishable-keys/:id',
  permission: 'publishable_key:write',
  summary: 'Rename a publishable key or give it other sales channels',
  tags: ['Admin: sales channels'],
  params: idParams,
  body: z
    .object({
      title: z.string().min(1).max(191).optional(),
      sales_channel_ids: z.array(z.string().max(64)).min(1).max(100).optional(),
    })
    .strict(),
  response: z.object({ publishable_key: keyDetailSchema }),
  handler: async ({ params, body, resolve }) => ({
    publishable_key: await service(resolve).updatePublishableKey(params.id, body),
  }),
})

export const revokePublishableKey = defineRoute({
  method: 'post',
  path: '/admin/publishable-keys/:id/revoke',
  permission: 'publishable_key:write',
  summary: 'Revoke a publishable key',
  tags: ['Admin: sales channels'],
  params: idParams,
  response: z.object({ id: z.string(), revoked: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await service(resolve).revokePublishableKey(params.id)
    return { id: params.id, revoked: true as const }
  },
})

export const deletePublishableKey = defineRoute({
  method: 'delete',
  path: '/admin/publishable-keys/:id',
  permission: 'publishable_key:write',
  summary: 'Delete a publishable key',
  tags: ['Admin: sales channels'],
  params: idParams,
  response: deleted('publishable_key'),
  handler: async ({ params, resolve }) => {
    await service(resolve).deletePublishableKey(params.id)
    return { id: params.id, object: 'publishable_key' as const, deleted: true as const }
  },
})

export const adminSalesChannelRoutes = [
  createSalesChannel,
  listSalesChannels,
  retrieveSalesChannel,
  updateSalesChannel,
  deleteSalesChannel,
  changeSalesChannelProducts,
  createPublishableKey,
  listPublishableKeys,
  retrievePublishableKey,
  updatePublishableKey,
  revokePublishableKey,
  deletePublishableKey,
]
