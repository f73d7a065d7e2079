// Admin routes for service zones and shipping options.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { FulfillmentService } from './service'

const tags = ['Admin: shipping']
const metadata = z.record(z.string(), z.unknown()).nullable()
const amount = z.number().int().min(0).max(1_000_000_000)
const deleted = <T extends string>(object: T) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

const serviceZoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  countries: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
})

export const shippingOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  region_id: z.string(),
  service_zone_id: z.string().nullable(),
  shipping_profile_id: z.string().nullable(),
  provider_id: z.string(),
  price_type: z.literal('flat'),
  amount: z.number().int(),
  free_above: z.number().int().nullable(),
  type: z.object({ label: z.string(), code: z.string(), description: z.string() }),
  data: metadata,
  metadata,
  created_at: z.string(),
  updated_at: z.string(),
})

const optionType = z.object({
  label: z.string().min(1).max(191).optional(),
  code: z.string().min(1).max(64).optional(),
  description: z.string().max(255).optional(),
})

const optionInput = z.object({
  name: z.string().min(1).max(191),
  region_id: z.string().max(64),
  service_zone_id: z.string().max(64).nullable().optional(),
  shipping_profile_id: z.string().max(64).nullable().optional(),
  provider_id: z.literal('manual_manual').optional(),
  price_type: z.literal('flat').optional(),
  amount,
  /** Free once the cart's items (after discounts) reach this amount. */
  free_above: amount.nullable().optional(),
  type: optionType.optional(),
  data: metadata.optional(),
  metadata: metadata.optional(),
})

export const createServiceZone = defineRoute({
  method: 'post',
  path: '/admin/service-zones',
  permission: 'fulfillment:write',
  summary: 'Create a service zone: the countries some shipping options ship to',
  tags,
  body: z.object({
    name: z.string().min(1).max(191),
    countries: z
      .array(z.string().regex(/^[a-zA-Z]{2}$/, 'must be a 2-letter ISO 3166 code'))
      .min(1)
      .max(300),
  }),
  response: z.object({ service_zone: serviceZoneSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    service_zone: await resolve<FulfillmentService>('fulfillmentService').createServiceZone(body),
  }),
})

export const listServiceZones = defineRoute({
  method: 'get',
  path: '/admin/service-zones',
  permission: 'fulfillment:read',
  summary: 'List service zones',
  tags,
  query: listQuery(),
  response: listResponse('service_zones', serviceZoneSchema),
  handler: ({ query, resolve }) => resolve<FulfillmentService>('fulfillmentService').listServiceZones(query),
})

export const deleteServiceZone = defineRoute({
  method: 'delete',
  path: '/admin/service-zones/:id',
  permission: 'fulfillment:write',
  summary: 'Delete a service zone that no shipping option uses',
  tags,
  params: idParams,
  response: deleted('service_zone'),
  handler: async ({ params, resolve }) => {
    await resolve<FulfillmentService>('fulfillmentService').deleteServiceZone(params.id)
    return { id: params.id, object: 'service_zone' as const, deleted: true as const }
  },
})

export const createShippingOption = defineRoute({
  method: 'post',
  path: '/admin/shipping-options',
  permission: 'fulfillment:write',
  summary: 'Create a shipping option (flat rate, optionally free above an item total)',
  tags,
  body: optionInput,
  response: z.object({ shipping_option: shippingOptionSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    shipping_option: await resolve<FulfillmentService>('fulfillmentService').createShippingOption(body),
  }),
})

export const listShippingOptions = defineRoute({
  method: 'get',
  path: '/admin/shipping-options',
  permission: 'fulfillment:read',
  summary: 'List shipping options',
  tags,
  query: listQuery().extend({ region_id: idListQuery().optional(), id: idListQuery().optional() }),
  response: listResponse('shipping_options', shippingOptionSchema),
  handler: ({ query, resolve }) =>
    resolve<FulfillmentService>('fulfillmentService').listShippingOptions(query),
})

export const retrieveShippingOption = defineRoute({
  method: 'get',
  path: '/admin/shipping-options/:id',
  permission: 'fulfillment:read',
  summary: 'Get a shipping option',
  tags,
  params: idParams,
  response: z.object({ shipping_option: shippingOptionSchema }),
  handler: async ({ params, resolve }) => ({
    shipping_option: await resolve<FulfillmentService>('fulfillmentService').retrieveShippingOption(
      params.id,
    ),
  }),
})

export const updateShippingOption = defineRoute({
  method: 'post',
  path: '/admin/shipping-options/:id',
  permission: 'fulfillment:write',
  summary: 'Update a shipping option',
  tags,
  params: idParams,
  body: optionInput.omit({ region_id: true }).partial(),
  response: z.object({ shipping_option: shippingOptionSchema }),
  handler: async ({ params, body, resolve }) => ({
    shipping_option: await resolve<FulfillmentService>('fulfillmentService').updateShippingOption(
      params.id,
      body,
    ),
  }),
})

export const deleteShippingOption = defineRoute({
  method: 'delete',
  path: '/admin/shipping-options/:id',
  permission: 'fulfillment:write',
  summary: 'Delete a shipping option',
  tags,
  params: idParams,
  response: deleted('shipping_option'),
  handler: async ({ params, resolve }) => {
    await resolve<FulfillmentService>('fulfillmentService').deleteShippingOption(params.id)
    return { id: params.id, object: 'shipping_option' as const, deleted: true as const }
  },
})

export const fulfillmentAdminRoutes = [
  createServiceZone,
  listServiceZones,
  deleteServiceZone,
  createShippingOption,
  listShippingOptions,
  retrieveShippingOption,
  updateShippingOption,
  deleteShippingOption,
]
