// Admin routes for price lists: sales and overrides with prices of their own, in a time window.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { PricingService } from './service'

const service = (resolve: <T>(name: string) => T) => resolve<PricingService>('pricingService')

const id = z.string().min(1).max(64)
const moment = z.coerce.date().nullable()

const priceInput = z
  .object({
    variant_id: id,
    currency_code: z.string().regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    region_id: id.nullable().optional(),
    min_quantity: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    max_quantity: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
  })
  .strict()

const priceListFields = {
  title: z.string().min(1).max(255),
  description: z.string().max(10_000).optional(),
  type: z.enum(['sale', 'override']).optional(),
  status: z.enum(['draft', 'active']).optional(),
  starts_at: moment.optional(),
  ends_at: moment.optional(),
  region_id: id.nullable().optional(),
}

const priceListSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.enum(['sale', 'override']),
  status: z.enum(['draft', 'active']),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  region_id: z.string().nullable(),
  prices: z.array(
    z.object({
      id: z.string(),
      variant_id: z.string(),
      currency_code: z.string(),
      amount: z.number().int(),
      region_id: z.string().nullable(),
      min_quantity: z.number().int().nullable(),
      max_quantity: z.number().int().nullable(),
    }),
  ),
  created_at: z.string(),
  updated_at: z.string(),
})

const statuses = z.array(z.enum(['draft', 'active'])).max(2)
const types = z.array(z.enum(['sale', 'override'])).max(2)

export const createPriceList = defineRoute({
  method: 'post',
  path: '/admin/price-lists',
  permission: 'price_list:write',
  summary: 'Create a price list (a sale or an override), with its prices',
  tags: ['Admin: price lists'],
  body: z.object({ ...priceListFields, prices: z.array(priceInput).max(5000).optional() }).strict(),
  response: z.object({ price_list: priceListSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({ price_list: await service(resolve).createPriceList(body) }),
})

export const listPriceLists = defineRoute({
  method: 'get',
  path: '/admin/price-lists',
  permission: 'price_list:read',
  summary: 'List price lists',
  tags: ['Admin: price lists'],
  query: listQuery()
    .extend({
      id: idListQuery().optional(),
      status: z
        .union([z.enum(['draft', 'active']), statuses])
        .transform((value) => [value].flat())
        .optional(),
      type: z
        .union([z.enum(['sale', 'override']), types])
        .transform((value) => [value].flat())
        .optional(),
    })
    .strict(),
  response: listResponse('price_lists', priceListSchema),
  handler: ({ query, resolve }) => service(resolve).listPriceLists(query),
})

export const retrievePriceList = defineRoute({
  method: 'get',
  path: '/admin/price-lists/:id',
  permission: 'price_list:read',
  summary: 'Get a price list with its prices',
  tags: ['Admin: price lists'],
  params: idParams,
  response: z.object({ price_list: priceListSchema }),
  handler: async ({ params, resolve }) => ({
    price_list: await service(resolve).retrievePriceList(params.id),
  }),
})

export const updatePriceList = defineRoute({
  method: 'post',
  path: '/admin/price-lists/:id',
  permission: 'price_list:write',
  summary: 'Update a price list’s terms (title, type, status, window, region)',
  tags: ['Admin: price lists'],
  params: idParams,
  body: z.object(priceListFields).partial().strict(),
  response: z.object({ price_list: priceListSchema }),
  handler: async ({ params, body, resolve }) => ({
    price_list: await service(resolve).updatePriceList(params.id, body),
  }),
})

export const deletePriceList = defineRoute({
  method: 'delete',
  path: '/admin/price-lists/:id',
  permission: 'price_list:write',
  summary: 'Delete a price list and its prices',
  tags: ['Admin: price lists'],
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('price_list'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await service(resolve).deletePriceList(params.id)
    return { id: params.id, object: 'price_list' as const, deleted: true as const }
  },
})

export const batchPriceListPrices = defineRoute({
  method: 'post',
  path: '/admin/price-lists/:id/prices/batch',
  permission: 'price_list:write',
  summary: 'Add prices to a price list and remove some of its prices: all or none',
  tags: ['Admin: price lists'],
  params: idParams,
  body: z
    .object({
      create: z.array(priceInput).max(5000).optional(),
      delete: z.array(id).max(5000).optional(),
    })
    .strict(),
  response: z.object({ price_list: priceListSchema }),
  handler: async ({ params, body, resolve }) => ({
    price_list: await service(resolve).batchPriceListPrices(params.id, body),
  }),
})

export const adminPricingRoutes = [
  createPriceList,
  listPriceLists,
  retrievePriceList,
  updatePriceList,
  deletePriceList,
  batchPriceListPrices,
]
