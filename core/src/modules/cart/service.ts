// Carts: the shopper's journey up to checkout. Every write is serialised per cart (lock `cart:<id>`),
// re-prices every line from the catalog (never from the client), and refuses a completed cart.
// Totals, taxes, promotions and shipping prices are computed whenever the cart is read.
//
// For completion (the order module), in one transaction per cart, under `withCartLock(cartId, …)`:
//   const cart = await cartService.retrieveCart(cartId, actorCustomerId) // the full computed cart: lines,
//     // unit prices, tax lines, adjustments, shipping methods, promotions and every total (CartView)
//   await db.transaction(async (em) => {
//     if (!(await cartService.markCompleted(em, cartId))) … // false: completed already, by someone else
//     await promotionService.registerUsage(em, cart)        // throws PromotionLimitError at a limit
//     … reserve stock, create the order from `cart` …
//   })
import type { InferEntity } from '@mikro-orm/core'
import type { EntityManager, Knex } from '@mikro-orm/knex'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import type { Locks } from '../../infra/locks'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { FulfillmentService, ShippingContext } from '../fulfillment/service'
import { InsufficientStockError, type InventoryService } from '../inventory/service'
import type { PricingService } from '../pricing/service'
import { type CartVariant, VariantLookup } from '../product/variant-lookup'
import { itemAdjustments, shippingAdjustments } from '../promotion/adjustments'
import type { PromotionService } from '../promotion/service'
import type { RegionService, RegionView } from '../region/service'
import type { TaxService } from '../tax/service'
import { Cart, CartAddress, CartLineItem, CartPromotion, CartShippingMethod } from './entities'
import { CartEvents } from './events'
import {
  type AddressInput,
  type CartCreateInput,
  type CartUpdateInput,
  type CartView,
  MAX_LINE_QUANTITY,
} from './schemas'
import { type AmountTotals, amountTotals, cartTotals, splitTax } from './totals'

type CartRow = InferEntity<typeof Cart>
type AddressRow = InferEntity<typeof CartAddress>

export interface CartServiceDeps {
  db: Database
  events: EventBus
  locks: Locks
  regionService: RegionService
  pricingService: PricingService
  inventoryService: InventoryService
  taxService: TaxService
  fulfillmentService: FulfillmentService
  promotionService: PromotionService
}

/** Who creates a cart: the publishable key's sales channels and the signed-in customer, if any. */
export interface CartCaller {
  sales_channel_ids: string[]
  customer_id: string | null
}

export class CartCompletedError extends ConflictError {
  constructor(id: string) {
    super(`Cart ${id} is already completed and cannot be changed`)
  }
}

/** A record without its null and undefined values: Medusa's types mark absent fields optional. */
function present<T extends Record<string, unknown>>(row: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value != null)) as never
}

const iso = (value: Date) => value.toISOString()

type PaymentCollectionLoader = (cart: { id: string; region_id: string }) => Promise<object | undefined>

export class CartService {
  private readonly variants: VariantLookup
  private paymentCollectionOf: PaymentCollectionLoader | undefined
  private customerEmailOf: ((customerId: string) => Promise<string | null>) | undefined

  constructor(private readonly deps: CartServiceDeps) {
    this.variants = new VariantLookup(deps.db)
  }

  /** Lets the customer module tell a customer's email, which a cart they take over adopts. */
  useCustomerEmails(lookup: (customerId: string) => Promise<string | null>): void {
    this.customerEmailOf = lookup
  }

  /** Lets the payment module show a cart's payment collection (with its region's providers) in the cart. */
  usePaymentCollections(loader: PaymentCollectionLoader): void {
    this.paymentCollectionOf = loader
  }

  /** Runs `work` while no other write to this cart runs (in any process, with Redis). */
  withCartLock<T>(cartId: string, work: () => Promise<T>): Promise<T> {
    return this.deps.locks.withLock(`cart:${cartId}`, work)
  }

  /**
   * Marks a cart completed inside the caller's transaction: one conditional UPDATE, so of any number
   * of concurrent completions exactly one gets true; false when the cart was completed already.
   */
  async markCompleted(em: EntityManager, cartId: string): Promise<boolean> {
    const now = new Date()
    return (
      (await em.nativeUpdate(
        Cart,
        { id: cartId, completed_at: null },
        { completed_at: now, updated_at: now },
      )) === 1
    )
  }

