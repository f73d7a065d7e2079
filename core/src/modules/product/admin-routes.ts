// Admin routes for products, categories and collections.
import { z } from 'zod'
import { defineRoute, rawJson, streamBody } from '../../http/route'
import { NotFoundError, UnsupportedMediaTypeError } from '../../kernel/errors'
import type { ProductCsv } from './csv'
import {
  categorySchema,
  collectionSchema,
  productInputSchema,
  productSchema,
  productUpdateSchema,
  storeProductQuery,
} from './schemas'
import type { ProductService } from './service'

type Resolve = <T>(name: string) => T
const service = (resolve: Resolve) => resolve<ProductService>('productService')

async function productJson(resolve: Resolve, id: string): Promise<string> {
  const [document] = await service(resolve).productDocuments([id])
  if (!document) throw new NotFoundError(`Product with id: ${id} was not found`)
  return document
}

export const createProduct = defineRoute({
  method: 'post',
  path: '/admin/products',
  permission: 'product:write',
  summary: 'Create a product with its options, variants and prices',
  tags: ['Admin: products'],
  body: productInputSchema,
  response: z.object({ product: productSchema }),
  status: 201,
  handler: async ({ body, resolve }) => {
    const [id] = await service(resolve).createProducts([body])
    return rawJson(`{"product":${await productJson(resolve, id!)}}`)
  },
})

export const batchCreateProducts = defineRoute({
  method: 'post',
  path: '/admin/products/batch',
  permission: 'product:write',
  summary: 'Create many products at once: all or none',
  tags: ['Admin: products'],
  body: z.object({ create: z.array(productInputSchema).min(1).max(500) }),
  response: z.object({ created: z.array(z.object({ id: z.string() })) }),
  status: 201,
  handler: async ({ body, resolve }) => ({
    created: (await service(resolve).createProducts(body.create)).map((id) => ({ id })),
  }),
})

export const listProducts = defineRoute({
  method: 'get',
  path: '/admin/products',
  permission: 'product:read',
  summary: 'List products of every status',
  tags: ['Admin: products'],
  query: storeProductQuery.omit({
    region_id: true,
    country_code: true,
    province: true,
    sales_channel_id: true,
  }),
  response: z.object({
    products: z.array(productSchema),
    count: z.number(),
    offset: z.number(),
    limit: z.number(),
  }),
  handler: async ({ query, resolve }) => {
    const { ids, count } = await service(resolve).findProductIds({ ...query, published_only: false })
    const documents = await service(resolve).productDocuments(
      ids,
      query.currency_code ? { currency_code: query.currency_code } : undefined,
    )
    return rawJson(
      `{"products":[${documents.join(',')}],"count":${count},"offset":${query.offset},"limit":${query.limit}}`,
    )
  },
})

const idParams = z.object({ id: z.string().max(64) })

export const retrieveProduct = defineRoute({
  method: 'get',
  path: '/admin/products/:id',
  permission: 'product:read',
  summary: 'Get a product',
  tags: ['Admin: products'],
  params: idParams,
  response: z.object({ product: productSchema }),
  handler: async ({ params, resolve }) => rawJson(`{"product":${await productJson(resolve, params.id)}}`),
})

export const updateProduct = defineRoute({
  method: 'post',
  path: '/admin/products/:id',
  permission: 'product:write',
  summary: 'Update a product',
  tags: ['Admin: products'],
  params: idParams,
  body: productUpdateSchema,
  response: z.object({ product: productSchema }),
  handler: async ({ params, body, resolve }) => {
    await service(resolve).updateProduct(params.id, body)
    return rawJson(`{"product":${await productJson(resolve, params.id)}}`)
  },
})

export const deleteProduct = defineRoute({
  method: 'delete',
  path: '/admin/products/:id',
  permission: 'product:write',
  summary: 'Delete a product',
  tags: ['Admin: products'],
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('product'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteProduct(params.id)
    return { id: params.id, object: 'product' as const, deleted: true as const }
  },
})

export const createCategory = defineRoute({
  method: 'post',
  path: '/admin/product-categories',
  permission: 'category:write',
  summary: 'Create a product category',
  tags: ['Admin: products'],
  body: z.object({
    name: z.string().min(1).max(255),
    handle: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(191)
      .optional(),
    description: z.string().max(10_000).optional(),
    parent_category_id: z.string().max(64).nullable().optional(),
    is_active: z.boolean().optional(),
    is_internal: z.boolean().optional(),
    rank: z.number().int().min(0).optional(),
  }),
  response: z.object({ product_category: categorySchema }),
  status: 201,
  handler: async ({ body, resolve }) => {
    const id = await service(resolve).createCategory(body)
    const { product_categories } = await service(resolve).listCategories({
      id: [id],
      limit: 1,
      offset: 0,
      include_internal: true,
    })
    return { product_category: product_categories[0]! }
  },
})

export const createCollection = defineRoute({
  method: 'post',
  path: '/admin/collections',
  permission: 'collection:write',
  summary: 'Create a collection',
  tags: ['Admin: products'],
  body: z.object({
    title: z.string().min(1).max(255),
    handle: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(191)
      .optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
  response: z.object({ collection: collectionSchema }),
  status: 201,
  handler: async ({ body, resolve }) => ({ collection: await service(resolve).createCollection(body) }),
})

export const importProducts = defineRoute({
  method: 'post',
  path: '/admin/products/import',
  permission: 'product:write',
  summary: 'Import products from CSV (text/csv body, one row per variant): all rows or none',
  tags: ['Admin: products'],
  response: z.object({ created: z.number().int() }),
  status: 201,
  handler: async ({ koa, resolve }) => {
    if (!koa.is('text/csv', 'text/plain')) {
      throw new UnsupportedMediaTypeError('Send the CSV with content-type text/csv')
    }
    return resolve<ProductCsv>('productCsv').importProducts(koa.req)
  },
})

export const exportProducts = defineRoute({
  method: 'get',
  path: '/admin/products/export',
  permission: 'product:read',
  summary: 'Export every product as CSV (streamed), in the import format',
  tags: ['Admin: products'],
  response: z.string(),
  handler: ({ resolve }) =>
    streamBody('text/csv; charset=utf-8', resolve<ProductCsv>('productCsv').exportProducts(), 'products.csv'),
})

export const adminProductRoutes = [
  importProducts,
  exportProducts,
  createProduct,
  batchCreateProducts,
  listProducts,
  retrieveProduct,
  updateProduct,
  deleteProduct,
  createCategory,
  createCollection,
]
