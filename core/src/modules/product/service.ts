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
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { InventoryService } from '../inventory/service'
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
  ProductType,
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
  length?: number | null
  height?: number | null
  width?: number | null
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
  length?: number | null
  height?: number | null
  width?: number | null
  metadata?: Record<string, unknown> | null
  options?: Array<{ title: string; values: string[] }>
  variants?: VariantInput[]
}

export type ProductUpdate = Partial<Omit<ProductInput, 'options' | 'variants'>>

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

export type LabelKind = 'tag' | 'type'

const LABELS = {
  tag: { entity: ProductTag, prefix: 'ptag', event: ProductEvents.tagChanged },
  type: { entity: ProductType, prefix: 'ptyp', event: ProductEvents.typeChanged },
} as const

function labelView(row: {
  id: string
  value: string
  created_at: Date | string | number
  updated_at: Date | string | number
}) {
  return { id: row.id, value: row.value, created_at: iso(row.created_at)!, updated_at: iso(row.updated_at)! }
}

/**
 * A stock-managed variant in a serialized document (its id, then `manage_inventory`, as documents are
 * built). Quotes inside JSON strings are escaped, so no title or description can look like it.
 */
const MANAGED_VARIANT = /\{"id":"([^"\\]+)","manage_inventory":true/g
/** Moves on when documents change shape, so pages cached by an older release are not served. */
const DOCUMENT_FORMAT = 2

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
    private readonly inventory: InventoryService,
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
    await this.assertExists(em, ProductType, input.type_id ? [input.type_id] : [], 'Product type')
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
      length: input.length ?? null,
      height: input.height ?? null,
      width: input.width ?? null,
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
      await this.insertVariant(em, product.id, variant, rank, valueIds)
    }
    this.events.emit(em, ProductEvents.created, { id: product.id })
    return product.id
  }

  async updateProduct(id: string, input: ProductUpdate): Promise<void> {
    await this.db.transaction((em) => this.applyProductUpdate(em, id, input))
    await this.catalogChanged()
  }

  private async applyProductUpdate(em: EntityManager, id: string, input: ProductUpdate): Promise<void> {
    const product = await em.findOne(Product, { id })
    if (!product) throw new NotFoundError(`Product with id: ${id} was not found`)
    if (
      input.handle &&
      input.handle !== product.handle &&
      (await em.count(Product, { handle: input.handle }))
    ) {
      throw new InvalidDataError(`Product with handle: ${input.handle}, already exists.`)
    }
    await this.assertExists(
      em,
      ProductCollection,
      input.collection_id ? [input.collection_id] : [],
      'Collection',
    )
    await this.assertExists(em, ProductType, input.type_id ? [input.type_id] : [], 'Product type')
    const { images, category_ids, tags, sales_channel_ids, ...fields } = input
    em.assign(product, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)))
    if (category_ids) {
      await this.assertExists(em, ProductCategory, category_ids, 'Product category')
      await em.nativeDelete(ProductCategoryLink, { product_id: id })
      for (const category_id of category_ids) em.create(ProductCategoryLink, { product_id: id, category_id })
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
  }

  async deleteProduct(id: string): Promise<void> {
    await this.db.transaction((em) => this.removeProduct(em, id))
    await this.catalogChanged()
  }

  /** Creates, updates and deletes products in one transaction: all or none. */
  async batchProducts(batch: {
    create?: ProductInput[]
    update?: Array<ProductUpdate & { id: string }>
    delete?: string[]
  }): Promise<{ created: string[]; updated: string[]; deleted: string[] }> {
    const created = await this.db.transaction(async (em) => {
      const ids: string[] = []
      for (const input of batch.create ?? []) ids.push(await this.insertProduct(em, input))
      for (const { id, ...input } of batch.update ?? []) await this.applyProductUpdate(em, id, input)
      for (const id of batch.delete ?? []) await this.removeProduct(em, id)
      return ids
    })
    await this.catalogChanged()
    return {
      created,
      updated: (batch.update ?? []).map((update) => update.id),
      deleted: batch.delete ?? [],
    }
  }

  private async removeProduct(em: EntityManager, id: string): Promise<void> {
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

  private async insertVariant(
    em: EntityManager,
    productId: string,
    variant: VariantInput,
    rank: number,
    valueIds: Map<string, string>,
  ): Promise<string> {
    const created = em.create(ProductVariant, {
      id: generateId('variant'),
      product_id: productId,
      title: variant.title,
      sku: variant.sku ?? null,
      barcode: variant.barcode ?? null,
      allow_backorder: variant.allow_backorder ?? false,
      manage_inventory: variant.manage_inventory ?? true,
      weight: variant.weight ?? null,
      length: variant.length ?? null,
      height: variant.height ?? null,
      width: variant.width ?? null,
      variant_rank: rank,
    })
    this.linkVariantOptions(em, created.id, variant, valueIds)
    this.pricing.addVariantPrices(em, created.id, variant.prices ?? [])
    return created.id
  }

  private linkVariantOptions(
    em: EntityManager,
    variantId: string,
    variant: Pick<VariantInput, 'title' | 'options'>,
    valueIds: Map<string, string>,
  ) {
    for (const [title, value] of Object.entries(variant.options ?? {})) {
      const option_value_id = valueIds.get(`${title}\u0000${value}`)
      if (!option_value_id) {
        throw new InvalidDataError(
          `Variant "${variant.title}" uses ${title}: ${value}, which the product does not offer`,
        )
      }
      em.create(VariantOptionValue, { variant_id: variantId, option_value_id })
    }
  }

  private async assertExists(
    em: EntityManager,
    entity: typeof ProductCategory | typeof ProductCollection | typeof ProductType,
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

  // ---- variants and options of a product --------------------------------------------------------

  async createVariant(productId: string, input: VariantInput): Promise<string> {
    const id = await this.db.transaction(async (em) => {
      await this.findProduct(em, productId)
      const rank = await em.count(ProductVariant, { product_id: productId })
      const variantId = await this.insertVariant(
        em,
        productId,
        input,
        rank,
        await this.optionValueIds(em, productId),
      )
      this.events.emit(em, ProductEvents.updated, { id: productId })
      return variantId
    })
    await this.catalogChanged()
    return id
  }

  async updateVariant(productId: string, variantId: string, input: Partial<VariantInput>): Promise<void> {
    await this.db.transaction(async (em) => {
      const variant = await em.findOne(ProductVariant, { id: variantId, product_id: productId })
      if (!variant)
        throw new NotFoundError(`Variant with id: ${variantId} was not found in product ${productId}`)
      const { options, prices, ...fields } = input
      em.assign(
        variant,
        Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      )
      if (options) {
        await em.nativeDelete(VariantOptionValue, { variant_id: variantId })
        this.linkVariantOptions(
          em,
          variantId,
          { title: variant.title, options },
          await this.optionValueIds(em, productId),
        )
      }
      if (prices) await this.pricing.setVariantPrices(em, variantId, prices)
      this.events.emit(em, ProductEvents.updated, { id: productId })
    })
    await this.catalogChanged()
  }

  async deleteVariant(productId: string, variantId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const variant = await em.findOne(ProductVariant, { id: variantId, product_id: productId })
      if (!variant)
        throw new NotFoundError(`Variant with id: ${variantId} was not found in product ${productId}`)
      await this.pricing.deleteVariantPrices(em, [variantId])
      await em.nativeDelete(VariantOptionValue, { variant_id: variantId })
      em.remove(variant)
      this.events.emit(em, ProductEvents.updated, { id: productId })
    })
    await this.catalogChanged()
  }

  async createOption(productId: string, input: { title: string; values: string[] }): Promise<string> {
    const id = await this.db.transaction(async (em) => {
      await this.findProduct(em, productId)
      if (await em.count(ProductOption, { product_id: productId, title: input.title }))
        throw new InvalidDataError(`Product ${productId} already has an option titled ${input.title}`)
      const option = em.create(ProductOption, {
        id: generateId('opt'),
        product_id: productId,
        title: input.title,
        rank: await em.count(ProductOption, { product_id: productId }),
      })
      this.addOptionValues(em, productId, option.id, input.values, 0)
      this.events.emit(em, ProductEvents.updated, { id: productId })
      return option.id
    })
    await this.catalogChanged()
    return id
  }

  /** Renames an option and sets its values: new values are added, a value a variant uses cannot go. */
  async updateOption(
    productId: string,
    optionId: string,
    input: { title?: string; values?: string[] },
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      const option = await em.findOne(ProductOption, { id: optionId, product_id: productId })
      if (!option)
        throw new NotFoundError(`Option with id: ${optionId} was not found in product ${productId}`)
      if (input.title && input.title !== option.title) {
        if (await em.count(ProductOption, { product_id: productId, title: input.title }))
          throw new InvalidDataError(`Product ${productId} already has an option titled ${input.title}`)
        option.title = input.title
      }
      if (input.values) {
        const existing = await em.find(ProductOptionValue, { option_id: optionId })
        const gone = existing.filter((value) => !input.values!.includes(value.value))
        await this.assertUnused(
          em,
          gone.map((value) => value.id),
          `Values ${gone.map((value) => value.value).join(', ')}`,
        )
        if (gone.length)
          await em.nativeDelete(ProductOptionValue, { id: { $in: gone.map((value) => value.id) } })
        const known = new Set(existing.map((value) => value.value))
        this.addOptionValues(
          em,
          productId,
          optionId,
          input.values.filter((value) => !known.has(value)),
          existing.length,
        )
      }
      this.events.emit(em, ProductEvents.updated, { id: productId })
    })
    await this.catalogChanged()
  }

  async deleteOption(productId: string, optionId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const option = await em.findOne(ProductOption, { id: optionId, product_id: productId })
      if (!option)
        throw new NotFoundError(`Option with id: ${optionId} was not found in product ${productId}`)
      const values = await em.find(ProductOptionValue, { option_id: optionId })
      await this.assertUnused(
        em,
        values.map((value) => value.id),
        `Option ${option.title}`,
      )
      await em.nativeDelete(ProductOptionValue, { option_id: optionId })
      em.remove(option)
      this.events.emit(em, ProductEvents.updated, { id: productId })
    })
    await this.catalogChanged()
  }

  private addOptionValues(
    em: EntityManager,
    productId: string,
    optionId: string,
    values: string[],
    firstRank: number,
  ) {
    for (const [i, value] of values.entries()) {
      em.create(ProductOptionValue, {
        id: generateId('optval'),
        option_id: optionId,
        product_id: productId,
        value,
        rank: firstRank + i,
      })
    }
  }

  private async assertUnused(em: EntityManager, valueIds: string[], what: string) {
    if (valueIds.length && (await em.count(VariantOptionValue, { option_value_id: { $in: valueIds } }))) {
      throw new ConflictError(`${what} still used by variants: change or delete those variants first`)
    }
  }

  private async optionValueIds(em: EntityManager, productId: string): Promise<Map<string, string>> {
    const [options, values] = await Promise.all([
      em.find(ProductOption, { product_id: productId }),
      em.find(ProductOptionValue, { product_id: productId }),
    ])
    const titles = new Map(options.map((option) => [option.id, option.title]))
    return new Map(values.map((value) => [`${titles.get(value.option_id)}\u0000${value.value}`, value.id]))
  }

  private async findProduct(em: EntityManager, id: string) {
    const product = await em.findOne(Product, { id })
    if (!product) throw new NotFoundError(`Product with id: ${id} was not found`)
    return product
  }

  // ---- categories and collections ---------------------------------------------------------------

  /** Edits a category; a new parent moves it (never under itself or its own descendants). */
  async updateCategory(
    id: string,
    input: {
      name?: string
      handle?: string
      description?: string
      parent_category_id?: string | null
      is_active?: boolean
      is_internal?: boolean
      rank?: number
      metadata?: Record<string, unknown> | null
    },
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      const category = await em.findOne(ProductCategory, { id })
      if (!category) throw new NotFoundError(`Category with id: ${id} was not found`)
      if (
        input.handle &&
        input.handle !== category.handle &&
        (await em.count(ProductCategory, { handle: input.handle }))
      )
        throw new InvalidDataError(`Category with handle: ${input.handle}, already exists.`)
      for (let parent = input.parent_category_id; parent; ) {
        if (parent === id)
          throw new InvalidDataError('A category cannot move under itself or its own descendants')
        const above = await em.findOne(ProductCategory, { id: parent }, { fields: ['parent_category_id'] })
        if (!above) throw new InvalidDataError(`Parent category not found: ${parent}`)
        parent = above.parent_category_id
      }
      em.assign(
        category,
        Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      )
      this.events.emit(em, ProductEvents.categoryUpdated, { id })
    })
    await this.catalogChanged()
  }

  /** Deletes a category without children; its products simply leave it. */
  async deleteCategory(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const category = await em.findOne(ProductCategory, { id })
      if (!category) throw new NotFoundError(`Category with id: ${id} was not found`)
      if (await em.count(ProductCategory, { parent_category_id: id }))
        throw new ConflictError(`Category ${id} has child categories: move or delete them first`)
      // Its products' search documents name it: the event says which they were.
      const links = await em.find(ProductCategoryLink, { category_id: id }, { fields: ['product_id'] })
      await em.nativeDelete(ProductCategoryLink, { category_id: id })
      em.remove(category)
      this.events.emit(em, ProductEvents.categoryDeleted, {
        id,
        product_ids: links.map((link) => link.product_id),
      })
    })
    await this.catalogChanged()
  }

  async updateCollection(
    id: string,
    input: { title?: string; handle?: string; metadata?: Record<string, unknown> | null },
  ) {
    const collection = await this.db.transaction(async (em) => {
      const found = await em.findOne(ProductCollection, { id })
      if (!found) throw new NotFoundError(`Collection with id: ${id} was not found`)
      if (
        input.handle &&
        input.handle !== found.handle &&
        (await em.count(ProductCollection, { handle: input.handle }))
      )
        throw new InvalidDataError(`Collection with handle: ${input.handle}, already exists.`)
      em.assign(found, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)))
      this.events.emit(em, ProductEvents.collectionUpdated, { id })
      return found
    })
    await this.catalogChanged()
    return this.collectionView(collection)
  }

  /** Deletes a collection; its products stay, in no collection. */
  async deleteCollection(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const collection = await em.findOne(ProductCollection, { id })
      if (!collection) throw new NotFoundError(`Collection with id: ${id} was not found`)
      await em.nativeUpdate(Product, { collection_id: id }, { collection_id: null })
      em.remove(collection)
      this.events.emit(em, ProductEvents.collectionDeleted, { id })
    })
    await this.catalogChanged()
  }

  // ---- tags and types: a value each --------------------------------------------------------------

  async createLabel(kind: LabelKind, value: string) {
    const label = await this.db.transaction(async (em) => {
      const entity = LABELS[kind].entity as typeof ProductTag
      if (await em.count(entity, { value }))
        throw new InvalidDataError(`A product ${kind} "${value}" already exists`)
      const created = em.create(entity, { id: generateId(LABELS[kind].prefix), value })
      this.events.emit(em, LABELS[kind].event, { id: created.id })
      return created
    })
    await this.catalogChanged()
    return labelView(label)
  }

  async updateLabel(kind: LabelKind, id: string, value: string) {
    const label = await this.db.transaction(async (em) => {
      const entity = LABELS[kind].entity as typeof ProductTag
      const found = await em.findOne(entity, { id })
      if (!found) throw new NotFoundError(`Product ${kind} with id: ${id} was not found`)
      if (value !== found.value && (await em.count(entity, { value })))
        throw new InvalidDataError(`A product ${kind} "${value}" already exists`)
      found.value = value
      this.events.emit(em, LABELS[kind].event, { id })
      return found
    })
    await this.catalogChanged()
    return labelView(label)
  }

  /** Deletes a tag (its products lose it) or a type (its products are left without one). */
  async deleteLabel(kind: LabelKind, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const entity = LABELS[kind].entity as typeof ProductTag
      const found = await em.findOne(entity, { id })
      if (!found) throw new NotFoundError(`Product ${kind} with id: ${id} was not found`)
      // A tag's products' search documents name it: the event says which they were.
      const links =
        kind === 'tag' ? await em.find(ProductTagLink, { tag_id: id }, { fields: ['product_id'] }) : []
      if (kind === 'tag') await em.nativeDelete(ProductTagLink, { tag_id: id })
      else await em.nativeUpdate(Product, { type_id: id }, { type_id: null })
      em.remove(found)
      this.events.emit(em, LABELS[kind].event, { id, product_ids: links.map((link) => link.product_id) })
    })
    await this.catalogChanged()
  }

  async listLabels(
    kind: LabelKind,
    query: { limit: number; offset: number; id?: string[]; value?: string[] },
  ) {
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.value) where.value = { $in: query.value }
    const [rows, count] = await this.db.em().findAndCount(LABELS[kind].entity as typeof ProductTag, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { value: 'asc', id: 'asc' },
    })
    return { items: rows.map(labelView), count, offset: query.offset, limit: query.limit }
  }

  // ---- sales channels' products -----------------------------------------------------------------

  /** Puts products into a sales channel and takes others out, all or nothing. */
  async changeSalesChannelProducts(channelId: string, change: { add?: string[]; remove?: string[] }) {
    await this.db.transaction(async (em) => {
      const add = [...new Set(change.add ?? [])]
      const remove = [...new Set(change.remove ?? [])]
      const found = add.length ? await em.find(Product, { id: { $in: add } }, { fields: ['id'] }) : []
      const missing = add.filter((id) => !found.some((product) => product.id === id))
      if (missing.length) throw new InvalidDataError(`Products not found: ${missing.join(', ')}`)
      const linked = add.length
        ? await em.find(ProductSalesChannel, { sales_channel_id: channelId, product_id: { $in: add } })
        : []
      for (const product_id of add) {
        if (!linked.some((link) => link.product_id === product_id))
          em.create(ProductSalesChannel, { product_id, sales_channel_id: channelId })
      }
      if (remove.length)
        await em.nativeDelete(ProductSalesChannel, {
          sales_channel_id: channelId,
          product_id: { $in: remove },
        })
      for (const id of new Set([...add, ...remove])) this.events.emit(em, ProductEvents.updated, { id })
    })
    await this.catalogChanged()
  }

  /** Takes every product out of a sales channel that is going away. */
  async removeSalesChannel(channelId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const links = await em.find(ProductSalesChannel, { sales_channel_id: channelId })
      await em.nativeDelete(ProductSalesChannel, { sales_channel_id: channelId })
      for (const link of links) this.events.emit(em, ProductEvents.updated, { id: link.product_id })
    })
    await this.catalogChanged()
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
   * pricing, so a hot page is one cache read and the bytes go out as they are. A page with
   * `inventory_quantity` is put together from the cached documents and fresh stock instead.
   */
  async productPage(
    query: StoreProductQuery,
    pricing?: PricingContext,
    include: { inventory_quantity?: boolean } = {},
  ): Promise<string> {
    if (include.inventory_quantity) {
      return this.withInventoryQuantities(
        await this.productPage(query, pricing),
        query.sales_channel_ids ?? [],
      )
    }
    const version = await this.catalogVersion()
    const key = `catalog:${version}:page${DOCUMENT_FORMAT}:${createHash('sha1')
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

  /**
   * Adds Medusa's `variants.inventory_quantity` to serialized products (a page or one document): what
   * the locations serving these sales channels can sell of each stock-managed variant. Stock moves
   * with every order, so it is read fresh, in one grouped query for the whole page, and spliced into
   * the cached bytes rather than cached with them.
   */
  async withInventoryQuantities(json: string, salesChannelIds: string[]): Promise<string> {
    const variantIds = [...json.matchAll(MANAGED_VARIANT)].map((match) => match[1]!)
    if (!variantIds.length) return json
    const available = await this.inventory.availableQuantities(variantIds, salesChannelIds)
    return json.replace(
      MANAGED_VARIANT,
      (marker, id: string) => `${marker},"inventory_quantity":${available.get(id) ?? 0}`,
    )
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
    const keys = ids.map((id) => `catalog:${version}:product${DOCUMENT_FORMAT}:${id}:${priceKey}`)
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
    const typeIds = [...new Set(products.map((product) => product.type_id).filter(Boolean))]
    const [collections, types, prices] = await Promise.all([
      collectionIds.length ? knex('product_collection').whereIn('id', collectionIds) : [],
      typeIds.length ? knex('product_type').whereIn('id', typeIds) : [],
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
        type: (() => {
          const type = types.find((row) => row.id === product.type_id)
          return type ? { ...labelView(type), metadata: null, deleted_at: null } : null
        })(),
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
              // Right after the id, so a page's stock-managed variants are found without parsing it
              // (MANAGED_VARIANT, withInventoryQuantities).
              manage_inventory: bool(variant.manage_inventory),
              title: variant.title,
              sku: variant.sku,
              barcode: variant.barcode,
              ean: variant.ean,
              upc: variant.upc,
              thumbnail: null,
              allow_backorder: bool(variant.allow_backorder),
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