  // ---- reads ------------------------------------------------------------------------------------

  /** The cart with every total; 404 when it does not exist or belongs to another customer. */
  async retrieveCart(id: string, actorCustomerId: string | null): Promise<CartView> {
    const cart = await this.findCart(this.deps.db.em(), id, actorCustomerId)
    return this.computeCart(cart)
  }

  /** Where a computed cart ships and what its items come to: what shipping options are priced by. */
  shippingContext(cart: CartView): ShippingContext {
    const discounts = cart.items.reduce(
      (total, item) => total + item.adjustments.reduce((sum, adjustment) => sum + adjustment.amount, 0),
      0,
    )
    const gross = cart.items.reduce((total, item) => total + item.unit_price * item.quantity, 0)
    return {
      region_id: cart.region_id,
      currency_code: cart.currency_code,
      prices_include_tax: cart.region.prices_include_tax,
      country_code: cart.shipping_address?.country_code ?? null,
      item_amount: gross - discounts,
    }
  }

  // ---- writes -----------------------------------------------------------------------------------

  async createCart(input: CartCreateInput, caller: CartCaller): Promise<CartView> {
    const region = await this.regionFor(input.region_id)
    if (input.currency_code && input.currency_code.toLowerCase() !== region.currency_code) {
      throw new InvalidDataError(
        `The currency ${input.currency_code} is not the currency of the region ${region.name} (${region.currency_code})`,
      )
    }
    const salesChannelId = input.sales_channel_id ?? caller.sales_channel_ids[0]
    if (!salesChannelId || !caller.sales_channel_ids.includes(salesChannelId)) {
      throw new InvalidDataError(
        salesChannelId
          ? `Sales channel ${salesChannelId} is not among the publishable key's sales channels`
          : 'The publishable key has no sales channel to sell through',
      )
    }
    for (const address of [input.shipping_address, input.billing_address])
      this.assertInRegion(address, region)
    const lines = this.mergeLines(input.items ?? [])
    const variants = await this.purchasable(
      lines.map((line) => line.variant_id),
      salesChannelId,
    )
    await this.assertStock(
      variants,
      new Map(lines.map((line) => [line.variant_id, line.quantity])),
      salesChannelId,
    )
    const prices = await this.unitPrices(region, lines)
    const promotionIds = await this.deps.promotionService.promotionsForCodes(input.promo_codes ?? [], {
      currency_code: region.currency_code,
      customer_id: caller.customer_id,
      email: input.email ?? null,
      item_subtotal: lines.reduce(
        (total, line, i) => total + (prices[i]?.unit_price ?? 0) * line.quantity,
        0,
      ),
    })

    const email =
      input.email ?? (caller.customer_id ? await this.customerEmailOf?.(caller.customer_id) : null) ?? null
    const id = generateId('cart')
    await this.deps.db.transaction(async (em) => {
      em.create(Cart, {
        id,
        region_id: region.id,
        customer_id: caller.customer_id,
        sales_channel_id: salesChannelId,
        email,
        currency_code: region.currency_code,
        locale: input.locale ?? null,
        shipping_address_id: input.shipping_address
          ? this.insertAddress(em, input.shipping_address, caller.customer_id)
          : null,
        billing_address_id: input.billing_address
          ? this.insertAddress(em, input.billing_address, caller.customer_id)
          : null,
        metadata: input.metadata ?? null,
        completed_at: null,
      })
      lines.forEach((line, i) => {
        this.insertLine(em, id, variants.get(line.variant_id)!, line.quantity, line.metadata, prices[i])
      })
      for (const promotionId of promotionIds)
        em.create(CartPromotion, { cart_id: id, promotion_id: promotionId })
      this.deps.events.emit(em, CartEvents.created, { id })
    })
    return this.retrieveCart(id, caller.customer_id)
  }

