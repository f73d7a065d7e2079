// Admin routes for promotions.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { PromotionService } from './service'

const tags = ['Admin: promotions']
const ids = z.array(z.string().min(1).max(64)).max(500)
const minor = z.number().int().min(0).max(1_000_000_000)
const count = z.number().int().min(1).max(1_000_000_000)

const applicationMethod = z.object({
  type: z.enum(['percentage', 'fixed']),
  value: z.number().positive().max(1_000_000_000),
  currency_code: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code')
    .nullable()
    .optional(),
  target_type: z.enum(['order', 'items', 'shipping_methods']),
  allocation: z.enum(['each', 'across']).optional(),
  max_quantity: count.nullable().optional(),
  product_ids: ids.nullable().optional(),
  category_ids: ids.nullable().optional(),
})

const promotionInput = z.object({
  code: z
    .string()
    .min(1)
    .max(191)
    .regex(/^[\w-]+$/, 'may hold only letters, digits, "-" and "_"'),
  is_automatic: z.boolean().optional(),
  status: z.enum(['draft', 'active', 'inactive']).optional(),
  starts_at: z.coerce.date().nullable().optional(),
  ends_at: z.coerce.date().nullable().optional(),
  application_method: applicationMethod,
  /** Minor units of application_method.currency_code. */
  min_subtotal: minor.nullable().optional(),
  usage_limit: count.nullable().optional(),
  limit_per_customer: count.nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})

const promotionSchema = z.object({
  id: z.string(),
  code: z.string(),
  is_automatic: z.boolean(),
  status: z.enum(['draft', 'active', 'inactive']),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  application_method: z.object({
    type: z.enum(['percentage', 'fixed']),
    value: z.number(),
    currency_code: z.string().nullable(),
    target_type: z.enum(['order', 'items', 'shipping_methods']),
    allocation: z.enum(['each', 'across']),
    max_quantity: z.number().int().nullable(),
    product_ids: z.array(z.string()),
    category_ids: z.array(z.string()),
  }),
  min_subtotal: z.number().int().nullable(),
  usage_limit: z.number().int().nullable(),
  used: z.number().int(),
  limit_per_customer: z.number().int().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const createPromotion = defineRoute({
  method: 'post',
  path: '/admin/promotions',
  permission: 'promotion:write',
  summary: 'Create a promotion',
  tags,
  body: promotionInput,
  response: z.object({ promotion: promotionSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    promotion: await resolve<PromotionService>('promotionService').createPromotion(body),
  }),
})

export const listPromotions = defineRoute({
  method: 'get',
  path: '/admin/promotions',
  permission: 'promotion:read',
  summary: 'List promotions',
  tags,
  query: listQuery().extend({ id: idListQuery().optional(), code: idListQuery().optional() }),
  response: listResponse('promotions', promotionSchema),
  handler: ({ query, resolve }) => resolve<PromotionService>('promotionService').listPromotions(query),
})

export const retrievePromotion = defineRoute({
  method: 'get',
  path: '/admin/promotions/:id',
  permission: 'promotion:read',
  summary: 'Get a promotion',
  tags,
  params: idParams,
  response: z.object({ promotion: promotionSchema }),
  handler: async ({ params, resolve }) => ({
    promotion: await resolve<PromotionService>('promotionService').retrievePromotion(params.id),
  }),
})

export const updatePromotion = defineRoute({
  method: 'post',
  path: '/admin/promotions/:id',
  permission: 'promotion:write',
  summary: 'Update a promotion',
  tags,
  params: idParams,
  body: promotionInput.partial().extend({ application_method: applicationMethod.partial().optional() }),
  response: z.object({ promotion: promotionSchema }),
  handler: async ({ params, body, resolve }) => ({
    promotion: await resolve<PromotionService>('promotionService').updatePromotion(params.id, body as never),
  }),
})

export const deletePromotion = defineRoute({
  method: 'delete',
  path: '/admin/promotions/:id',
  permission: 'promotion:write',
  summary: 'Delete a promotion',
  tags,
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('promotion'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await resolve<PromotionService>('promotionService').deletePromotion(params.id)
    return { id: params.id, object: 'promotion' as const, deleted: true as const }
  },
})

export const promotionAdminRoutes = [
  createPromotion,
  listPromotions,
  retrievePromotion,
  updatePromotion,
  deletePromotion,
]
