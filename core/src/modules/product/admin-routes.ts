// Admin routes for products, categories and collections.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams, rawJson, streamBody } from '../../http/route'
import { NotFoundError, UnsupportedMediaTypeError } from '../../kernel/errors'
import type { ProductCsv } from './csv'
import {
  adminVariantSchema,
  categorySchema,
  collectionSchema,
  productInputSchema,
  productSchema,
  productUpdateSchema,
  storeProductQuery,
  variantInputSchema,
} from './schemas'
import type { LabelKind, ProductService } from './service'

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

export const batchProducts = defineRoute({
  method: 'post',
  path: '/admin/products/batch',
  permission: 'product:write',
  summary: 'Create, update and delete many products at once: all or none',
  tags: ['Admin: products'],
  body: z
    .object({
      create: z.array(productInputSchema).max(500).optional(),
      update: z
        .array(productUpdateSchema.extend({ id: z.string().max(64) }).strict())
        .max(500)
        .optional(),
      delete: z.array(z.string().max(64)).max(500).optional(),
    })
    .strict(),
  response: z.object({
    created: z.array(z.object({ id: z.string() })),
    updated: z.array(z.object({ id: z.string() })),
    deleted: z.array(z.object({ id: z.string(), object: z.literal('product'), deleted: z.literal(true) })),
  }),
  status: 201,
  handler: async ({ body, resolve }) => {
    const ids = await service(resolve).batchProducts(body)
    return {
      created: ids.created.map((id) => ({ id })),
      updated: ids.updated.map((id) => ({ id })),
      deleted: ids.deleted.map((id) => ({ id, object: 'product' as const, deleted: true as const })),
    }
  },
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

// ---- categories and collections -----------------------------------------------------------------

const handle = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes')
  .max(191)
const metadataInput = z.record(z.string(), z.unknown()).nullable()
const idList = idListQuery()
const deleted = (object: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

async function categoryById(resolve: Resolve, id: string) {
  const { product_categories } = await service(resolve).listCategories({
    id: [id],
    limit: 1,
    offset: 0,
    include_internal: true,
  })
  if (!product_categories[0]) throw new NotFoundError(`Category with id: ${id} was not found`)
  return product_categories[0]
}

async function collectionById(resolve: Resolve, id: string) {
  const { collections } = await service(resolve).listCollections({ id: [id], limit: 1, offset: 0 })
  if (!collections[0]) throw new NotFoundError(`Collection with id: ${id} was not found`)
  return collections[0]
}

export const listCategories = defineRoute({
  method: 'get',
  path: '/admin/product-categories',
  permission: 'category:read',
  summary: 'List product categories, internal and inactive ones too',
  tags: ['Admin: products'],
  query: listQuery()
    .extend({
      id: idList.optional(),
      handle: idList.optional(),
      parent_category_id: z
        .string()
        .max(64)
        .transform((value) => (value === 'null' ? null : value))
        .optional(),
    })
    .strict(),
  response: listResponse('product_categories', categorySchema),
  handler: ({ query, resolve }) => service(resolve).listCategories({ ...query, include_internal: true }),
})

export const retrieveCategory = defineRoute({
  method: 'get',
  path: '/admin/product-categories/:id',
  permission: 'category:read',
  summary: 'Get a product category',
  tags: ['Admin: products'],
  params: idParams,
  response: z.object({ product_category: categorySchema }),
  handler: async ({ params, resolve }) => ({ product_category: await categoryById(resolve, params.id) }),
})

export const updateCategory = defineRoute({
  method: 'post',
  path: '/admin/product-categories/:id',
  permission: 'category:write',
  summary: 'Update a product category; a new parent_category_id moves it (null: to the top)',
  tags: ['Admin: products'],
  params: idParams,
  body: z
    .object({
      name: z.string().min(1).max(255),
      handle,
      description: z.string().max(10_000),
      parent_category_id: z.string().max(64).nullable(),
      is_active: z.boolean(),
      is_internal: z.boolean(),
      rank: z.number().int().min(0).max(1_000_000),
      metadata: metadataInput,
    })
    .partial()
    .strict(),
  response: z.object({ product_category: categorySchema }),
  handler: async ({ params, body, resolve }) => {
    await service(resolve).updateCategory(params.id, body)
    return { product_category: await categoryById(resolve, params.id) }
  },
})

export const deleteCategory = defineRoute({
  method: 'delete',
  path: '/admin/product-categories/:id',
  permission: 'category:write',
  summary: 'Delete a product category without child categories (409 while it has some)',
  tags: ['Admin: products'],
  params: idParams,
  response: deleted('product_category'),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteCategory(params.id)
    return { id: params.id, object: 'product_category' as const, deleted: true as const }
  },
})

export const listCollections = defineRoute({
  method: 'get',
  path: '/admin/collections',
  permission: 'collection:read',
  summary: 'List collections',
  tags: ['Admin: products'],
  query: listQuery().extend({ id: idList.optional(), handle: idList.optional() }).strict(),
  response: listResponse('collections', collectionSchema),
  handler: ({ query, resolve }) => service(resolve).listCollections(query),
})

export const retrieveCollection = defineRoute({
  method: 'get',
  path: '/admin/collections/:id',
  permission: 'collection:read',
  summary: 'Get a collection',
  tags: ['Admin: products'],
  params: idParams,
  response: z.object({ collection: collectionSchema }),
  handler: async ({ params, resolve }) => ({ collection: await collectionById(resolve, params.id) }),
})

export const updateCollection = defineRoute({
  method: 'post',
  path: '/admin/collections/:id',
  permission: 'collection:write',
  summary: 'Update a collection',
  tags: ['Admin: products'],
  params: idParams,
  body: z
    .object({ title: z.string().min(1).max(255), handle, metadata: metadataInput })
    .partial()
    .strict(),
  response: z.object({ collection: collectionSchema }),
  handler: async ({ params, body, resolve }) => ({
    collection: await service(resolve).updateCollection(params.id, body),
  }),
})

export const deleteCollection = defineRoute({
  method: 'delete',
  path: '/admin/collections/:id',
  permission: 'collection:write',
  summary: 'Delete a collection; its products stay, in no collection',
  tags: ['Admin: products'],
  params: idParams,
  response: deleted('collection'),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteCollection(params.id)
    return { id: params.id, object: 'collection' as const, deleted: true as const }
  },
})

// ---- tags and types -----------------------------------------------------------------------------

const labelSchema = z.object({
  id: z.string(),
  value: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
})
const labelBody = z.object({ value: z.string().trim().min(1).max(191) }).strict()

/** The five routes of a tag-like resource (a value each): tags and product types. */
function labelRoutes<Item extends string, Items extends string>(
  kind: LabelKind,
  path: string,
  item: Item,
  items: Items,
) {
  const one = (label: z.output<typeof labelSchema>) => ({ [item]: label }) as Record<Item, typeof label>
  // Typed loosely for the generic key; the runtime schemas (and the OpenAPI document) stay exact.
  const response = z.object({ [item]: labelSchema }) as unknown as z.ZodType<Record<string, unknown>>
  const list = listResponse(items, labelSchema) as unknown as z.ZodType<Record<string, unknown>>
  const tags = ['Admin: products']
  return [
    defineRoute({
      method: 'post',
      path,
      permission: 'product:write',
      summary: `Create a product ${kind}`,
      tags,
      body: labelBody,
      response,
      status: 201,
      handler: async ({ body, resolve }) => one(await service(resolve).createLabel(kind, body.value)),
    }),
    defineRoute({
      method: 'get',
      path,
      permission: 'product:read',
      summary: `List product ${kind}s`,
      tags,
      query: listQuery().extend({ id: idList.optional(), value: idList.optional() }).strict(),
      response: list,
      handler: async ({ query, resolve }) => {
        const { items: found, ...page } = await service(resolve).listLabels(kind, query)
        return { [items]: found, ...page }
      },
    }),
    defineRoute({
      method: 'get',
      path: `${path}/:id`,
      permission: 'product:read',
      summary: `Get a product ${kind}`,
      tags,
      params: idParams,
      response,
      handler: async ({ params, resolve }) => {
        const { items: found } = await service(resolve).listLabels(kind, {
          id: [params.id],
          limit: 1,
          offset: 0,
        })
        if (!found[0]) throw new NotFoundError(`Product ${kind} with id: ${params.id} was not found`)
        return one(found[0])
      },
    }),
    defineRoute({
      method: 'post',
      path: `${path}/:id`,
      permission: 'product:write',
      summary: `Rename a product ${kind}`,
      tags,
      params: idParams,
      body: labelBody,
      response,
      handler: async ({ params, body, resolve }) =>
        one(await service(resolve).updateLabel(kind, params.id, body.value)),
    }),
    defineRoute({
      method: 'delete',
      path: `${path}/:id`,
      permission: 'product:write',
      summary: `Delete a product ${kind}; its products lose it`,
      tags,
      params: idParams,
      response: deleted(item) as unknown as z.ZodType<Record<string, unknown>>,
      handler: async ({ params, resolve }) => {
        await service(resolve).deleteLabel(kind, params.id)
        return { id: params.id, object: item, deleted: true }
      },
    }),
  ]
}

// ---- variants and options of a product ----------------------------------------------------------

const variantParams = z.object({ id: z.string().max(64), variant_id: z.string().max(64) })
const optionParams = z.object({ id: z.string().max(64), option_id: z.string().max(64) })
const optionBody = z
  .object({
    title: z.string().min(1).max(191),
    values: z.array(z.string().min(1).max(191)).min(1).max(100),
  })
  .strict()

async function productDocument(resolve: Resolve, id: string) {
  return JSON.parse(await productJson(resolve, id)) as z.output<typeof productSchema>
}

export const listVariants = defineRoute({
  method: 'get',
  path: '/admin/products/:id/variants',
  permission: 'product:read',
  summary: "List a product's variants, each with all its own prices (tiers and region prices too)",
  tags: ['Admin: products'],
  params: idParams,
  query: listQuery().extend({ id: idList.optional(), sku: idList.optional() }).strict(),
  response: listResponse('variants', adminVariantSchema),
  handler: async ({ params, query, resolve }) => {
    const matching = (await productDocument(resolve, params.id)).variants.filter(
      (variant) =>
        (!query.id || query.id.includes(variant.id)) && (!query.sku || query.sku.includes(variant.sku ?? '')),
    )
    const page = matching.slice(query.offset, query.offset + query.limit)
    const prices = await service(resolve).variantPrices(page.map((variant) => variant.id))
    return {
      variants: page.map((variant) => ({
        ...variant,
        prices: prices
          .filter((price) => price.variant_id === variant.id)
          .map(({ id, currency_code, amount, region_id, min_quantity, max_quantity }) => ({
            id,
            currency_code,
            amount,
            region_id,
            min_quantity,
            max_quantity,
          })),
      })),
      count: matching.length,
      offset: query.offset,
      limit: query.limit,
    }
  },
})

export const createVariant = defineRoute({
  method: 'post',
  path: '/admin/products/:id/variants',
  permission: 'product:write',
  summary: 'Add a variant to a product',
  tags: ['Admin: products'],
  params: idParams,
  body: variantInputSchema.strict(),
  response: z.object({ product: productSchema }),
  status: 201,
  handler: async ({ params, body, resolve }) => {
    await service(resolve).createVariant(params.id, body)
    return rawJson(`{"product":${await productJson(resolve, params.id)}}`)
  },
})

export const updateVariant = defineRoute({
  method: 'post',
  path: '/admin/products/:id/variants/:variant_id',
  permission: 'product:write',
  summary:
    'Update a variant: its fields, option values and its prices (those given with their id are kept and updated, others added, those left out removed)',
  tags: ['Admin: products'],
  params: variantParams,
  body: variantInputSchema.partial().strict(),
  response: z.object({ product: productSchema }),
  handler: async ({ params, body, resolve }) => {
    await service(resolve).updateVariant(params.id, params.variant_id, body)
    return rawJson(`{"product":${await productJson(resolve, params.id)}}`)
  },
})

export const deleteVariant = defineRoute({
  method: 'delete',
  path: '/admin/products/:id/variants/:variant_id',
  permission: 'product:write',
  summary: 'Delete a variant and its prices',
  tags: ['Admin: products'],
  params: variantParams,
  response: deleted('variant'),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteVariant(params.id, params.variant_id)
    return { id: params.variant_id, object: 'variant' as const, deleted: true as const }
  },
})