  async updateCart(id: string, actor: string | null, input: CartUpdateInput): Promise<CartView> {
    return this.write(id, actor, async (cart) => {
      const regionChanged = input.region_id !== undefined && input.region_id !== cart.region_id
      const region = await this.regionFor(regionChanged ? input.region_id : cart.region_id)
      if (input.sales_channel_id && input.sales_channel_id !== cart.sales_channel_id) {
        throw new InvalidDataError('A cart cannot move to another sales channel')
      }
      for (const address of [input.shipping_address, input.billing_address])
        this.assertInRegion(address, region)
      const email = input.email !== undefined ? input.email : cart.email
      const promotionIds =
        input.promo_codes &&
        (await this.deps.promotionService.promotionsForCodes(input.promo_codes, {
          currency_code: region.currency_code,
          customer_id: cart.customer_id ?? null,
          email: email ?? null,
          item_subtotal: await this.itemSubtotal(id),
        }))
      const currentShipping = cart.shipping_address_id
        ? await this.deps.db.em().findOne(CartAddress, { id: cart.shipping_address_id })
        : null
      let shippingCountry =
        input.shipping_address !== undefined
          ? (input.shipping_address?.country_code?.toLowerCase() ?? null)
          : (currentShipping?.country_code ?? null)
      // An address outside the new region cannot stay.
      const dropAddress =
        regionChanged &&
        !!shippingCountry &&
        !region.countries.some((country) => country.iso_2 === shippingCountry)
      if (dropAddress) shippingCountry = null
      // A shipping method whose option no longer serves the cart's region or address goes.
      const usableOptions =
        regionChanged || input.shipping_address !== undefined
          ? (
              await this.deps.fulfillmentService.optionsFor({
                region_id: region.id,
                country_code: shippingCountry,
              })
            ).map(({ option }) => option.id)
          : undefined
      return async (em) => {
        const row = await em.findOneOrFail(Cart, { id })
        if (input.email !== undefined) row.email = input.email
        if (input.locale !== undefined) row.locale = input.locale
        if (input.metadata !== undefined) row.metadata = input.metadata
        if (input.shipping_address !== undefined) {
          row.shipping_address_id = input.shipping_address
            ? this.insertAddress(em, input.shipping_address, row.customer_id ?? null)
            : null
        }
        if (input.billing_address !== undefined) {
          row.billing_address_id = input.billing_address
            ? this.insertAddress(em, input.billing_address, row.customer_id ?? null)
            : null
        }
        if (regionChanged) {
          row.region_id = region.id
          row.currency_code = region.currency_code
          if (dropAddress) row.shipping_address_id = null
        }
        if (promotionIds) {
          await em.nativeDelete(CartPromotion, { cart_id: id })
          for (const promotionId of promotionIds)
            em.create(CartPromotion, { cart_id: id, promotion_id: promotionId })
        }
        await em.flush()
        if (usableOptions) {
          await em.nativeDelete(CartShippingMethod, {
            cart_id: id,
            shipping_option_id: { $nin: usableOptions },
          })
        }
        if (regionChanged) {
          await this.reprice(em, id, region)
          this.deps.events.emit(em, CartEvents.regionUpdated, { id, region_id: region.id })
        }
      }
    })
  }

  async addLineItem(
    id: string,
    actor: string | null,
    input: { variant_id: string; quantity: number; metadata?: Record<string, unknown> | null },
  ): Promise<CartView> {
    return this.write(id, actor, async (cart) => {
      const variants = await this.purchasable([input.variant_id], cart.sales_channel_id)
      const existing = await this.deps.db
        .em()
        .findOne(CartLineItem, { cart_id: id, variant_id: input.variant_id })
      const quantity = (existing?.quantity ?? 0) + input.quantity
      if (quantity > MAX_LINE_QUANTITY) {
        throw new InvalidDataError(`A line can hold at most ${MAX_LINE_QUANTITY} units of a variant`)
      }
      await this.assertStock(variants, new Map([[input.variant_id, quantity]]), cart.sales_channel_id)
      const region = await this.regionFor(cart.region_id)
      return async (em) => {
        if (existing) {
          await em.nativeUpdate(CartLineItem, { id: existing.id }, { quantity })
        } else {
          this.insertLine(em, id, variants.get(input.variant_id)!, input.quantity, input.metadata)
          await em.flush()
        }
        await this.reprice(em, id, region)
      }
    })
  }

