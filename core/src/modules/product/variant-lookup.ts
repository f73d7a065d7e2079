// Variants as a cart needs them: the product they belong to, whether they are on sale in a channel,
// their option values; and products' categories. The product module's read API for other modules.

import type { z } from 'zod'
import type { EntityManager } from '../../infra/database'
import { type Database, knexOf } from '../../infra/database'
import { parseJson } from '../../infra/json'
import type { variantSchema } from './schemas'

export interface CartVariant {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  manage_inventory: boolean
  allow_backorder: boolean
  product_id: string
  product_title: string
  product_subtitle: string | null
  product_description: string | null
  product_handle: string
  product_status: string
  product_collection: string | null
  product_type: string | null
  thumbnail: string | null
  discountable: boolean
  option_values: Record<string, string>
  sales_channel_ids: string[]
}

/** A variant as Medusa's Store API shows it inside a cart line (`item.variant`). */
export type LineVariant = Omit<z.output<typeof variantSchema>, 'options' | 'calculated_price'> & {
  options: null
}

const bool = (value: unknown) => value === true || value === 1 || value === '1'
const iso = (value: unknown) => new Date(value as string | number | Date).toISOString()

export class VariantLookup {
  constructor(private readonly db: Database) {}

  /** The variants with these ids (missing ones are absent from the map), in three queries at once. */
  async variants(ids: string[], em?: EntityManager): Promise<Map<string, CartVariant>> {
    const found = new Map<string, CartVariant>()
    if (!ids.length) return found
    const knex = knexOf(em ?? this.db.em())
    const firstImage = knex('product_image as i')
      .select('i.url')
      .whereRaw('?? = ??', ['i.product_id', 'p.id'])
      .orderBy([{ column: 'i.rank' }, { column: 'i.id' }])
      .limit(1)
    const [rows, options, channels] = await Promise.all([
      knex('product_variant as v')
        .join('product as p', 'p.id', 'v.product_id')
        .leftJoin('product_collection as c', 'c.id', 'p.collection_id')
        .leftJoin('product_type as t', 't.id', 'p.type_id')
        .whereIn('v.id', ids)
        .select(
          'v.id',
          'v.title',
          'v.sku',
          'v.barcode',
          'v.manage_inventory',
          'v.allow_backorder',
          'v.product_id',
          'p.title as product_title',
          'p.subtitle as product_subtitle',
          'p.description as product_description',
          'p.handle as product_handle',
          'p.status as product_status',
          'p.thumbnail',
          'p.discountable',
          'c.title as product_collection',
          't.value as product_type',
          firstImage.as('first_image'),
        ),
      knex('product_variant_option as vo')
        .join('product_option_value as ov', 'ov.id', 'vo.option_value_id')
        .join('product_option as o', 'o.id', 'ov.option_id')
        .whereIn('vo.variant_id', ids)
        .select('vo.variant_id', 'o.title', 'ov.value'),
      knex('product_sales_channel')
        .whereIn('product_id', knex('product_variant').whereIn('id', ids).select('product_id'))
        .select('product_id', 'sales_channel_id'),
    ])
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        title: row.title,
        sku: row.sku ?? null,
        barcode: row.barcode ?? null,
        manage_inventory: bool(row.manage_inventory),
        allow_backorder: bool(row.allow_backorder),
        product_id: row.product_id,
        product_title: row.product_title,
        product_subtitle: row.product_subtitle ?? null,
        product_description: row.product_description ?? null,
        product_handle: row.product_handle,
        product_status: row.product_status,
        product_collection: row.product_collection ?? null,
        product_type: row.product_type ?? null,
        thumbnail: row.thumbnail ?? row.first_image ?? null,
        discountable: bool(row.discountable),
        option_values: Object.fromEntries(
          options
            .filter((option) => option.variant_id === row.id)
            .map((option) => [option.title, option.value]),
        ),
        sales_channel_ids: channels
          .filter((link) => link.product_id === row.product_id)
          .map((link) => link.sales_channel_id as string),
      })
    }
    return found
  }

  /** The variants as a cart line shows them, in one query. */
  async lineVariants(ids: string[]): Promise<Map<string, LineVariant>> {
    if (!ids.length) return new Map()
    const rows = await knexOf(this.db.em())('product_variant').whereIn('id', ids)
    return new Map(
      rows.map((row) => [
        row.id as string,
        {
          id: row.id,
          title: row.title,
          sku: row.sku ?? null,
          barcode: row.barcode ?? null,
          ean: row.ean ?? null,
          upc: row.upc ?? null,
          thumbnail: null,
          allow_backorder: bool(row.allow_backorder),
          manage_inventory: bool(row.manage_inventory),
          hs_code: null,
          origin_country: null,
          mid_code: null,
          material: null,
          weight: row.weight ?? null,
          length: row.length ?? null,
          height: row.height ?? null,
          width: row.width ?? null,
          variant_rank: row.variant_rank ?? 0,
          options: null,
          product_id: row.product_id,
          created_at: iso(row.created_at),
          updated_at: iso(row.updated_at),
          deleted_at: null,
          metadata: (parseJson(row.metadata) as Record<string, unknown> | null) ?? null,
        },
      ]),
    )
  }

  /** Each product's categories, with every ancestor of them (a promotion on a parent covers its children). */
  async categoryLinks(productIds: string[], em?: EntityManager): Promise<Map<string, string[]>> {
    const byProduct = new Map<string, string[]>()
    if (!productIds.length) return byProduct
    const knex = knexOf(em ?? this.db.em())
    const [links, tree] = await Promise.all([
      knex('product_category_link').whereIn('product_id', productIds).select('product_id', 'category_id'),
      knex('product_category').select('id', 'parent_category_id'),
    ])
    const parentOf = new Map(tree.map((row) => [row.id as string, row.parent_category_id as string | null]))
    for (const link of links) {
      const list = byProduct.get(link.product_id) ?? []
      let category: string | null | undefined = link.category_id
      while (category && !list.includes(category)) {
        list.push(category)
        category = parentOf.get(category)
      }
      byProduct.set(link.product_id, list)
    }
    return byProduct
  }
}
