// Admin routes for the store's settings, as Medusa names them (/admin/stores).
import { z } from 'zod'
import { listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { StoreService } from './service'

const service = (resolve: <T>(name: string) => T) => resolve<StoreService>('storeService')
const currency = z.string().regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code')

const storeSchema = z.object({
  id: z.string(),
  name: z.string(),
  default_currency_code: z.string(),
  supported_currencies: z.array(z.object({ currency_code: z.string(), is_default: z.boolean() })),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const listStores = defineRoute({
  method: 'get',
  path: '/admin/stores',
  permission: 'store:read',
  summary: 'List stores (there is one)',
  tags: ['Admin: store'],
  query: listQuery().strict(),
  response: listResponse('stores', storeSchema),
  handler: async ({ query, resolve }) => {
    const store = await service(resolve).retrieveStore()
    return { stores: [store].slice(query.offset, query.offset + query.limit), count: 1, ...query }
  },
})

export const retrieveStore = defineRoute({
  method: 'get',
  path: '/admin/stores/:id',
  permission: 'store:read',
  summary: 'Get the store’s settings',
  tags: ['Admin: store'],
  params: idParams,
  response: z.object({ store: storeSchema }),
  handler: async ({ params, resolve }) => ({ store: await service(resolve).retrieveStoreById(params.id) }),
})

export const updateStore = defineRoute({
  method: 'post',
  path: '/admin/stores/:id',
  permission: 'store:write',
  summary: 'Update the store’s name and currencies',
  tags: ['Admin: store'],
  params: idParams,
  body: z
    .object({
      name: z.string().min(1).max(191).optional(),
      default_currency_code: currency.optional(),
      supported_currencies: z.array(currency).min(1).max(200).optional(),
      metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    })
    .strict(),
  response: z.object({ store: storeSchema }),
  handler: async ({ params, body, resolve }) => ({
    store: await service(resolve).updateStore(params.id, body),
  }),
})