  async updateLineItem(
    id: string,
    actor: string | null,
    lineId: string,
    input: { quantity: number; metadata?: Record<string, unknown> | null },
  ): Promise<CartView> {
    return this.write(id, actor, async (cart) => {
      const line = await this.deps.db.em().findOne(CartLineItem, { id: lineId, cart_id: id })
      if (!line) throw new NotFoundError(`Line item with id: ${lineId} was not found`)
      if (input.quantity > 0) {
        const variants = await this.purchasable([line.variant_id], cart.sales_channel_id)
        await this.assertStock(variants, new Map([[line.variant_id, input.quantity]]), cart.sales_channel_id)
      }
      const region = await this.regionFor(cart.region_id)
      return async (em) => {
        if (input.quantity === 0) {
          await em.nativeDelete(CartLineItem, { id: lineId })
        } else {
          await em.nativeUpdate(
            CartLineItem,
            { id: lineId },
            {
              quantity: input.quantity,
              ...(input.metadata !== undefined && { metadata: input.metadata }),
            },
          )
        }
        await this.reprice(em, id, region)
      }
    })
  }

  async deleteLineItem(id: string, actor: string | null, lineId: string): Promise<CartView> {
    return this.updateLineItem(id, actor, lineId, { quantity: 0 })
  }

  /** Gives a guest cart to the signed-in customer (a customer's own cart stays theirs). */
  async setCustomer(id: string, customerId: string): Promise<CartView> {
    return this.write(id, customerId, async (cart) => {
      // As in Medusa, the cart takes the customer's email.
      const email = (await this.customerEmailOf?.(customerId)) ?? cart.email ?? null
      return async (em) => {
        await em.nativeUpdate(Cart, { id }, { customer_id: customerId, email })
        this.deps.events.emit(em, CartEvents.customerTransferred, { id, customer_id: customerId })
      }
    })
  }

  /** Chooses a shipping option, replacing the one chosen before; it must serve the cart's region and address. */
  async addShippingMethod(
    id: string,
    actor: string | null,
    input: { option_id: string; data?: Record<string, unknown> },
  ): Promise<CartView> {
    return this.write(id, actor, async (cart) => {
      const address = cart.shipping_address_id
        ? await this.deps.db.em().findOne(CartAddress, { id: cart.shipping_address_id })
        : null
      const option = await this.deps.fulfillmentService.validOption(input.option_id, {
        region_id: cart.region_id,
        country_code: address?.country_code ?? null,
      })
      return async (em) => {
        await em.nativeDelete(CartShippingMethod, { cart_id: id })
        em.create(CartShippingMethod, {
          id: generateId('casm'),
          cart_id: id,
          shipping_option_id: option.id,
          name: option.name,
          description: option.type_description || null,
          data: input.data ?? null,
          metadata: null,
        })
      }
    })
  }

  async addPromotions(id: string, actor: string | null, codes: string[]): Promise<CartView> {
    return this.write(id, actor, async (cart) => {
      const promotionIds = await this.deps.promotionService.promotionsForCodes(codes, {
        currency_code: cart.currency_code,
        customer_id: cart.customer_id ?? null,
        email: cart.email ?? null,
        item_subtotal: await this.itemSubtotal(id),
      })
      const linked = await this.deps.db.em().find(CartPromotion, { cart_id: id })
      return async (em) => {
        for (const promotionId of promotionIds) {
          if (!linked.some((link) => link.promotion_id === promotionId)) {
            em.create(CartPromotion, { cart_id: id, promotion_id: promotionId })
          }
        }
      }
    })
  }

  async removePromotions(id: string, actor: string | null, codes: string[]): Promise<CartView> {
    return this.write(id, actor, async () => {
      const { promotions } = await this.deps.promotionService.listPromotions({
        limit: 100,
        offset: 0,
        code: codes,
      })
      return async (em) => {
        if (promotions.length) {
          await em.nativeDelete(CartPromotion, {
            cart_id: id,
            promotion_id: { $in: promotions.map((p) => p.id) },
          })
        }
      }
    })
  }

  // ---- internals --------------------------------------------------------------------------------

