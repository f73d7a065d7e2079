// Shipping options: admin CRUD, which options a cart may use (its region, and the service zone of its
// shipping address), and their price for a cart (flat, or free once the item total reaches a sum).
import type { InferEntity } from '@mikro-orm/core'
import type { Database, EntityManager } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import type { KeyValueStore } from '../../infra/kv'
import { SharedVersion, VersionedCache } from '../../infra/shared-version'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { RegionService } from '../region/service'
import { ServiceZone, ShippingOption } from './entities'
import { FulfillmentEvents } from './events'

/** The built-in fulfillment provider: the merchant ships by hand. */
export const MANUAL_PROVIDER_ID = 'manual_manual'

export interface ServiceZoneInput {
  name: string
  countries: string[]
}

export interface ShippingOptionInput {
  name: string
  region_id: string
  service_zone_id?: string | null
  shipping_profile_id?: string | null
  provider_id?: string
  amount: number
  free_above?: number | null
  type?: { label?: string; code?: string; description?: string }
  data?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
}

export type ShippingOptionRow = InferEntity<typeof ShippingOption>
type ZoneRow = InferEntity<typeof ServiceZone>

/** Where a cart ships: what decides which options it may use and what they cost. */
export interface ShippingContext {
  region_id: string
  currency_code: string
  prices_include_tax: boolean
  country_code: string | null
  /** The items' amount after discounts, in the cart's price terms: free_above compares with it. */
  item_amount: number
}

function zoneView(zone: ZoneRow) {
  return {
    id: zone.id,
    name: zone.name,
    countries: zone.countries,
    created_at: zone.created_at.toISOString(),
    updated_at: zone.updated_at.toISOString(),
  }
}

function optionView(option: ShippingOptionRow) {
  return {
    id: option.id,
    name: option.name,
    region_id: option.region_id,
    service_zone_id: option.service_zone_id ?? null,
    shipping_profile_id: option.shipping_profile_id ?? null,
    provider_id: option.provider_id,
    price_type: option.price_type as 'flat',
    amount: option.amount,
    free_above: option.free_above ?? null,
    type: { label: option.type_label, code: option.type_code, description: option.type_description },
    data: option.data ?? null,
    metadata: option.metadata ?? null,
    created_at: option.created_at.toISOString(),
    updated_at: option.updated_at.toISOString(),
  }
}

export type ShippingOptionView = ReturnType<typeof optionView>

