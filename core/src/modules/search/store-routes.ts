// GET /store/search: Shopwright's own (Medusa has none), under the Store API's conventions.
import { z } from 'zod'
import { idListQuery } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute } from '../../http/route'
import type { RegionService } from '../region/service'
import type { SalesChannelService } from '../sales-channel/service'
import type { SearchService } from './service'

const money = z.coerce.number().int('must be a whole number of the minor unit').min(0).max(1e12)
const counts = z.record(z.string(), z.number().int())

export const storeSearch = defineRoute({
  method: 'get',
  path: '/store/search',
  summary: 'Search products with filters, facets and sorting',
  tags: ['Store: search'],
  query: z
    .object({
      q: z.string().max(200).optional(),
      category_id: idListQuery().optional(),
      collection_id: idListQuery().optional(),
      tag: idListQuery().optional(),
      options: z.record(z.string().max(191), idListQuery()).optional(),
      currency_code: z
        .string()
        .regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code')
        .transform((code) => code.toLowerCase())
        .optional(),
      region_id: z.string().max(64).optional(),
      price_min: money.optional(),
      price_max: money.optional(),
      sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']).default('relevance'),
      limit: z.coerce.number().int().min(0).max(200).default(20),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    })
    .strict()
    .refine(
      (query) =>
        query.price_min === undefined || query.price_max === undefined || query.price_min <= query.price_max,
      {
        message: 'price_min must not be above price_max',
        path: ['price_min'],
      },
    )
    .refine(
      (query) =>
        (query.price_min === undefined && query.price_max === undefined && !query.sort.startsWith('price')) ||
        query.currency_code !== undefined ||
        query.region_id !== undefined,
      { message: 'price filters and price sorting need currency_code or region_id', path: ['currency_code'] },
    ),
  response: z.object({
    hits: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        handle: z.string(),
        thumbnail: z.string().nullable(),
        score: z.number(),
        price: z.object({ amount: z.number().int(), currency_code: z.string() }).nullable(),
      }),
    ),
    count: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    facets: z.object({
      category_id: counts,
      collection_id: counts,
      tag: counts,
      options: z.record(z.string(), counts),
      price: z.array(z.object({ min: z.number(), max: z.number().nullable(), count: z.number().int() })),
    }),
  }),
  handler: async ({ query, koa, resolve }) => {
    const key = await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const currency_code = query.region_id
      ? (await resolve<RegionService>('regionService').retrieveRegion(query.region_id)).currency_code
      : query.currency_code
    const result = await resolve<SearchService>('searchService').search({
      ...query,
      currency_code,
      sales_channel_ids: key.sales_channel_ids,
    })
    return { ...result, offset: query.offset, limit: query.limit }
  },
})