  /**
   * One write: under the cart's lock, `prepare` reads and validates outside any transaction (so a
   * refusal writes nothing), then its returned step runs in one transaction that also checks the
   * cart is still open and emits cart.updated.
   */
  private async write(
    id: string,
    actor: string | null,
    prepare: (cart: CartRow) => Promise<(em: EntityManager) => Promise<void>>,
  ): Promise<CartView> {
    await this.withCartLock(id, async () => {
      const cart = await this.findCart(this.deps.db.em(), id, actor)
      if (cart.completed_at) throw new CartCompletedError(id)
      const step = await prepare(cart)
      await this.deps.db.transaction(async (em) => {
        await step(em)
        await em.flush()
        const now = new Date()
        if ((await em.nativeUpdate(Cart, { id, completed_at: null }, { updated_at: now })) !== 1) {
          throw new CartCompletedError(id)
        }
        this.deps.events.emit(em, CartEvents.updated, { id })
      })
    })
    return this.retrieveCart(id, actor)
  }

  private async findCart(em: EntityManager, id: string, actor: string | null): Promise<CartRow> {
    const cart = await em.findOne(Cart, { id })
    // Another customer's cart is answered exactly like a missing one.
    if (!cart || (cart.customer_id && cart.customer_id !== actor)) {
      throw new NotFoundError(`Cart with id: ${id} was not found`)
    }
    return cart
  }

  private async regionFor(regionId: string | undefined | null): Promise<RegionView> {
    if (!regionId) {
      const { regions } = await this.deps.regionService.listRegions({ limit: 1, offset: 0 })
      if (!regions[0]) throw new InvalidDataError('No region exists yet: a cart needs a region')
      return regions[0]
    }
    try {
      return await this.deps.regionService.retrieveRegion(regionId)
    } catch (error) {
      if (error instanceof NotFoundError) throw new InvalidDataError(`Region ${regionId} was not found`)
      throw error
    }
  }

  private assertInRegion(address: AddressInput | null | undefined, region: RegionView): void {
    const code = address?.country_code?.toLowerCase()
    if (code && !region.countries.some((country) => country.iso_2 === code)) {
      throw new InvalidDataError(`Country with code ${code} is not within region ${region.name}`)
    }
  }

  /** Same variant twice in one request is one line. */
  private mergeLines(
    items: Array<{ variant_id: string; quantity: number; metadata?: Record<string, unknown> | null }>,
  ) {
    const merged = new Map<
      string,
      { variant_id: string; quantity: number; metadata?: Record<string, unknown> | null }
    >()
    for (const item of items) {
      const line = merged.get(item.variant_id)
      if (line) line.quantity += item.quantity
      else merged.set(item.variant_id, { ...item })
    }
    for (const line of merged.values()) {
      if (line.quantity > MAX_LINE_QUANTITY) {
        throw new InvalidDataError(`A line can hold at most ${MAX_LINE_QUANTITY} units of a variant`)
      }
    }
    return [...merged.values()]
  }

  /** The variants, each published and sold in the sales channel, or a 400 naming the first that is not. */
  private async purchasable(variantIds: string[], salesChannelId: string): Promise<Map<string, CartVariant>> {
    const variants = await this.variants.variants(variantIds)
    for (const variantId of variantIds) {
      const variant = variants.get(variantId)
      if (!variant) throw new InvalidDataError(`Variant ${variantId} was not found`)
      if (variant.product_status !== 'published' || !variant.sales_channel_ids.includes(salesChannelId)) {
        throw new InvalidDataError(`Variant ${variantId} is not for sale in this cart's sales channel`)
      }
    }
    return variants
  }

  /**
   * Enough stock for these quantities at the locations serving the cart's sales channel, unless the
   * variant is not stock-managed or may be backordered.
   */
  private async assertStock(
    variants: Map<string, CartVariant>,
    quantities: Map<string, number>,
    salesChannelId: string,
  ): Promise<void> {
    const managed = [...quantities.keys()].filter((variantId) => {
      const variant = variants.get(variantId)
      return variant?.manage_inventory && !variant.allow_backorder
    })
    if (!managed.length) return
    const available = await this.deps.inventoryService.availableQuantities(managed, [salesChannelId])
    for (const variantId of managed) {
      if ((available.get(variantId) ?? 0) < (quantities.get(variantId) ?? 0)) {
        throw new InsufficientStockError(variantId)
      }
    }
  }

  private async itemSubtotal(cartId: string): Promise<number> {
    const lines = await this.deps.db.em().find(CartLineItem, { cart_id: cartId })
    return lines.reduce((total, line) => total + line.unit_price * line.quantity, 0)
  }