export class FulfillmentService {
  /** Moves on with every shipping write: the options and zones carts read are kept until it does. */
  private readonly version: SharedVersion
  private readonly kept: VersionedCache<{ options: ShippingOptionRow[]; zones: ZoneRow[] }>

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly regions: RegionService,
    kv: KeyValueStore,
  ) {
    this.version = new SharedVersion(kv, 'shipping:version')
    this.kept = new VersionedCache(() => this.version.current(), 1)
  }

  /** A shipping write: one transaction, then the kept options are stale in every process. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work)
    await this.version.bump()
    return result
  }

  /** Every shipping option and service zone: a shop has a handful, and every cart reads them. */
  private shipping() {
    return this.kept.get('all', async () => {
      const em = this.db.em()
      const [options, zones] = await Promise.all([
        em.find(ShippingOption, {}, { orderBy: { amount: 'asc', id: 'asc' } }),
        em.find(ServiceZone, {}),
      ])
      return { options, zones }
    })
  }

  // ---- admin ------------------------------------------------------------------------------------

  async createServiceZone(input: ServiceZoneInput) {
    return this.write(async (em) => {
      const zone = em.create(ServiceZone, {
        id: generateId('serzo'),
        name: input.name,
        countries: [...new Set(input.countries.map((code) => code.toLowerCase()))],
      })
      this.events.emit(em, FulfillmentEvents.serviceZoneCreated, { id: zone.id })
      await em.flush()
      return zoneView(zone)
    })
  }

  async listServiceZones(query: { limit: number; offset: number }) {
    const [zones, count] = await this.db
      .em()
      .findAndCount(
        ServiceZone,
        {},
        { limit: query.limit, offset: query.offset, orderBy: { created_at: 'asc' } },
      )
    return { service_zones: zones.map(zoneView), count, offset: query.offset, limit: query.limit }
  }

  async deleteServiceZone(id: string): Promise<void> {
    await this.write(async (em) => {
      if (await em.count(ShippingOption, { service_zone_id: id })) {
        throw new InvalidDataError(`Service zone ${id} still has shipping options; delete them first`)
      }
      if (!(await em.nativeDelete(ServiceZone, { id }))) {
        throw new NotFoundError(`Service zone with id: ${id} was not found`)
      }
      this.events.emit(em, FulfillmentEvents.serviceZoneDeleted, { id })
    })
  }

  async createShippingOption(input: ShippingOptionInput): Promise<ShippingOptionView> {
    await this.regions.retrieveRegion(input.region_id).catch((error: unknown) => {
      throw error instanceof NotFoundError
        ? new InvalidDataError(`Region ${input.region_id} was not found`)
        : error
    })
    return this.write(async (em) => {
      if (input.service_zone_id && !(await em.count(ServiceZone, { id: input.service_zone_id }))) {
        throw new InvalidDataError(`Service zone ${input.service_zone_id} was not found`)
      }
      const option = em.create(ShippingOption, {
        id: generateId('so'),
        name: input.name,
        region_id: input.region_id,
        service_zone_id: input.service_zone_id ?? null,
        shipping_profile_id: input.shipping_profile_id ?? null,
        provider_id: input.provider_id ?? MANUAL_PROVIDER_ID,
        price_type: 'flat',
        amount: input.amount,
        free_above: input.free_above ?? null,
        type_label: input.type?.label ?? 'Standard',
        type_code: input.type?.code ?? 'standard',
        type_description: input.type?.description ?? '',
        is_return: false,
        data: input.data ?? null,
        metadata: input.metadata ?? null,
      })
      this.events.emit(em, FulfillmentEvents.shippingOptionCreated, { id: option.id })
      await em.flush()
      return optionView(option)
    })
  }

  async updateShippingOption(id: string, input: Partial<Omit<ShippingOptionInput, 'region_id'>>) {
    return this.write(async (em) => {
      const option = await em.findOne(ShippingOption, { id })
      if (!option) throw new NotFoundError(`Shipping option with id: ${id} was not found`)
      if (input.service_zone_id && !(await em.count(ServiceZone, { id: input.service_zone_id }))) {
        throw new InvalidDataError(`Service zone ${input.service_zone_id} was not found`)
      }
      const { type, ...rest } = input
      em.assign(option, {
        ...rest,
        ...(type?.label !== undefined && { type_label: type.label }),
        ...(type?.code !== undefined && { type_code: type.code }),
        ...(type?.description !== undefined && { type_description: type.description }),
      })
      this.events.emit(em, FulfillmentEvents.shippingOptionUpdated, { id })
      await em.flush()
      return optionView(option)
    })
  }

  async deleteShippingOption(id: string): Promise<void> {
    await this.write(async (em) => {
      if (!(await em.nativeDelete(ShippingOption, { id }))) {
        throw new NotFoundError(`Shipping option with id: ${id} was not found`)
      }
      this.events.emit(em, FulfillmentEvents.shippingOptionDeleted, { id })
    })
  }

  async listShippingOptions(query: { limit: number; offset: number; region_id?: string[]; id?: string[] }) {
    const where: Record<string, unknown> = {}
    if (query.region_id) where.region_id = { $in: query.region_id }
    if (query.id) where.id = { $in: query.id }
    const [options, count] = await this.db.em().findAndCount(ShippingOption, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return { shipping_options: options.map(optionView), count, offset: query.offset, limit: query.limit }
  }

  async retrieveShippingOption(id: string): Promise<ShippingOptionView> {
    const option = await this.db.em().findOne(ShippingOption, { id })
    if (!option) throw new NotFoundError(`Shipping option with id: ${id} was not found`)
    return optionView(option)
  }

  // ---- carts ------------------------------------------------------------------------------------

  /** These options (the ones that still exist). */
  async optionsByIds(ids: string[]): Promise<ShippingOptionRow[]> {
    if (!ids.length) return []
    const { options } = await this.shipping()
    return options.filter((option) => ids.includes(option.id))
  }

  /** The options a cart may choose: its region's, unzoned or zoned to its shipping country, cheapest first. */
  async optionsFor(context: Pick<ShippingContext, 'region_id' | 'country_code'>) {
    const { options, zones } = await this.shipping()
    const country = context.country_code?.toLowerCase()
    return options
      .filter((option) => option.region_id === context.region_id && !option.is_return)
      .map((option) => ({ option, zone: zones.find((zone) => zone.id === option.service_zone_id) ?? null }))
      .filter(
        ({ option, zone }) =>
          !option.service_zone_id || (zone && country && zone.countries.includes(country)),
      )
  }

  /** An option the cart may use, or a 400 saying why not. */
  async validOption(optionId: string, context: Pick<ShippingContext, 'region_id' | 'country_code'>) {
    const [option] = await this.optionsByIds([optionId])
    if (!option) throw new InvalidDataError(`Shipping option ${optionId} was not found`)
    const usable = await this.optionsFor(context)
    if (!usable.some((candidate) => candidate.option.id === optionId)) {
      throw new InvalidDataError(
        option.region_id !== context.region_id
          ? `Shipping option ${optionId} is not available in the cart's region`
          : `Shipping option ${optionId} does not ship to the cart's shipping address`,
      )
    }
    return option
  }

  /** What an option costs a cart: its flat amount, or nothing once the items reach free_above. */
  priceFor(option: Pick<ShippingOptionRow, 'amount' | 'free_above'>, itemAmount: number): number {
    return option.free_above != null && itemAmount >= option.free_above ? 0 : option.amount
  }

  /** An option as Medusa's Store API lists it for a cart. */
  storeView(option: ShippingOptionRow, zone: ZoneRow | null, context: ShippingContext) {
    const amount = this.priceFor(option, context.item_amount)
    const tier = {
      id: option.id,
      price_list_id: null,
      price_list_type: null,
      min_quantity: null,
      max_quantity: null,
    }
    return {
      id: option.id,
      name: option.name,
      price_type: 'flat' as const,
      service_zone_id: option.service_zone_id ?? null,
      shipping_profile_id: option.shipping_profile_id ?? null,
      provider_id: option.provider_id,
      data: option.data ?? null,
      type: {
        id: `${option.id}_type`,
        label: option.type_label,
        description: option.type_description,
        code: option.type_code,
      },
      provider: { id: option.provider_id, is_enabled: true },
      amount,
      is_tax_inclusive: context.prices_include_tax,
      prices: [
        {
          id: option.id,
          currency_code: context.currency_code,
          amount: option.amount,
          min_quantity: null,
          max_quantity: null,
          price_rules: [],
        },
      ],
      calculated_price: {
        id: option.id,
        is_calculated_price_price_list: false,
        is_calculated_price_tax_inclusive: context.prices_include_tax,
        calculated_amount: amount,
        original_amount: option.amount,
        original_amount_with_tax: context.prices_include_tax ? option.amount : null,
        original_amount_without_tax: context.prices_include_tax ? null : option.amount,
        currency_code: context.currency_code,
        calculated_price: tier,
        original_price: tier,
      },
      insufficient_inventory: false,
      service_zone: zone
        ? { id: zone.id, name: zone.name, fulfillment_set_id: null, countries: zone.countries }
        : null,
      metadata: option.metadata ?? null,
    }
  }
}
