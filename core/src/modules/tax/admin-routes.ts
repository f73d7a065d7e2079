// Admin routes for tax regions and tax rates.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { TaxService } from './service'

const tags = ['Admin: taxes']
const metadata = z.record(z.string(), z.unknown()).nullable().optional()
const rateValue = z.number().min(0).max(100)

const taxRateSchema = z.object({
  id: z.string(),
  tax_region_id: z.string(),
  name: z.string(),
  code: z.string(),
  rate: z.number(),
  is_default: z.boolean(),
  is_combinable: z.boolean(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

const taxRegionSchema = z.object({
  id: z.string(),
  country_code: z.string(),
  province_code: z.string().nullable(),
  parent_id: z.string().nullable(),
  provider_id: z.string(),
  tax_rates: z.array(taxRateSchema),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

const rateInput = z.object({
  name: z.string().min(1).max(191),
  code: z.string().min(1).max(64),
  rate: rateValue,
  is_combinable: z.boolean().optional(),
  metadata,
})

const deleted = <T extends string>(object: T) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

export const createTaxRegion = defineRoute({
  method: 'post',
  path: '/admin/tax-regions',
  permission: 'tax:write',
  summary: 'Create a tax region for a country, or for a province of one',
  tags,
  body: z.object({
    country_code: z.string().regex(/^[a-zA-Z]{2}$/, 'must be a 2-letter ISO 3166 code'),
    province_code: z.string().min(1).max(64).nullable().optional(),
    parent_id: z.string().max(64).nullable().optional(),
    default_tax_rate: rateInput.optional(),
    metadata,
  }),
  response: z.object({ tax_region: taxRegionSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    tax_region: await resolve<TaxService>('taxService').createTaxRegion(body),
  }),
})

export const listTaxRegions = defineRoute({
  method: 'get',
  path: '/admin/tax-regions',
  permission: 'tax:read',
  summary: 'List tax regions with their rates',
  tags,
  query: listQuery().extend({
    id: idListQuery().optional(),
    country_code: idListQuery().optional(),
    parent_id: idListQuery().optional(),
  }),
  response: listResponse('tax_regions', taxRegionSchema),
  handler: ({ query, resolve }) => resolve<TaxService>('taxService').listTaxRegions(query),
})

export const retrieveTaxRegion = defineRoute({
  method: 'get',
  path: '/admin/tax-regions/:id',
  permission: 'tax:read',
  summary: 'Get a tax region',
  tags,
  params: idParams,
  response: z.object({ tax_region: taxRegionSchema }),
  handler: async ({ params, resolve }) => ({
    tax_region: await resolve<TaxService>('taxService').retrieveTaxRegion(params.id),
  }),
})

export const deleteTaxRegion = defineRoute({
  method: 'delete',
  path: '/admin/tax-regions/:id',
  permission: 'tax:write',
  summary: 'Delete a tax region, its provinces and their rates',
  tags,
  params: idParams,
  response: deleted('tax_region'),
  handler: async ({ params, resolve }) => {
    await resolve<TaxService>('taxService').deleteTaxRegion(params.id)
    return { id: params.id, object: 'tax_region' as const, deleted: true as const }
  },
})

export const createTaxRate = defineRoute({
  method: 'post',
  path: '/admin/tax-rates',
  permission: 'tax:write',
  summary: 'Create a tax rate in a tax region',
  tags,
  body: rateInput.extend({ tax_region_id: z.string().max(64), is_default: z.boolean().optional() }),
  response: z.object({ tax_rate: taxRateSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    tax_rate: await resolve<TaxService>('taxService').createTaxRate(body),
  }),
})

export const listTaxRates = defineRoute({
  method: 'get',
  path: '/admin/tax-rates',
  permission: 'tax:read',
  summary: 'List tax rates',
  tags,
  query: listQuery().extend({ tax_region_id: idListQuery().optional() }),
  response: listResponse('tax_rates', taxRateSchema),
  handler: ({ query, resolve }) => resolve<TaxService>('taxService').listTaxRates(query),
})

export const updateTaxRate = defineRoute({
  method: 'post',
  path: '/admin/tax-rates/:id',
  permission: 'tax:write',
  summary: 'Update a tax rate',
  tags,
  params: idParams,
  body: rateInput.partial().extend({ is_default: z.boolean().optional() }),
  response: z.object({ tax_rate: taxRateSchema }),
  handler: async ({ params, body, resolve }) => ({
    tax_rate: await resolve<TaxService>('taxService').updateTaxRate(params.id, body),
  }),
})

export const deleteTaxRate = defineRoute({
  method: 'delete',
  path: '/admin/tax-rates/:id',
  permission: 'tax:write',
  summary: 'Delete a tax rate',
  tags,
  params: idParams,
  response: deleted('tax_rate'),
  handler: async ({ params, resolve }) => {
    await resolve<TaxService>('taxService').deleteTaxRate(params.id)
    return { id: params.id, object: 'tax_rate' as const, deleted: true as const }
  },
})

export const taxAdminRoutes = [
  createTaxRegion,
  listTaxRegions,
  retrieveTaxRegion,
  deleteTaxRegion,
  createTaxRate,
  listTaxRates,
  updateTaxRate,
  deleteTaxRate,
]