  private insertAddress(em: EntityManager, input: AddressInput, customerId: string | null): string {
    const address = em.create(CartAddress, {
      id: generateId('caaddr'),
      customer_id: customerId,
      first_name: input.first_name ?? null,
      last_name: input.last_name ?? null,
      phone: input.phone ?? null,
      company: input.company ?? null,
      address_1: input.address_1 ?? null,
      address_2: input.address_2 ?? null,
      city: input.city ?? null,
      country_code: input.country_code?.toLowerCase() ?? null,
      province: input.province ?? null,
      postal_code: input.postal_code ?? null,
      metadata: input.metadata ?? null,
    })
    return address.id
  }

  private insertLine(
    em: EntityManager,
    cartId: string,
    variant: CartVariant,
    quantity: number,
    metadata?: Record<string, unknown> | null,
    price?: { unit_price: number; is_tax_inclusive: boolean },
  ): void {
    em.create(CartLineItem, {
      id: generateId('cali'),
      cart_id: cartId,
      variant_id: variant.id,
      product_id: variant.product_id,
      title: variant.product_title,
      subtitle: variant.title,
      thumbnail: variant.thumbnail,
      quantity,
      // From the catalog: given, or set by reprice() before the transaction commits.
      unit_price: price?.unit_price ?? 0,
      is_tax_inclusive: price?.is_tax_inclusive ?? false,
      requires_shipping: true,
      is_discountable: variant.discountable,
      product_title: variant.product_title,
      product_description: variant.product_description,
      product_subtitle: variant.product_subtitle,
      product_handle: variant.product_handle,
      product_collection: variant.product_collection,
      product_type: variant.product_type,
      variant_sku: variant.sku,
      variant_barcode: variant.barcode,
      variant_title: variant.title,
      variant_option_values: variant.option_values,
      metadata: metadata ?? null,
    })
  }

  /** Unit prices from the catalog for the region and each line's quantity, or a 400 for an unpriced variant. */
  private async unitPrices(
    region: RegionView,
    lines: Array<{ variant_id: string; quantity: number }>,
    knex?: Knex,
  ): Promise<Array<{ unit_price: number; is_tax_inclusive: boolean }>> {
    if (!lines.length) return []
    const prices = await this.deps.pricingService.listPrices(
      [...new Set(lines.map((line) => line.variant_id))],
      knex,
    )
    return lines.map((line) => {
      const price = this.deps.pricingService.calculate(
        prices.filter((candidate) => candidate.variant_id === line.variant_id),
        {
          currency_code: region.currency_code,
          region_id: region.id,
          prices_include_tax: region.prices_include_tax,
        },
        line.quantity,
      )
      if (!price) {
        throw new InvalidDataError(
          `Variant ${line.variant_id} has no price in ${region.currency_code.toUpperCase()} for the region ${region.name}`,
        )
      }
      return {
        unit_price: price.calculated_amount,
        is_tax_inclusive: price.is_calculated_price_tax_inclusive,
      }
    })
  }

  /** Prices every line of the cart from the catalog, in the transaction. */
  private async reprice(em: EntityManager, cartId: string, region: RegionView): Promise<void> {
    const lines = await em.find(CartLineItem, { cart_id: cartId })
    const prices = await this.unitPrices(region, lines, knexOf(em))
    for (const [i, line] of lines.entries()) em.assign(line, prices[i]!)
    await em.flush()
  }

