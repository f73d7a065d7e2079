// Admin routes for regions.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import { regionInputSchema, regionSchema } from './schemas'
import type { RegionService } from './service'

export const createRegion = defineRoute({
  method: 'post',
  path: '/admin/regions',
  permission: 'region:write',
  summary: 'Create a region',
  tags: ['Admin: regions'],
  body: regionInputSchema.strict(),
  response: z.object({ region: regionSchema }),
  handler: async ({ body, resolve }) => ({
    region: await resolve<RegionService>('regionService').createRegion(body),
  }),
})

export const listRegions = defineRoute({
  method: 'get',
  path: '/admin/regions',
  permission: 'region:read',
  summary: 'List regions',
  tags: ['Admin: regions'],
  query: listQuery()
    .extend({ id: idListQuery().optional(), currency_code: idListQuery().optional() })
    .strict(),
  response: listResponse('regions', regionSchema),
  handler: ({ query, resolve }) => resolve<RegionService>('regionService').listRegions(query),
})

export const deleteRegion = defineRoute({
  method: 'delete',
  path: '/admin/regions/:id',
  permission: 'region:write',
  summary: 'Delete a region',
  tags: ['Admin: regions'],
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('region'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await resolve<RegionService>('regionService').deleteRegion(params.id)
    return { id: params.id, object: 'region' as const, deleted: true as const }
  },
})

export const retrieveRegion = defineRoute({
  method: 'get',
  path: '/admin/regions/:id',
  permission: 'region:read',
  summary: 'Get a region',
  tags: ['Admin: regions'],
  params: idParams,
  response: z.object({ region: regionSchema }),
  handler: async ({ params, resolve }) => ({
    region: await resolve<RegionService>('regionService').retrieveRegion(params.id),
  }),
})

export const updateRegion = defineRoute({
  method: 'post',
  path: '/admin/regions/:id',
  permission: 'region:write',
  summary: 'Update a region; countries, when given, replace its countries',
  tags: ['Admin: regions'],
  params: idParams,
  body: regionInputSchema.partial().strict(),
  response: z.object({ region: regionSchema }),
  handler: async ({ params, body, resolve }) => ({
    region: await resolve<RegionService>('regionService').updateRegion(params.id, body),
  }),
})

export const adminRegionRoutes = [createRegion, listRegions, retrieveRegion, updateRegion, deleteRegion]
