// The product catalog: writes through the ORM in one transaction each; store reads from a read model
// of serialized product documents (per pricing context), cached and rebuilt with a fixed number of
// queries however many products a page holds.
import { createHash } from 'node:crypto'
import type { EntityManager, Knex } from '@mikro-orm/knex'
import { LRUCache } from 'lru-cache'
import type { Cache } from '../../infra/cache'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { parseJson } from '../../infra/json'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { PriceInput, PricingContext, PricingService } from '../pricing/service'
import type { CatalogVersion } from './catalog-version'
import {
  Product,
  ProductCategory,
  ProductCategoryLink,
  ProductCollection,
  ProductImage,
  ProductOption,
  ProductOptionValue,
  ProductSalesChannel,
  ProductTag,
  ProductTagLink,
  ProductVariant,
  VariantOptionValue,
} from './entities'
import { ProductEvents } from './events'

export type ProductStatus = 'draft' | 'proposed' | 'published' | 'rejected'

export interface VariantInput {
  title: string
  sku?: string | null
  barcode?: string | null
  allow_backorder?: boolean
  manage_inventory?: boolean
  weight?: number | null
  /** Option title → value, e.g. { Size: 'M', Color: 'Blue' }. */
  options?: Record<string, string>
  prices?: PriceInput[]
}

export interface ProductInput {
  title: string
  handle?: string
  subtitle?: string | null
  description?: string | null
  status?: ProductStatus
  thumbnail?: string | null
  images?: Array<{ url: string }>
  collection_id?: string | null
  type_id?: string | null
  category_ids?: string[]
  tags?: string[]
  sales_channel_ids?: string[]
  weight?: number | null
  metadata?: Record<string, unknown> | null
  options?: Array<{ title: string; values: string[] }>
  variants?: VariantInput[]
}

export interface StoreProductQuery {
  sales_channel_ids?: string[]
  /** Only published products (the Store API); the Admin API sees every status. */
  published_only: boolean
  id?: string[]
  handle?: string[]
  q?: string
  category_id?: string[]
  collection_id?: string[]
  tag_id?: string[]
  type_id?: string[]
  order?: string
  limit: number
  offset: number
}

const ORDERABLE = new Set(['created_at', 'updated_at', 'title', 'handle'])
const DOCUMENT_TTL_MS = 60 * 60 * 1000

export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

const iso = (value: unknown) =>
  value == null ? null : new Date(value as string | number | Date).toISOString()
const bool = (value: unknown) => value === true || value === 1 || value === '1'

