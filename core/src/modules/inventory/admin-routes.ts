// Admin routes for stock locations and stock levels.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { SalesChannelService } from '../sales-channel/service'
import type { InventoryService } from './service'

const service = (resolve: <T>(name: string) => T) => resolve<InventoryService>('inventoryService')

const levelSchema = z.object({
  variant_id: z.string(),
  location_id: z.string(),
  stocked_quantity: z.number().int(),
  reserved_quantity: z.number().int(),
  incoming_quantity: z.number().int(),
  available_quantity: z.number().int(),
})

const locationSchema = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  /** The sales channels this location serves; a channel linked to no location draws on them all. */
  sales_channel_ids: z.array(z.string()),
})
const locationBody = z.object({ name: z.string().min(1).max(191) }).strict()

export const createStockLocation = defineRoute({
  method: 'post',
  path: '/admin/stock-locations',
  permission: 'stock_location:write',
  summary: 'Create a stock location',
  tags: ['Admin: inventory'],
  body: locationBody,
  response: z.object({ stock_location: locationSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({ stock_location: await service(resolve).createLocation(body) }),
})

export const listStockLocations = defineRoute({
  method: 'get',
  path: '/admin/stock-locations',
  permission: 'stock_location:read',
  summary: 'List stock locations',
  tags: ['Admin: inventory'],
  query: listQuery().extend({ id: idListQuery().optional(), name: idListQuery().optional() }).strict(),
  response: listResponse('stock_locations', locationSchema),
  handler: ({ query, resolve }) => service(resolve).listLocations(query),
})

export const retrieveStockLocation = defineRoute({
  method: 'get',
  path: '/admin/stock-locations/:id',
  permission: 'stock_location:read',
  summary: 'Get a stock location',
  tags: ['Admin: inventory'],
  params: idParams,
  response: z.object({ stock_location: locationSchema }),
  handler: async ({ params, resolve }) => ({
    stock_location: await service(resolve).retrieveLocation(params.id),
  }),
})

export const updateStockLocation = defineRoute({
  method: 'post',
  path: '/admin/stock-locations/:id',
  permission: 'stock_location:write',
  summary: 'Rename a stock location',
  tags: ['Admin: inventory'],
  params: idParams,
  body: locationBody.partial().strict(),
  response: z.object({ stock_location: locationSchema }),
  handler: async ({ params, body, resolve }) => ({
    stock_location: await service(resolve).updateLocation(params.id, body),
  }),
})

export const deleteStockLocation = defineRoute({
  method: 'delete',
  path: '/admin/stock-locations/:id',
  permission: 'stock_location:write',
  summary: 'Delete a stock location holding no stock (409 while it holds some)',
  tags: ['Admin: inventory'],
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('stock_location'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteLocation(params.id)
    return { id: params.id, object: 'stock_location' as const, deleted: true as const }
  },
})

export const adjustInventory = defineRoute({
  method: 'post',
  path: '/admin/inventory/adjustments',
  permission: 'inventory:write',
  summary: "Add to (or, negative, remove from) a variant's stock at a location",
  tags: ['Admin: inventory'],
  body: z
    .object({
      variant_id: z.string().max(64),
      location_id: z.string().max(64),
      adjustment: z.number().int().min(-1_000_000_000).max(1_000_000_000),
    })
    .strict(),
  response: z.object({ inventory_level: levelSchema }),
  handler: async ({ body, resolve }) => ({
    inventory_level: await service(resolve).adjustStock(body.variant_id, body.location_id, body.adjustment),
  }),
})

export const setIncomingStock = defineRoute({
  method: 'post',
  path: '/admin/inventory/incoming',
  permission: 'inventory:write',
  summary: 'Set how many of a variant are on their way to a location',
  tags: ['Admin: inventory'],
  body: z
    .object({
      variant_id: z.string().max(64),
      location_id: z.string().max(64),
      incoming_quantity: z.number().int().min(0).max(1_000_000_000),
    })
    .strict(),
  response: z.object({ inventory_level: levelSchema }),
  handler: async ({ body, resolve }) => ({
    inventory_level: await service(resolve).setIncoming(
      body.variant_id,
      body.location_id,
      body.incoming_quantity,
    ),
  }),
})

export const changeStockLocationSalesChannels = defineRoute({
  method: 'post',
  path: '/admin/stock-locations/:id/sales-channels',
  permission: 'stock_location:write',
  summary:
    "Link sales channels to a stock location (the channels' stock and orders draw on it) or unlink them",
  tags: ['Admin: inventory'],
  params: idParams,
  body: z
    .object({
      add: z.array(z.string().max(64)).max(200).optional(),
      remove: z.array(z.string().max(64)).max(200).optional(),
    })
    .strict(),
  response: z.object({ stock_location: locationSchema }),
  handler: async ({ params, body, resolve }) => {
    if (body.add?.length)
      await resolve<SalesChannelService>('salesChannelService').assertChannels(undefined, body.add)
    return { stock_location: await service(resolve).changeLocationSalesChannels(params.id, body) }
  },
})

export const listInventoryLevels = defineRoute({
  method: 'get',
  path: '/admin/inventory/levels',
  permission: 'inventory:read',
  summary: 'Stock levels by variant and/or location',
  tags: ['Admin: inventory'],
  query: listQuery()
    .extend({ variant_id: idListQuery().optional(), location_id: idListQuery().optional() })
    .strict(),
  response: listResponse('inventory_levels', levelSchema),
  handler: ({ query, resolve }) => service(resolve).listLevels(query),
})

export const adminInventoryRoutes = [
  createStockLocation,
  listStockLocations,
  retrieveStockLocation,
  updateStockLocation,
  deleteStockLocation,
  changeStockLocationSalesChannels,
  adjustInventory,
  setIncomingStock,
  listInventoryLevels,
]
