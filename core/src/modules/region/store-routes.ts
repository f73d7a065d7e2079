// GET /store/regions[/:id], as Medusa answers them.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute, idParams } from '../../http/route'
import type { SalesChannelService } from '../sales-channel/service'
import { regionSchema } from './schemas'
import type { RegionService } from './service'

const ids = idListQuery()

export const listStoreRegions = defineRoute({
  method: 'get',
  path: '/store/regions',
  summary: 'List regions',
  tags: ['Store: regions'],
  query: listQuery().extend({
    id: ids.optional(),
    currency_code: ids.optional(),
    fields: z.string().optional(),
  }),
  response: listResponse('regions', regionSchema),
  handler: async ({ query, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    return resolve<RegionService>('regionService').listRegions(query)
  },
})

export const retrieveStoreRegion = defineRoute({
  method: 'get',
  path: '/store/regions/:id',
  summary: 'Get a region',
  tags: ['Store: regions'],
  params: idParams,
  query: z.object({ fields: z.string().optional() }),
  response: z.object({ region: regionSchema }),
  handler: async ({ params, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    return { region: await resolve<RegionService>('regionService').retrieveRegion(params.id) }
  },
})
