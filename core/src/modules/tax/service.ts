// Tax regions and rates, and the rates that apply to an address: the province's default rate if it
// has one (added to the country's when combinable), else the country's default rate.
import type { InferEntity } from '@mikro-orm/core'
import type { EntityManager } from '@mikro-orm/knex'
import type { Database } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import type { KeyValueStore } from '../../infra/kv'
import { SharedVersion, VersionedCache } from '../../infra/shared-version'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import { TaxRate, TaxRegion } from './entities'
import { TaxEvents } from './events'

export interface TaxRateInput {
  name: string
  code: string
  rate: number
  is_default?: boolean
  is_combinable?: boolean
  metadata?: Record<string, unknown> | null
}

export interface TaxRegionInput {
  country_code: string
  province_code?: string | null
  parent_id?: string | null
  default_tax_rate?: Omit<TaxRateInput, 'is_default'>
  metadata?: Record<string, unknown> | null
}

export interface TaxRateView {
  id: string
  tax_region_id: string
  name: string
  code: string
  rate: number
  is_default: boolean
  is_combinable: boolean
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export interface TaxRegionView {
  id: string
  country_code: string
  province_code: string | null
  parent_id: string | null
  provider_id: string
  tax_rates: TaxRateView[]
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

type RateRow = InferEntity<typeof TaxRate>
type RegionRow = InferEntity<typeof TaxRegion>

function rateView(rate: RateRow): TaxRateView {
  return {
    id: rate.id,
    tax_region_id: rate.tax_region_id,
    name: rate.name,
    code: rate.code,
    rate: Number(rate.rate),
    is_default: rate.is_default,
    is_combinable: rate.is_combinable,
    metadata: rate.metadata ?? null,
    created_at: rate.created_at.toISOString(),
    updated_at: rate.updated_at.toISOString(),
  }
}

export class TaxService {
  /** Moves on with every tax write: the rates carts are taxed by are kept until it does. */
  private readonly version: SharedVersion
  private readonly rates: VersionedCache<TaxRateView[]>

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    kv: KeyValueStore,
  ) {
    this.version = new SharedVersion(kv, 'tax:version')
    this.rates = new VersionedCache(() => this.version.current())
  }

  /** A tax write: one transaction, then the kept rates are stale in every process. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work)
    await this.version.bump()
    return result
  }

  async createTaxRegion(input: TaxRegionInput): Promise<TaxRegionView> {
    const id = await this.write(async (em) => {
      const country_code = input.country_code.toLowerCase()
      const province_code = input.province_code?.toLowerCase() ?? null
      let parent_id = input.parent_id ?? null
      if (province_code && !parent_id) {
        const parent = await em.findOne(TaxRegion, { country_code, province_code: null })
        if (!parent) {
          throw new InvalidDataError(
            `Create the tax region of country ${country_code} before one of its provinces`,
            [
              {
                field: 'province_code',
                message: `Create the tax region of ${country_code.toUpperCase()} first`,
              },
            ],
          )
        }
        parent_id = parent.id
      }
      if (await em.count(TaxRegion, { country_code, province_code })) {
        throw new InvalidDataError(
          `A tax region for ${province_code ? `${country_code}/${province_code}` : country_code} already exists`,
          [{ field: province_code ? 'province_code' : 'country_code', message: 'Already has a tax region' }],
        )
      }
      const region = em.create(TaxRegion, {
        id: generateId('txreg'),
        country_code,
        province_code,
        parent_id,
        metadata: input.metadata ?? null,
      })
      if (input.default_tax_rate) {
        this.insertRate(em, region.id, { ...input.default_tax_rate, is_default: true })
      }
      this.events.emit(em, TaxEvents.regionCreated, { id: region.id })
      return region.id
    })
    return this.retrieveTaxRegion(id)
  }

  async deleteTaxRegion(id: string): Promise<void> {
    await this.write(async (em) => {
      const region = await em.findOne(TaxRegion, { id })
      if (!region) throw new NotFoundError(`Tax region with id: ${id} was not found`)
      const children = await em.find(TaxRegion, { parent_id: id })
      const ids = [id, ...children.map((child) => child.id)]
      await em.nativeDelete(TaxRate, { tax_region_id: { $in: ids } })
      await em.nativeDelete(TaxRegion, { id: { $in: ids } })
      this.events.emit(em, TaxEvents.regionDeleted, { id })
    })
  }

  async listTaxRegions(query: {
    limit: number
    offset: number
    id?: string[]
    country_code?: string[]
    parent_id?: string[]
  }) {
    const em = this.db.em()
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.country_code) where.country_code = { $in: query.country_code.map((c) => c.toLowerCase()) }
    if (query.parent_id) where.parent_id = { $in: query.parent_id }
    const [regions, count] = await em.findAndCount(TaxRegion, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { country_code: 'asc', id: 'asc' },
    })
    const rates = regions.length
      ? await em.find(
          TaxRate,
          { tax_region_id: { $in: regions.map((r) => r.id) } },
          { orderBy: { id: 'asc' } },
        )
      : []
    return {
      tax_regions: regions.map((region) => this.regionView(region, rates)),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  async retrieveTaxRegion(id: string): Promise<TaxRegionView> {
    const { tax_regions } = await this.listTaxRegions({ limit: 1, offset: 0, id: [id] })
    if (!tax_regions[0]) throw new NotFoundError(`Tax region with id: ${id} was not found`)
    return tax_regions[0]
  }

  async createTaxRate(input: TaxRateInput & { tax_region_id: string }): Promise<TaxRateView> {
    return this.write(async (em) => {
      if (!(await em.count(TaxRegion, { id: input.tax_region_id }))) {
        throw new NotFoundError(`Tax region with id: ${input.tax_region_id} was not found`)
      }
      if (input.is_default)
        await em.nativeUpdate(TaxRate, { tax_region_id: input.tax_region_id }, { is_default: false })
      const rate = this.insertRate(em, input.tax_region_id, input)
      this.events.emit(em, TaxEvents.rateCreated, { id: rate.id })
      await em.flush()
      return rateView(rate)
    })
  }

  async updateTaxRate(id: string, input: Partial<TaxRateInput>): Promise<TaxRateView> {
    return this.write(async (em) => {
      const rate = await em.findOne(TaxRate, { id })
      if (!rate) throw new NotFoundError(`Tax rate with id: ${id} was not found`)
      if (input.is_default) {
        await em.nativeUpdate(
          TaxRate,
          { tax_region_id: rate.tax_region_id, id: { $ne: id } },
          { is_default: false },
        )
      }
      em.assign(rate, input)
      this.events.emit(em, TaxEvents.rateUpdated, { id })
      await em.flush()
      return rateView(rate)
    })
  }

  async deleteTaxRate(id: string): Promise<void> {
    await this.write(async (em) => {
      if (!(await em.nativeDelete(TaxRate, { id })))
        throw new NotFoundError(`Tax rate with id: ${id} was not found`)
      this.events.emit(em, TaxEvents.rateDeleted, { id })
    })
  }

  async listTaxRates(query: { limit: number; offset: number; tax_region_id?: string[] }) {
    const where = query.tax_region_id ? { tax_region_id: { $in: query.tax_region_id } } : {}
    const [rates, count] = await this.db.em().findAndCount(TaxRate, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return { tax_rates: rates.map(rateView), count, offset: query.offset, limit: query.limit }
  }

  /**
   * The rates for an address: the province's default rate (with the country's default beside it when
   * the province's is combinable), else the country's default; none when no tax region covers it.
   */
  async ratesFor(countryCode: string | null | undefined, province?: string | null): Promise<TaxRateView[]> {
    if (!countryCode) return []
    const country = countryCode.toLowerCase()
    const area = province?.toLowerCase() ?? null
    return this.rates.get(`${country}/${area ?? ''}`, () => this.loadRates(country, area))
  }

  private async loadRates(countryCode: string, province: string | null): Promise<TaxRateView[]> {
    const em = this.db.em()
    const regions = await em.find(TaxRegion, { country_code: countryCode.toLowerCase() })
    if (!regions.length) return []
    const defaults = await em.find(TaxRate, {
      tax_region_id: { $in: regions.map((region) => region.id) },
      is_default: true,
    })
    const defaultOf = (region: RegionRow | undefined) =>
      region && defaults.find((rate) => rate.tax_region_id === region.id)
    const country = regions.find((region) => region.province_code === null)
    const provinceRegion = province
      ? regions.find((region) => region.province_code === province.toLowerCase())
      : undefined
    const countryRate = defaultOf(country)
    const provinceRate = defaultOf(provinceRegion)
    if (provinceRate) {
      return provinceRate.is_combinable && countryRate
        ? [rateView(countryRate), rateView(provinceRate)]
        : [rateView(provinceRate)]
    }
    return countryRate ? [rateView(countryRate)] : []
  }

  private insertRate(em: EntityManager, taxRegionId: string, input: TaxRateInput) {
    return em.create(TaxRate, {
      id: generateId('txr'),
      tax_region_id: taxRegionId,
      name: input.name,
      code: input.code,
      rate: input.rate,
      is_default: input.is_default ?? false,
      is_combinable: input.is_combinable ?? false,
      metadata: input.metadata ?? null,
    })
  }

  private regionView(region: RegionRow, rates: RateRow[]): TaxRegionView {
    return {
      id: region.id,
      country_code: region.country_code,
      province_code: region.province_code ?? null,
      parent_id: region.parent_id ?? null,
      provider_id: region.provider_id,
      tax_rates: rates.filter((rate) => rate.tax_region_id === region.id).map(rateView),
      metadata: region.metadata ?? null,
      created_at: region.created_at.toISOString(),
      updated_at: region.updated_at.toISOString(),
    }
  }
}
