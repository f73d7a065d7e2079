// The product catalog: products, options and variants, images, tags, types, collections and nested
// categories. Relations are plain id columns: the store reads them with a fixed number of queries.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Product = defineEntity({
  name: 'Product',
  tableName: 'product',
  properties: {
    id: p.string().length(40).primary(),
    title: p.string().length(255),
    handle: p.string().length(191).unique(),
    subtitle: p.string().length(255).nullable(),
    description: p.text().nullable(),
    status: p.string().length(16).default('draft').index(),
    thumbnail: p.string().length(1024).nullable(),
    is_giftcard: p.boolean().default(false),
    discountable: p.boolean().default(true),
    collection_id: p.string().length(40).nullable().index(),
    type_id: p.string().length(40).nullable().index(),
    weight: p.integer().nullable(),
    length: p.integer().nullable(),
    height: p.integer().nullable(),
    width: p.integer().nullable(),
    origin_country: p.string().length(2).nullable(),
    hs_code: p.string().length(64).nullable(),
    mid_code: p.string().length(64).nullable(),
    material: p.string().length(191).nullable(),
    external_id: p.string().length(191).nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const ProductOption = defineEntity({
  name: 'ProductOption',
  tableName: 'product_option',
  properties: {
    id: p.string().length(40).primary(),
    product_id: p.string().length(40).index(),
    title: p.string().length(191),
    rank: p.integer().default(0),
  },
})

export const ProductOptionValue = defineEntity({
  name: 'ProductOptionValue',
  tableName: 'product_option_value',
  properties: {
    id: p.string().length(40).primary(),
    option_id: p.string().length(40).index(),
    product_id: p.string().length(40).index(),
    value: p.string().length(191),
    rank: p.integer().default(0),
  },
})

export const ProductVariant = defineEntity({
  name: 'ProductVariant',
  tableName: 'product_variant',
  properties: {
    id: p.string().length(40).primary(),
    product_id: p.string().length(40).index(),
    title: p.string().length(255),
    sku: p.string().length(191).nullable().unique(),
    barcode: p.string().length(191).nullable(),
    ean: p.string().length(64).nullable(),
    upc: p.string().length(64).nullable(),
    allow_backorder: p.boolean().default(false),
    manage_inventory: p.boolean().default(true),
    weight: p.integer().nullable(),
    length: p.integer().nullable(),
    height: p.integer().nullable(),
    width: p.integer().nullable(),
    variant_rank: p.integer().default(0),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const VariantOptionValue = defineEntity({
  name: 'VariantOptionValue',
  tableName: 'product_variant_option',
  properties: {
    variant_id: p.string().length(40).primary(),
    option_value_id: p.string().length(40).primary(),
  },
})

export const ProductImage = defineEntity({
  name: 'ProductImage',
  tableName: 'product_image',
  properties: {
    id: p.string().length(40).primary(),
    product_id: p.string().length(40).index(),
    url: p.string().length(1024),
    rank: p.integer().default(0),
  },
})

export const ProductTag = defineEntity({
  name: 'ProductTag',
  tableName: 'product_tag',
  properties: {
    id: p.string().length(40).primary(),
    value: p.string().length(191).unique(),
    ...timestamps(),
  },
})

export const ProductTagLink = defineEntity({
  name: 'ProductTagLink',
  tableName: 'product_tag_link',
  properties: {
    product_id: p.string().length(40).primary(),
    tag_id: p.string().length(40).primary(),
  },
})

export const ProductType = defineEntity({
  name: 'ProductType',
  tableName: 'product_type',
  properties: {
    id: p.string().length(40).primary(),
    value: p.string().length(191).unique(),
    ...timestamps(),
  },
})

export const ProductCollection = defineEntity({
  name: 'ProductCollection',
  tableName: 'product_collection',
  properties: {
    id: p.string().length(40).primary(),
    title: p.string().length(255),
    handle: p.string().length(191).unique(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const ProductCategory = defineEntity({
  name: 'ProductCategory',
  tableName: 'product_category',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(255),
    handle: p.string().length(191).unique(),
    description: p.text().default(''),
    parent_category_id: p.string().length(40).nullable().index(),
    rank: p.integer().default(0),
    is_active: p.boolean().default(true),
    is_internal: p.boolean().default(false),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const ProductCategoryLink = defineEntity({
  name: 'ProductCategoryLink',
  tableName: 'product_category_link',
  properties: {
    product_id: p.string().length(40).primary(),
    category_id: p.string().length(40).primary(),
  },
  indexes: [{ properties: ['category_id'] }],
})

export const ProductSalesChannel = defineEntity({
  name: 'ProductSalesChannel',
  tableName: 'product_sales_channel',
  properties: {
    product_id: p.string().length(40).primary(),
    sales_channel_id: p.string().length(40).primary(),
  },
  indexes: [{ properties: ['sales_channel_id'] }],
})

export const productEntities = [
  Product,
  ProductOption,
  ProductOptionValue,
  ProductVariant,
  VariantOptionValue,
  ProductImage,
  ProductTag,
  ProductTagLink,
  ProductType,
  ProductCollection,
  ProductCategory,
  ProductCategoryLink,
  ProductSalesChannel,
]
