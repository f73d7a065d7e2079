// Products as the API shows them (Medusa's StoreProduct and friends), and the inputs it takes.
import { z } from 'zod'
import { fieldsQuery } from '../../http/fields'
import { idListQuery } from '../../http/list'

const timestamps = { created_at: z.string(), updated_at: z.string(), deleted_at: z.null() }
const metadata = z.record(z.string(), z.unknown()).nullable()

const tier = z.object({
  id: z.string(),
  price_list_id: z.string().nullable(),
  price_list_type: z.enum(['sale', 'override']).nullable(),
  min_quantity: z.number().nullable(),
  max_quantity: z.number().nullable(),
})

export const calculatedPriceSchema = z.object({
  id: z.string(),
  is_calculated_price_price_list: z.boolean(),
  is_calculated_price_tax_inclusive: z.boolean(),
  calculated_amount: z.number().int(),
  original_amount: z.number().int(),
  original_amount_with_tax: z.number().int().nullable(),
  original_amount_without_tax: z.number().int().nullable(),
  currency_code: z.string(),
  calculated_price: tier,
  original_price: tier,
})

export const collectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  ...timestamps,
  metadata,
})

const categoryBase = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  description: z.string(),
  is_active: z.boolean(),
  is_internal: z.boolean(),
  rank: z.number().nullable(),
  external_id: z.null(),
  parent_category_id: z.string().nullable(),
  ...timestamps,
  metadata,
})

export const categorySchema = categoryBase.extend({
  parent_category: categoryBase
    .extend({ parent_category: z.null(), category_children: z.array(z.never()) })
    .nullable(),
  category_children: z.array(
    categoryBase.extend({ parent_category: z.null(), category_children: z.array(z.never()) }),
  ),
})

const optionValue = z.object({ id: z.string(), value: z.string(), option_id: z.string() })

export const variantSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  ean: z.string().nullable(),
  upc: z.string().nullable(),
  thumbnail: z.null(),
  allow_backorder: z.boolean(),
  manage_inventory: z.boolean(),
  hs_code: z.null(),
  origin_country: z.null(),
  mid_code: z.null(),
  material: z.null(),
  weight: z.number().nullable(),
  length: z.number().nullable(),
  height: z.number().nullable(),
  width: z.number().nullable(),
  variant_rank: z.number(),
  product_id: z.string(),
  options: z.array(optionValue),
  calculated_price: calculatedPriceSchema.optional(),
  /** Asked for with `fields=+variants.inventory_quantity`; only on stock-managed variants. */
  inventory_quantity: z.number().int().nullable().optional(),
  ...timestamps,
  metadata,
})

export const productSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  subtitle: z.string().nullable(),
  description: z.string().nullable(),
  is_giftcard: z.boolean(),
  status: z.enum(['draft', 'proposed', 'published', 'rejected']),
  thumbnail: z.string().nullable(),
  width: z.number().nullable(),
  weight: z.number().nullable(),
  length: z.number().nullable(),
  height: z.number().nullable(),
  origin_country: z.string().nullable(),
  hs_code: z.string().nullable(),
  mid_code: z.string().nullable(),
  material: z.string().nullable(),
  collection_id: z.string().nullable(),
  collection: collectionSchema.nullable(),
  type_id: z.string().nullable(),
  type: z
    .object({
      id: z.string(),
      value: z.string(),
      metadata: z.null(),
      created_at: z.string(),
      updated_at: z.string(),
      deleted_at: z.null(),
    })
    .nullable(),
  discountable: z.boolean(),
  external_id: z.string().nullable(),
  ...timestamps,
  metadata,
  options: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      is_exclusive: z.boolean(),
      product_id: z.string(),
      values: z.array(optionValue),
    }),
  ),
  variants: z.array(variantSchema),
  images: z.array(z.object({ id: z.string(), url: z.string(), rank: z.number() })),
  tags: z.array(
    z.object({ id: z.string(), value: z.string(), created_at: z.string(), updated_at: z.string() }),
  ),
  categories: z.array(
    categoryBase.extend({ parent_category: z.null(), category_children: z.array(z.never()) }),
  ),
})