export class ProductService {
  private readonly localPages = new LRUCache<string, string>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (page) => page.length,
    ttl: DOCUMENT_TTL_MS,
  })

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly pricing: PricingService,
    private readonly cache: Cache,
    private readonly catalog: CatalogVersion,
  ) {}

  // ---- writes ----------------------------------------------------------------------------------

  async createProducts(inputs: ProductInput[]): Promise<string[]> {
    const ids = await this.db.transaction(async (em) => {
      const created: string[] = []
      for (const input of inputs) created.push(await this.insertProduct(em, input))
      return created
    })
    await this.catalogChanged()
    return ids
  }

  /** Adds one product in the caller's transaction (imports); createProducts wraps it in its own. */
  async insertProduct(em: EntityManager, input: ProductInput): Promise<string> {
    const handle = input.handle ?? slugify(input.title)
    if (!handle) throw new InvalidDataError('A product needs a handle, or a title to make one from')
    if (await em.count(Product, { handle })) {
      throw new InvalidDataError(`Product with handle: ${handle}, already exists.`)
    }
    await this.assertExists(
      em,
      ProductCollection,
      input.collection_id ? [input.collection_id] : [],
      'Collection',
    )
    await this.assertExists(em, ProductCategory, input.category_ids ?? [], 'Product category')
    const product = em.create(Product, {
      id: generateId('prod'),
      title: input.title,
      handle,
      subtitle: input.subtitle ?? null,
      description: input.description ?? null,
      status: input.status ?? 'draft',
      thumbnail: input.thumbnail ?? input.images?.[0]?.url ?? null,
      collection_id: input.collection_id ?? null,
      type_id: input.type_id ?? null,
      weight: input.weight ?? null,
      metadata: input.metadata ?? null,
    })
    this.addImages(em, product.id, input.images ?? [])
    for (const category_id of input.category_ids ?? []) {
      em.create(ProductCategoryLink, { product_id: product.id, category_id })
    }
    for (const sales_channel_id of input.sales_channel_ids ?? []) {
      em.create(ProductSalesChannel, { product_id: product.id, sales_channel_id })
    }
    await this.addTags(em, product.id, input.tags ?? [])

    const valueIds = new Map<string, string>()
    ;(input.options ?? []).forEach((option, rank) => {
      const created = em.create(ProductOption, {
        id: generateId('opt'),
        product_id: product.id,
        title: option.title,
        rank,
      })
      option.values.forEach((value, valueRank) => {
        const optionValue = em.create(ProductOptionValue, {
          id: generateId('optval'),
          option_id: created.id,
          product_id: product.id,
          value,
          rank: valueRank,
        })
        valueIds.set(`${option.title}\u0000${value}`, optionValue.id)
      })
    })
    for (const [rank, variant] of (input.variants ?? []).entries()) {
      const created = em.create(ProductVariant, {
        id: generateId('variant'),
        product_id: product.id,
        title: variant.title,
        sku: variant.sku ?? null,
        barcode: variant.barcode ?? null,
        allow_backorder: variant.allow_backorder ?? false,
        manage_inventory: variant.manage_inventory ?? true,
        weight: variant.weight ?? null,
        variant_rank: rank,
      })
      for (const [title, value] of Object.entries(variant.options ?? {})) {
        const option_value_id = valueIds.get(`${title}\u0000${value}`)
        if (!option_value_id) {
          throw new InvalidDataError(
            `Variant "${variant.title}" uses ${title}: ${value}, which the product does not offer`,
          )
        }
        em.create(VariantOptionValue, { variant_id: created.id, option_value_id })
      }
      await this.pricing.setVariantPrices(em, created.id, variant.prices ?? [])
    }
    this.events.emit(em, ProductEvents.created, { id: product.id })
    return product.id
  }

  async updateProduct(id: string, input: Partial<Omit<ProductInput, 'options' | 'variants'>>): Promise<void> {
    await this.db.transaction(async (em) => {
      const product = await em.findOne(Product, { id })
      if (!product) throw new NotFoundError(`Product with id: ${id} was not found`)
      if (
        input.handle &&
        input.handle !== product.handle &&
        (await em.count(Product, { handle: input.handle }))
      ) {
        throw new InvalidDataError(`Product with handle: ${input.handle}, already exists.`)
      }
      const { images, category_ids, tags, sales_channel_ids, ...fields } = input
      em.assign(
        product,
        Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      )
      if (category_ids) {
        await this.assertExists(em, ProductCategory, category_ids, 'Product category')
        await em.nativeDelete(ProductCategoryLink, { product_id: id })
        for (const category_id of category_ids)
          em.create(ProductCategoryLink, { product_id: id, category_id })
      }
      if (sales_channel_ids) {
        await em.nativeDelete(ProductSalesChannel, { product_id: id })
        for (const sales_channel_id of sales_channel_ids)
          em.create(ProductSalesChannel, { product_id: id, sales_channel_id })
      }
      if (images) {
        await em.nativeDelete(ProductImage, { product_id: id })
        this.addImages(em, id, images)
      }
      if (tags) {
        await em.nativeDelete(ProductTagLink, { product_id: id })
        await this.addTags(em, id, tags)
      }
      this.events.emit(em, ProductEvents.updated, { id })
    })
    await this.catalogChanged()
  }

  async deleteProduct(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const product = await em.findOne(Product, { id })
      if (!product) throw new NotFoundError(`Product with id: ${id} was not found`)
      const variants = await em.find(ProductVariant, { product_id: id })
      const variantIds = variants.map((variant) => variant.id)
      await this.pricing.deleteVariantPrices(em, variantIds)
      if (variantIds.length) await em.nativeDelete(VariantOptionValue, { variant_id: { $in: variantIds } })
      for (const entity of [
        ProductVariant,
        ProductOptionValue,
        ProductOption,
        ProductImage,
        ProductTagLink,
        ProductCategoryLink,
        ProductSalesChannel,
      ]) {
        await em.nativeDelete(entity as typeof ProductImage, { product_id: id })
      }
      em.remove(product)
      this.events.emit(em, ProductEvents.deleted, { id })
    })
    await this.catalogChanged()
  }

  async createCollection(input: {
    title: string
    handle?: string
    metadata?: Record<string, unknown> | null
  }) {
    const collection = await this.db.transaction(async (em) => {
      const handle = input.handle ?? slugify(input.title)
      if (await em.count(ProductCollection, { handle }))
        throw new InvalidDataError(`Collection with handle: ${handle}, already exists.`)
      const created = em.create(ProductCollection, {
        id: generateId('pcol'),
        title: input.title,
        handle,
        metadata: input.metadata ?? null,
      })
      this.events.emit(em, ProductEvents.collectionCreated, { id: created.id })
      return created
    })
    await this.catalogChanged()
    return this.collectionView(collection)
  }

  async createCategory(input: {
    name: string
    handle?: string
    description?: string
    parent_category_id?: string | null
    is_active?: boolean
    is_internal?: boolean
    rank?: number
  }) {
    const category = await this.db.transaction(async (em) => {
      const handle = input.handle ?? slugify(input.name)
      if (await em.count(ProductCategory, { handle }))
        throw new InvalidDataError(`Category with handle: ${handle}, already exists.`)
      if (input.parent_category_id)
        await this.assertExists(em, ProductCategory, [input.parent_category_id], 'Parent category')
      const created = em.create(ProductCategory, {
        id: generateId('pcat'),
        name: input.name,
        handle,
        description: input.description ?? '',
        parent_category_id: input.parent_category_id ?? null,
        is_active: input.is_active ?? true,
        is_internal: input.is_internal ?? false,
        rank: input.rank ?? 0,
      })
      this.events.emit(em, ProductEvents.categoryCreated, { id: created.id })
      return created
    })
    await this.catalogChanged()
    return category.id
  }

  private addImages(em: EntityManager, productId: string, images: Array<{ url: string }>): void {
    for (const [rank, image] of images.entries()) {
      em.create(ProductImage, { id: generateId('img'), product_id: productId, url: image.url, rank })
    }
  }

  private async addTags(em: EntityManager, productId: string, values: string[]): Promise<void> {
    for (const value of new Set(values)) {
      const tag =
        (await em.findOne(ProductTag, { value })) ?? em.create(ProductTag, { id: generateId('ptag'), value })
      em.create(ProductTagLink, { product_id: productId, tag_id: tag.id })
    }
  }

  private async assertExists(
    em: EntityManager,
    entity: typeof ProductCategory | typeof ProductCollection,
    ids: string[],
    label: string,
  ) {
    if (!ids.length) return
    const found = await em.find(entity as typeof ProductCategory, { id: { $in: ids } }, { fields: ['id'] })
    const missing = ids.filter((id) => !found.some((row) => row.id === id))
    if (missing.length) throw new InvalidDataError(`${label} not found: ${missing.join(', ')}`)
  }

  /** The variants' own prices, without their price lists' (for exports). */
  async variantPrices(variantIds: string[]) {
    return (await this.pricing.listPrices(variantIds)).filter((price) => price.price_list_id === null)
  }

  /** Which of these variant ids exist. */
  async existingVariantIds(ids: string[]): Promise<string[]> {
    if (!ids.length) return []
    const rows = await this.db.em().find(ProductVariant, { id: { $in: ids } }, { fields: ['id'] })
    return rows.map((row) => row.id)
  }

  /** Every cached document is stale after a catalog write: the version in their keys moves on. */
  catalogChanged(): Promise<void> {
    return this.catalog.bump()
  }

  // ---- reads -----------------------------------------------------------------------------------

  /**
   * Product ids for a page and the total count. The answer is cached under the catalog's version, so
   * a repeated page costs no query and any catalog write makes every cached page stale at once.
   */
  async findProductIds(query: StoreProductQuery): Promise<{ ids: string[]; count: number }> {
    const version = await this.catalogVersion()
    const key = `catalog:${version}:ids:${createHash('sha1').update(JSON.stringify(query)).digest('base64url')}`
    return JSON.parse(
      await this.cache.wrap(key, DOCUMENT_TTL_MS, async () =>
        JSON.stringify(await this.queryProductIds(query)),
      ),
    ) as { ids: string[]; count: number }
  }

  /**
   * A whole Store API product page, serialized: cached under the catalog's version with its query and
   * pricing, so a hot page is one cache read and the bytes go out as they are.
   */
  async productPage(query: StoreProductQuery, pricing?: PricingContext): Promise<string> {
    const version = await this.catalogVersion()
    const key = `catalog:${version}:page:${createHash('sha1')
      .update(JSON.stringify([query, pricing ?? null]))
      .digest('base64url')}`
    // A versioned page never changes, so this process may keep its own copy in front of the shared cache.
    const local = this.localPages.get(key)
    if (local) return local
    const page = await this.cache.wrap(key, DOCUMENT_TTL_MS, async () => {
      const { ids, count } = await this.findProductIds(query)
      const documents = await this.productDocuments(ids, pricing)
      return `{"products":[${documents.join(',')}],"count":${count},"offset":${query.offset},"limit":${query.limit}}`
    })
    this.localPages.set(key, page)
    return page
  }

  private catalogVersion(): Promise<string> {
    return this.catalog.current()
  }

  /** Two queries, whatever the page size. */
  private async queryProductIds(query: StoreProductQuery): Promise<{ ids: string[]; count: number }> {
    const knex = knexOf(this.db.em())
    const base = knex('product as p')
    if (query.published_only) base.where('p.status', 'published')
    if (query.sales_channel_ids) {
      const channels = query.sales_channel_ids
      base.whereExists((sub) =>
        sub
          .select(knex.raw('1'))
          .from('product_sales_channel as psc')
          .whereRaw('psc.product_id = p.id')
          .whereIn('psc.sales_channel_id', channels),
      )
    }
    if (query.id) base.whereIn('p.id', query.id)
    if (query.handle) base.whereIn('p.handle', query.handle)
    if (query.collection_id) base.whereIn('p.collection_id', query.collection_id)
    if (query.type_id) base.whereIn('p.type_id', query.type_id)
    if (query.q) {
      // '!' escapes LIKE's wildcards: a backslash means different things to SQLite and MySQL.
      const like = `%${query.q.replace(/[!%_]/g, (char) => `!${char}`)}%`
      base.where((text) =>
        text
          .whereRaw("p.title LIKE ? ESCAPE '!'", [like])
          .orWhereRaw("p.description LIKE ? ESCAPE '!'", [like]),
      )
    }
    const linked = (table: string, column: string, values: string[] | undefined) => {
      if (!values) return
      base.whereExists((sub) =>
        sub
          .select(knex.raw('1'))
          .from(`${table} as l`)
          .whereRaw('l.product_id = p.id')
          .whereIn(`l.${column}`, values),
      )
    }
    linked('product_category_link', 'category_id', query.category_id)
    linked('product_tag_link', 'tag_id', query.tag_id)

    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }]
    const { column, direction } = this.order(query.order)
    const rows = (await base
      .select('p.id')
      .orderBy([
        { column: `p.${column}`, order: direction },
        { column: 'p.id', order: direction },
      ])
      .limit(query.limit)
      .offset(query.offset)) as Array<{ id: string }>
    return { ids: rows.map((row) => row.id), count: Number(count) }
  }

  private order(order: string | undefined): { column: string; direction: 'asc' | 'desc' } {
    if (!order) return { column: 'created_at', direction: 'asc' }
    const descending = order.startsWith('-')
    const column = descending ? order.slice(1) : order
    if (!ORDERABLE.has(column)) {
      throw new InvalidDataError(`Cannot order by ${column}; order by one of ${[...ORDERABLE].join(', ')}`)
    }
    return { column, direction: descending ? 'desc' : 'asc' }
  }

  /**
   * Serialized documents for these products, in the order asked: from the cache, the rest built in
   * one batch. `pricing` decides each variant's calculated_price.
   */
  async productDocuments(ids: string[], pricing?: PricingContext): Promise<string[]> {
    if (!ids.length) return []
    const version = await this.catalogVersion()
    const priceKey = pricing ? `${pricing.currency_code}:${pricing.region_id ?? ''}` : '-'
    const keys = ids.map((id) => `catalog:${version}:product:${id}:${priceKey}`)
    const cached = await this.cache.getMany(keys)
    const missing = ids.filter((_, i) => cached[i] === undefined)
    const built = missing.length ? await this.buildDocuments(missing, pricing) : new Map<string, string>()
    await Promise.all(
      [...built].map(([id, json]) => this.cache.set(keys[ids.indexOf(id)]!, json, DOCUMENT_TTL_MS)),
    )
    return ids.flatMap((id, i) => cached[i] ?? built.get(id) ?? [])
  }

  /** Builds the documents of many products with eleven queries. */
  private async buildDocuments(ids: string[], pricing?: PricingContext): Promise<Map<string, string>> {
    const knex: Knex = knexOf(this.db.em())
    const [products, options, values, variants, variantValues, images, tags, categories] = await Promise.all([
      knex('product').whereIn('id', ids),
      knex('product_option').whereIn('product_id', ids).orderBy(['rank', 'id']),
      knex('product_option_value').whereIn('product_id', ids).orderBy(['rank', 'id']),
      knex('product_variant').whereIn('product_id', ids).orderBy(['variant_rank', 'id']),
      knex('product_variant_option as vo')
        .join('product_variant as v', 'v.id', 'vo.variant_id')
        .whereIn('v.product_id', ids)
        .select('vo.variant_id', 'vo.option_value_id'),
      knex('product_image').whereIn('product_id', ids).orderBy(['rank', 'id']),
      knex('product_tag_link as l')
        .join('product_tag as t', 't.id', 'l.tag_id')
        .whereIn('l.product_id', ids)
        .select('l.product_id', 't.*'),
      knex('product_category_link as l')
        .join('product_category as c', 'c.id', 'l.category_id')
        .whereIn('l.product_id', ids)
        .select('l.product_id', 'c.*'),
    ])
    const collectionIds = [...new Set(products.map((product) => product.collection_id).filter(Boolean))]
    const [collections, prices] = await Promise.all([
      collectionIds.length ? knex('product_collection').whereIn('id', collectionIds) : [],
      pricing
        ? this.pricing.listPrices(
            variants.map((variant) => variant.id),
            knex,
          )
        : [],
    ])
    const valueById = new Map(values.map((value) => [value.id, value]))
    const documents = new Map<string, string>()
    for (const product of products) {
      const productValues = values.filter((value) => value.product_id === product.id)
      const collection = collections.find((row) => row.id === product.collection_id)
      const document = {
        id: product.id,
        title: product.title,
        handle: product.handle,
        subtitle: product.subtitle,
        description: product.description,
        is_giftcard: bool(product.is_giftcard),
        status: product.status,
        thumbnail: product.thumbnail,
        width: product.width,
        weight: product.weight,
        length: product.length,
        height: product.height,
        origin_country: product.origin_country,
        hs_code: product.hs_code,
        mid_code: product.mid_code,
        material: product.material,
        collection_id: product.collection_id,
        collection: collection ? this.collectionView(collection) : null,
        type_id: product.type_id,
        type: null,
        discountable: bool(product.discountable),
        external_id: product.external_id,
        created_at: iso(product.created_at),
        updated_at: iso(product.updated_at),
        deleted_at: null,
        metadata: parseJson(product.metadata) ?? null,
        options: options
          .filter((option) => option.product_id === product.id)
          .map((option) => ({
            id: option.id,
            title: option.title,
            is_exclusive: false,
            product_id: product.id,
            values: productValues
              .filter((value) => value.option_id === option.id)
              .map((value) => ({ id: value.id, value: value.value, option_id: option.id })),
          })),
        variants: variants
          .filter((variant) => variant.product_id === product.id)
          .map((variant) => {
            const calculated = pricing
              ? this.pricing.calculate(
                  prices.filter((price) => price.variant_id === variant.id),
                  pricing,
                )
              : undefined
            return {
              id: variant.id,
              title: variant.title,
              sku: variant.sku,
              barcode: variant.barcode,
              ean: variant.ean,
              upc: variant.upc,
              thumbnail: null,
              allow_backorder: bool(variant.allow_backorder),
              manage_inventory: bool(variant.manage_inventory),
              hs_code: null,
              origin_country: null,
              mid_code: null,
              material: null,
              weight: variant.weight,
              length: variant.length,
              height: variant.height,
              width: variant.width,
              variant_rank: variant.variant_rank,
              product_id: product.id,
              options: variantValues
                .filter((link) => link.variant_id === variant.id)
                .map((link) => valueById.get(link.option_value_id))
                .filter(Boolean)
                .map((value) => ({ id: value.id, value: value.value, option_id: value.option_id })),
              ...(calculated && { calculated_price: calculated }),
              created_at: iso(variant.created_at),
              updated_at: iso(variant.updated_at),
              deleted_at: null,
              metadata: parseJson(variant.metadata) ?? null,
            }
          }),
        images: images
          .filter((image) => image.product_id === product.id)
          .map((image) => ({ id: image.id, url: image.url, rank: image.rank })),
        tags: tags
          .filter((tag) => tag.product_id === product.id)
          .map((tag) => ({
            id: tag.id,
            value: tag.value,
            created_at: iso(tag.created_at),
            updated_at: iso(tag.updated_at),
          })),
        categories: categories
          .filter((category) => category.product_id === product.id)
          // Shallow, as Medusa answers product.categories: the tree comes from /store/product-categories.
          .map((category) => ({
            ...this.categoryView(category),
            parent_category: null,
            category_children: [],
          })),
      }
      documents.set(product.id, JSON.stringify(document))
    }
    return documents
  }

  collectionView(row: Record<string, any>) {
    return {
      id: row.id,
      title: row.title,
      handle: row.handle,
      created_at: iso(row.created_at)!,
      updated_at: iso(row.updated_at)!,
      deleted_at: null,
      metadata: (parseJson(row.metadata) as Record<string, unknown> | null) ?? null,
    }
  }

  categoryView(row: Record<string, any>) {
    return {
      id: row.id,
      name: row.name,
      handle: row.handle,
      description: row.description ?? '',
      is_active: bool(row.is_active),
      is_internal: bool(row.is_internal),
      rank: row.rank ?? null,
      external_id: null,
      parent_category_id: row.parent_category_id ?? null,
      created_at: iso(row.created_at)!,
      updated_at: iso(row.updated_at)!,
      deleted_at: null,
      metadata: (parseJson(row.metadata) as Record<string, unknown> | null) ?? null,
    }
  }

  async listCollections(query: { limit: number; offset: number; id?: string[]; handle?: string[] }) {
    const knex = knexOf(this.db.em())
    const base = knex('product_collection')
    if (query.id) base.whereIn('id', query.id)
    if (query.handle) base.whereIn('handle', query.handle)
    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = await base.select('*').orderBy(['created_at', 'id']).limit(query.limit).offset(query.offset)
    return {
      collections: rows.map((row) => this.collectionView(row)),
      count: Number(count),
      offset: query.offset,
      limit: query.limit,
    }
  }

  async listCategories(query: {
    limit: number
    offset: number
    id?: string[]
    handle?: string[]
    parent_category_id?: string | null
    include_internal: boolean
  }) {
    const knex = knexOf(this.db.em())
    const base = knex('product_category')
    if (!query.include_internal) base.where({ is_active: true, is_internal: false })
    if (query.id) base.whereIn('id', query.id)
    if (query.handle) base.whereIn('handle', query.handle)
    if (query.parent_category_id === null) base.whereNull('parent_category_id')
    else if (query.parent_category_id) base.where('parent_category_id', query.parent_category_id)
    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = await base.select('*').orderBy(['rank', 'id']).limit(query.limit).offset(query.offset)
    const ids = rows.map((row) => row.id)
    const parentIds = rows.map((row) => row.parent_category_id).filter(Boolean)
    const [children, parents] = await Promise.all([
      ids.length ? knex('product_category').whereIn('parent_category_id', ids).orderBy(['rank', 'id']) : [],
      parentIds.length ? knex('product_category').whereIn('id', parentIds) : [],
    ])
    return {
      product_categories: rows.map((row) => {
        const parent = parents.find((candidate) => candidate.id === row.parent_category_id)
        return {
          ...this.categoryView(row),
          parent_category: parent
            ? { ...this.categoryView(parent), parent_category: null, category_children: [] }
            : null,
          category_children: children
            .filter((child) => child.parent_category_id === row.id)
            .map((child) => ({ ...this.categoryView(child), parent_category: null, category_children: [] })),
        }
      }),
      count: Number(count),
      offset: query.offset,
      limit: query.limit,
    }
  }
}
