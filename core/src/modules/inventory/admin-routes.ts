// Admin routes for stock locations and stock levels.
import { z } from 'zod'
import { idListQuery } from '../../http/list'
import { defineRoute } from '../../http/route'
import type { InventoryService } from './service'

const levelSchema = z.object({
  variant_id: z.string(),
  location_id: z.string(),
  stocked_quantity: z.number().int(),
  reserved_quantity: z.number().int(),
  incoming_quantity: z.number().int(),
  available_quantity: z.number().int(),
})

export const createStockLocation = defineRoute({
  method: 'post',
  path: '/admin/stock-locations',
  permission: 'stock_location:write',
  summary: 'Create a stock location',
  tags: ['Admin: inventory'],
  body: z.object({ name: z.string().min(1).max(191) }),
  response: z.object({ stock_location: z.object({ id: z.string(), name: z.string() }) }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    stock_location: await resolve<InventoryService>('inventoryService').createLocation(body),
  }),
})

export const adjustInventory = defineRoute({
  method: 'post',
  path: '/admin/inventory/adjustments',
  permission: 'inventory:write',
  summary: "Add to (or, negative, remove from) a variant's stock at a location",
  tags: ['Admin: inventory'],
  body: z.object({
    variant_id: z.string().max(64),
    location_id: z.string().max(64),
    adjustment: z.number().int().min(-1_000_000_000).max(1_000_000_000),
  }),
  response: z.object({ inventory_level: levelSchema }),
  handler: async ({ body, resolve }) => ({
    inventory_level: await resolve<InventoryService>('inventoryService').adjustStock(
      body.variant_id,
      body.location_id,
      body.adjustment,
    ),
  }),
})

export const listInventoryLevels = defineRoute({
  method: 'get',
  path: '/admin/inventory/levels',
  permission: 'inventory:read',
  summary: 'Stock levels of variants at every location',
  tags: ['Admin: inventory'],
  query: z.object({ variant_id: idListQuery() }),
  response: z.object({ inventory_levels: z.array(levelSchema) }),
  handler: async ({ query, resolve }) => ({
    inventory_levels: await resolve<InventoryService>('inventoryService').levels(query.variant_id),
  }),
})