const idList = idListQuery()

/** Filters Medusa's GET /store/products takes; anything else is refused with a 400 naming it. */
export const storeProductQuery = z
  .object({
    limit: z.coerce.number().int().min(0).max(1000).default(50),
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    order: z.string().max(64).optional(),
    fields: fieldsQuery.optional(),
    q: z.string().max(200).optional(),
    id: idList.optional(),
    handle: idList.optional(),
    category_id: idList.optional(),
    collection_id: idList.optional(),
    tag_id: idList.optional(),
    type_id: idList.optional(),
    region_id: z.string().max(64).optional(),
    currency_code: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code')
      .transform((code) => code.toLowerCase())
      .optional(),
    country_code: z.string().max(2).optional(),
    province: z.string().max(64).optional(),
    sales_channel_id: idList.optional(),
  })
  .strict()

/** A variant's own price as the Admin API shows it: per currency, optionally per region and quantity. */
export const adminPriceSchema = z.object({
  id: z.string(),
  currency_code: z.string(),
  amount: z.number().int(),
  region_id: z.string().nullable(),
  min_quantity: z.number().int().nullable(),
  max_quantity: z.number().int().nullable(),
})

/** A variant in the Admin API: with every one of its own prices, tiers and region prices too. */
export const adminVariantSchema = variantSchema.extend({ prices: z.array(adminPriceSchema) })

const priceInput = z.object({
  /** Keeps (and updates) an existing price of the variant; without it, the price is new. */
  id: z.string().max(64).optional(),
  currency_code: z.string().regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  amount: z.number().int('must be an integer in the currency minor unit').min(0).max(1e12),
  region_id: z.string().max(64).nullable().optional(),
  min_quantity: z.number().int().min(1).nullable().optional(),
  max_quantity: z.number().int().min(1).nullable().optional(),
})

const size = z.number().int().min(0).max(1_000_000_000).nullable().optional()
/** Weight (grams) and dimensions (millimetres) of a product or variant. */
const dimensions = { weight: size, length: size, height: size, width: size }

export const variantInputSchema = z.object({
  title: z.string().min(1).max(255),
  sku: z.string().max(191).nullable().optional(),
  barcode: z.string().max(191).nullable().optional(),
  allow_backorder: z.boolean().optional(),
  manage_inventory: z.boolean().optional(),
  ...dimensions,
  options: z.record(z.string(), z.string()).optional(),
  prices: z.array(priceInput).max(100).optional(),
})

export const productInputSchema = z.object({
  title: z.string().min(1).max(255),
  handle: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes')
    .max(191)
    .optional(),
  subtitle: z.string().max(255).nullable().optional(),
  description: z.string().max(100_000).nullable().optional(),
  status: z.enum(['draft', 'proposed', 'published', 'rejected']).optional(),
  thumbnail: z.string().max(1024).nullable().optional(),
  images: z
    .array(z.object({ url: z.string().min(1).max(1024) }))
    .max(50)
    .optional(),
  collection_id: z.string().max(64).nullable().optional(),
  type_id: z.string().max(64).nullable().optional(),
  category_ids: z.array(z.string().max(64)).max(50).optional(),
  tags: z.array(z.string().min(1).max(191)).max(100).optional(),
  sales_channel_ids: z.array(z.string().max(64)).max(50).optional(),
  ...dimensions,
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  options: z
    .array(
      z.object({
        title: z.string().min(1).max(191),
        values: z.array(z.string().min(1).max(191)).min(1).max(100),
      }),
    )
    .max(10)
    .optional(),
  variants: z.array(variantInputSchema).max(100).optional(),
})

export const productUpdateSchema = productInputSchema.omit({ options: true, variants: true }).partial()