export const createOption = defineRoute({
  method: 'post',
  path: '/admin/products/:id/options',
  permission: 'product:write',
  summary: 'Add an option with its values to a product',
  tags: ['Admin: products'],
  params: idParams,
  body: optionBody,
  response: z.object({ product: productSchema }),
  status: 201,
  handler: async ({ params, body, resolve }) => {
    await service(resolve).createOption(params.id, body)
    return rawJson(`{"product":${await productJson(resolve, params.id)}}`)
  },
})

export const updateOption = defineRoute({
  method: 'post',
  path: '/admin/products/:id/options/:option_id',
  permission: 'product:write',
  summary: 'Rename an option or set its values (a value in use by a variant cannot go: 409)',
  tags: ['Admin: products'],
  params: optionParams,
  body: optionBody.partial().strict(),
  response: z.object({ product: productSchema }),
  handler: async ({ params, body, resolve }) => {
    await service(resolve).updateOption(params.id, params.option_id, body)
    return rawJson(`{"product":${await productJson(resolve, params.id)}}`)
  },
})

export const deleteOption = defineRoute({
  method: 'delete',
  path: '/admin/products/:id/options/:option_id',
  permission: 'product:write',
  summary: 'Delete an option no variant uses (409 while one does)',
  tags: ['Admin: products'],
  params: optionParams,
  response: deleted('product_option'),
  handler: async ({ params, resolve }) => {
    await service(resolve).deleteOption(params.id, params.option_id)
    return { id: params.option_id, object: 'product_option' as const, deleted: true as const }
  },
})

export const adminProductRoutes = [
  importProducts,
  exportProducts,
  createProduct,
  batchProducts,
  listProducts,
  retrieveProduct,
  updateProduct,
  deleteProduct,
  createCategory,
  listCategories,
  retrieveCategory,
  updateCategory,
  deleteCategory,
  createCollection,
  listCollections,
  retrieveCollection,
  updateCollection,
  deleteCollection,
  ...labelRoutes('tag', '/admin/product-tags', 'product_tag', 'product_tags'),
  ...labelRoutes('type', '/admin/product-types', 'product_type', 'product_types'),
  listVariants,
  createVariant,
  updateVariant,
  deleteVariant,
  createOption,
  updateOption,
  deleteOption,
]