  /** The cart as the Store API shows it, with taxes, promotions, shipping prices and totals. */
  private async computeCart(cart: CartRow): Promise<CartView> {
    const em = this.deps.db.em()
    const addressIds = [cart.shipping_address_id, cart.billing_address_id].filter((id): id is string => !!id)
    const [region, items, methods, links, addresses, paymentCollection] = await Promise.all([
      this.deps.regionService.retrieveRegion(cart.region_id),
      em.find(CartLineItem, { cart_id: cart.id }, { orderBy: { created_at: 'asc', id: 'asc' } }),
      em.find(CartShippingMethod, { cart_id: cart.id }),
      em.find(CartPromotion, { cart_id: cart.id }, { orderBy: { created_at: 'asc', promotion_id: 'asc' } }),
      addressIds.length
        ? em.find(CartAddress, { id: { $in: addressIds } })
        : Promise.resolve([] as AddressRow[]),
      this.paymentCollectionOf?.(cart),
    ])
    const variants = await this.variants.lineVariants([...new Set(items.map((item) => item.variant_id))])
    const shippingAddress = addresses.find((address) => address.id === cart.shipping_address_id)
    const billingAddress = addresses.find((address) => address.id === cart.billing_address_id)
    // Without an address, a region of one country is taxed as that country.
    const taxCountry =
      shippingAddress?.country_code ?? (region.countries.length === 1 ? region.countries[0]!.iso_2 : null)
    const rates = await this.deps.taxService.ratesFor(taxCountry, shippingAddress?.province)
    const ratePercents = rates.map((rate) => rate.rate)

    const gross = new Map(items.map((item) => [item.id, item.unit_price * item.quantity]))
    const promotions = await this.deps.promotionService.applicablePromotions({
      promotion_ids: links.map((link) => link.promotion_id),
      currency_code: cart.currency_code,
      customer_id: cart.customer_id ?? null,
      email: cart.email ?? null,
      item_subtotal: [...gross.values()].reduce((a, b) => a + b, 0),
    })
    const categories = promotions.some((promotion) => promotion.category_ids?.length)
      ? await this.variants.categoryLinks([...new Set(items.map((item) => item.product_id))])
      : new Map<string, string[]>()
    const itemDiscounts = itemAdjustments(
      promotions,
      items.map((item) => ({
        id: item.id,
        product_id: item.product_id,
        category_ids: categories.get(item.product_id) ?? [],
        quantity: item.quantity,
        amount: gross.get(item.id) ?? 0,
        is_discountable: item.is_discountable,
      })),
    )
    const discountOf = (adjustments: Array<{ amount: number }> | undefined) =>
      (adjustments ?? []).reduce((total, adjustment) => total + adjustment.amount, 0)
    const itemTotals = new Map(
      items.map((item) => [
        item.id,
        amountTotals(
          gross.get(item.id) ?? 0,
          item.is_tax_inclusive,
          ratePercents,
          discountOf(itemDiscounts.get(item.id)),
        ),
      ]),
    )
    const itemAmount = items.reduce(
      (total, item) => total + (gross.get(item.id) ?? 0) - discountOf(itemDiscounts.get(item.id)),
      0,
    )

    const options = await this.deps.fulfillmentService.optionsByIds(
      methods.map((method) => method.shipping_option_id),
    )
    const priced = methods.flatMap((method) => {
      const option = options.find((candidate) => candidate.id === method.shipping_option_id)
      return option ? [{ method, amount: this.deps.fulfillmentService.priceFor(option, itemAmount) }] : []
    })
    const shippingDiscounts = shippingAdjustments(
      promotions,
      priced.map(({ method, amount }) => ({ id: method.id, amount })),
    )
    const shippingTotals = new Map(
      priced.map(({ method, amount }) => [
        method.id,
        amountTotals(
          amount,
          region.prices_include_tax,
          ratePercents,
          discountOf(shippingDiscounts.get(method.id)),
        ),
      ]),
    )

    const applied = new Set(
      [...itemDiscounts.values(), ...shippingDiscounts.values()].flat().map((a) => a.promotion_id),
    )
    const shown = promotions.filter((promotion) => applied.has(promotion.id) || !promotion.is_automatic)
    const taxLines = (
      owner: string,
      totals: AmountTotals,
      stamps: { created_at: Date; updated_at: Date },
    ) => {
      const after = splitTax(totals.tax_total, ratePercents)
      const before = splitTax(totals.original_tax_total, ratePercents)
      return rates.map((rate, i) => ({
        id: `${owner}_${rate.id}`,
        code: rate.code,
        rate: rate.rate,
        description: rate.name,
        tax_rate_id: rate.id,
        provider_id: 'system',
        total: after[i] ?? 0,
        subtotal: before[i] ?? 0,
        created_at: iso(stamps.created_at),
        updated_at: iso(stamps.updated_at),
      }))
    }
    const adjustmentLines = (
      owner: string,
      list: Array<{ promotion_id: string; code: string; amount: number }> | undefined,
      inclusive: boolean,
      stamps: { created_at: Date; updated_at: Date },
    ) =>
      (list ?? []).map((adjustment) => ({
        id: `${owner}_${adjustment.promotion_id}`,
        code: adjustment.code,
        amount: adjustment.amount,
        cart_id: cart.id,
        description: adjustment.code,
        promotion_id: adjustment.promotion_id,
        provider_id: 'system',
        is_tax_inclusive: inclusive,
        created_at: iso(stamps.created_at),
        updated_at: iso(stamps.updated_at),
      }))

    const itemViews = items.map((item) => {
      const totals = itemTotals.get(item.id)!
      return {
        ...present({
          id: item.id,
          cart_id: cart.id,
          title: item.title,
          subtitle: item.subtitle,
          thumbnail: item.thumbnail,
          quantity: item.quantity,
          product_id: item.product_id,
          product_title: item.product_title,
          product_description: item.product_description,
          product_subtitle: item.product_subtitle,
          product_type: item.product_type,
          product_collection: item.product_collection,
          product_handle: item.product_handle,
          variant_id: item.variant_id,
          variant_sku: item.variant_sku,
          variant_barcode: item.variant_barcode,
          variant_title: item.variant_title,
          variant_option_values: item.variant_option_values,
          variant: variants.get(item.variant_id),
          requires_shipping: item.requires_shipping,
          is_discountable: item.is_discountable,
          is_tax_inclusive: item.is_tax_inclusive,
          unit_price: item.unit_price,
        }),
        tax_lines: taxLines(item.id, totals, item).map((line) => ({ ...line, item_id: item.id })),
        adjustments: adjustmentLines(item.id, itemDiscounts.get(item.id), item.is_tax_inclusive, item).map(
          (line) => ({ ...line, item_id: item.id }),
        ),
        metadata: item.metadata ?? null,
        created_at: iso(item.created_at),
        updated_at: iso(item.updated_at),
        ...totals,
        item_total: totals.total,
        item_subtotal: totals.subtotal,
        item_tax_total: totals.tax_total,
      }
    })
    const methodViews = priced.map(({ method, amount }) => {
      const totals = shippingTotals.get(method.id)!
      return {
        ...present({
          id: method.id,
          cart_id: cart.id,
          name: method.name,
          description: method.description,
          amount,
          is_tax_inclusive: region.prices_include_tax,
          shipping_option_id: method.shipping_option_id,
          data: method.data,
        }),
        metadata: method.metadata ?? null,
        tax_lines: taxLines(method.id, totals, method).map((line) => ({
          ...line,
          shipping_method_id: method.id,
        })),
        adjustments: adjustmentLines(
          method.id,
          shippingDiscounts.get(method.id),
          region.prices_include_tax,
          method,
        ).map((line) => ({ ...line, shipping_method_id: method.id })),
        created_at: iso(method.created_at),
        updated_at: iso(method.updated_at),
        ...totals,
      }
    })
    const addressView = (address: AddressRow | undefined) =>
      address && {
        ...present({
          id: address.id,
          customer_id: address.customer_id,
          first_name: address.first_name,
          last_name: address.last_name,
          phone: address.phone,
          company: address.company,
          address_1: address.address_1,
          address_2: address.address_2,
          city: address.city,
          country_code: address.country_code,
          province: address.province,
          postal_code: address.postal_code,
        }),
        metadata: address.metadata ?? null,
        created_at: iso(address.created_at),
        updated_at: iso(address.updated_at),
      }

    return {
      ...present({
        id: cart.id,
        region_id: cart.region_id,
        customer_id: cart.customer_id,
        sales_channel_id: cart.sales_channel_id,
        email: cart.email,
        currency_code: cart.currency_code,
        locale: cart.locale,
        shipping_address: addressView(shippingAddress),
        billing_address: addressView(billingAddress),
        payment_collection: paymentCollection as Record<string, unknown> | undefined,
        completed_at: cart.completed_at ? iso(cart.completed_at) : null,
      }),
      region,
      items: itemViews,
      shipping_methods: methodViews,
      promotions: shown.map((promotion) => ({
        id: promotion.id,
        code: promotion.code,
        is_automatic: promotion.is_automatic,
        application_method: {
          value: String(promotion.value),
          type: promotion.method_type,
          currency_code: promotion.currency_code ?? cart.currency_code,
          target_type: promotion.target_type,
        },
      })),
      metadata: cart.metadata ?? null,
      created_at: iso(cart.created_at),
      updated_at: iso(cart.updated_at),
      ...cartTotals([...itemTotals.values()], [...shippingTotals.values()]),
    }
  }
}
