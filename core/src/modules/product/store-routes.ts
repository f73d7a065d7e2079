// The Store API's catalog, as Medusa answers it: products (with calculated prices for a region or
// currency), categories and collections. Every request needs a publishable key and sees only
// published products of that key's sales channels.
import { z } from 'zod'
import { fieldsQuery, selectsField } from '../../http/fields'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute, idParams, rawJson } from '../../http/route'
import { NotFoundError } from '../../kernel/errors'
import type { PricingContext } from '../pricing/service'
import type { RegionService } from '../region/service'
import type { SalesChannelService } from '../sales-channel/service'
import { categorySchema, collectionSchema, productSchema, storeProductQuery } from './schemas'
import type { ProductService } from './service'

type Resolve = <T>(name: string) => T

/** Medusa computes a variant's stock only when the storefront asks for it. */
const INVENTORY_QUANTITY = 'variants.inventory_quantity'

/** Prices follow the region (its currency, its own prices) or a bare currency, as in Medusa. */
async function pricingContext(
  resolve: Resolve,
  query: { region_id?: string; currency_code?: string },
): Promise<PricingContext | undefined> {
  if (query.region_id) return resolve<RegionService>('regionService').pricingContext(query.region_id)
  return query.currency_code ? { currency_code: query.currency_code } : undefined
}

const channels = async (koa: Parameters<typeof requirePublishableKey>[0], resolve: Resolve) =>
  (await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))).sales_channel_ids

export const listStoreProducts = defineRoute({
  method: 'get',
  path: '/store/products',
  summary: 'List products',
  tags: ['Store: products'],
  query: storeProductQuery,
  response: listResponse('products', productSchema),
  handler: async ({ query, koa, resolve }) => {
    const sales_channel_ids = await channels(koa, resolve)
    const products = resolve<ProductService>('productService')
    const page = await products.productPage(
      {
        ...query,
        sales_channel_ids: query.sales_channel_id
          ? sales_channel_ids.filter((id) => query.sales_channel_id!.includes(id))
          : sales_channel_ids,
        published_only: true,
      },
      await pricingContext(resolve, query),
      { inventory_quantity: selectsField(query.fields, INVENTORY_QUANTITY) },
    )
    return rawJson(page)
  },
})

export const retrieveStoreProduct = defineRoute({
  method: 'get',
  path: '/store/products/:id',
  summary: 'Get a product',
  tags: ['Store: products'],
  params: idParams,
  query: storeProductQuery.pick({
    fields: true,
    region_id: true,
    currency_code: true,
    country_code: true,
    province: true,
  }),
  response: z.object({ product: productSchema }),
  handler: async ({ params, query, koa, resolve }) => {
    const sales_channel_ids = await channels(koa, resolve)
    const products = resolve<ProductService>('productService')
    const { ids } = await products.findProductIds({
      id: [params.id],
      sales_channel_ids,
      published_only: true,
      limit: 1,
      offset: 0,
    })
    if (!ids.length) throw new NotFoundError(`Product with id: ${params.id} was not found`)
    const [document] = await products.productDocuments(ids, await pricingContext(resolve, query))
    return rawJson(
      `{"product":${
        selectsField(query.fields, INVENTORY_QUANTITY)
          ? await products.withInventoryQuantities(document!, sales_channel_ids)
          : document
      }}`,
    )
  },
})

const idList = idListQuery()

export const listStoreCategories = defineRoute({
  method: 'get',
  path: '/store/product-categories',
  summary: 'List product categories',
  tags: ['Store: products'],
  query: listQuery().extend({
    fields: fieldsQuery.optional(),
    id: idList.optional(),
    handle: idList.optional(),
    parent_category_id: z
      .string()
      .max(64)
      .transform((value) => (value === 'null' ? null : value))
      .optional(),
    include_descendants_tree: z.string().optional(),
    include_ancestors_tree: z.string().optional(),
  }),
  response: listResponse('product_categories', categorySchema),
  handler: async ({ query, koa, resolve }) => {
    await channels(koa, resolve)
    return resolve<ProductService>('productService').listCategories({ ...query, include_internal: false })
  },
})

export const retrieveStoreCategory = defineRoute({
  method: 'get',
  path: '/store/product-categories/:id',
  summary: 'Get a product category',
  tags: ['Store: products'],
  params: idParams,
  query: z.object({ fields: fieldsQuery.optional() }),
  response: z.object({ product_category: categorySchema }),
  handler: async ({ params, koa, resolve }) => {
    await channels(koa, resolve)
    const { product_categories } = await resolve<ProductService>('productService').listCategories({
      id: [params.id],
      limit: 1,
      offset: 0,
      include_internal: false,
    })
    if (!product_categories[0]) throw new NotFoundError(`Category with id: ${params.id} was not found`)
    return { product_category: product_categories[0] }
  },
})

export const listStoreCollections = defineRoute({
  method: 'get',
  path: '/store/collections',
  summary: 'List collections',
  tags: ['Store: products'],
  query: listQuery().extend({
    fields: fieldsQuery.optional(),
    id: idList.optional(),
    handle: idList.optional(),
  }),
  response: listResponse('collections', collectionSchema),
  handler: async ({ query, koa, resolve }) => {
    await channels(koa, resolve)
    return resolve<ProductService>('productService').listCollections(query)
  },
})

export const retrieveStoreCollection = defineRoute({
  method: 'get',
  path: '/store/collections/:id',
  summary: 'Get a collection',
  tags: ['Store: products'],
  params: idParams,
  query: z.object({ fields: fieldsQuery.optional() }),
  response: z.object({ collection: collectionSchema }),
  handler: async ({ params, koa, resolve }) => {
    await channels(koa, resolve)
    const { collections } = await resolve<ProductService>('productService').listCollections({
      id: [params.id],
      limit: 1,
      offset: 0,
    })
    if (!collections[0]) throw new NotFoundError(`Collection with id: ${params.id} was not found`)
    return { collection: collections[0] }
  },
})

export const storeProductRoutes = [
  listStoreProducts,
  retrieveStoreProduct,
  listStoreCategories,
  retrieveStoreCategory,
  listStoreCollections,
  retrieveStoreCollection,
]
