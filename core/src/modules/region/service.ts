// Regions and their countries.
import type { EntityManager } from '@mikro-orm/knex'
import { LRUCache } from 'lru-cache'
import type { Database } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { VersionedCache } from '../../infra/shared-version'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { PricingContext } from '../pricing/service'
import type { CatalogVersion } from '../product/catalog-version'
import { Region, RegionCountry } from './entities'
import { RegionEvents } from './events'

export interface RegionInput {
  name: string
  currency_code: string
  countries?: string[]
  automatic_taxes?: boolean
  prices_include_tax?: boolean
  metadata?: Record<string, unknown> | null
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' })

export interface RegionView {
  id: string
  name: string
  currency_code: string
  automatic_taxes: boolean
  prices_include_tax: boolean
  countries: Array<{ id: string; iso_2: string; name: string; display_name: string }>
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export class RegionService {
  /** Hot: every priced Store read asks. Forgotten here on this process's edits, else after 10 s. */
  private readonly contexts = new LRUCache<string, PricingContext>({ max: 500, ttl: 10_000 })
  /** Hot too: every cart read and write shows its region. Region writes move the catalog version on. */
  private readonly views = new VersionedCache<RegionView>(() => this.catalog.current())

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly catalog: CatalogVersion,
  ) {}

  async createRegion(input: RegionInput): Promise<RegionView> {
    const id = await this.db.transaction(async (em) => {
      const countries = await this.freeCountries(em, input.countries ?? [], undefined)
      const region = em.create(Region, {
        id: generateId('reg'),
        name: input.name,
        currency_code: input.currency_code.toLowerCase(),
        automatic_taxes: input.automatic_taxes ?? true,
        prices_include_tax: input.prices_include_tax ?? false,
        metadata: input.metadata ?? null,
      })
      this.addCountries(em, region.id, countries)
      this.events.emit(em, RegionEvents.created, { id: region.id })
      return region.id
    })
    return this.retrieveRegion(id)
  }

  /** Edits a region; `countries` replaces its countries. Cached prices follow at once. */
  async updateRegion(id: string, input: Partial<RegionInput>): Promise<RegionView> {
    await this.db.transaction(async (em) => {
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      const { countries, ...fields } = input
      if (fields.currency_code) fields.currency_code = fields.currency_code.toLowerCase()
      em.assign(region, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)))
      if (countries) {
        const wanted = await this.freeCountries(em, countries, id)
        const current = (await em.find(RegionCountry, { region_id: id })).map((country) => country.iso_2)
        const gone = current.filter((code) => !wanted.includes(code))
        if (gone.length) await em.nativeDelete(RegionCountry, { iso_2: { $in: gone } })
        this.addCountries(
          em,
          id,
          wanted.filter((code) => !current.includes(code)),
        )
      }
      this.events.emit(em, RegionEvents.updated, { id })
    })
    this.contexts.delete(id)
    await this.catalog.bump()
    return this.retrieveRegion(id)
  }

  /** These countries, lower-cased, refused if another region serves one of them. */
  private async freeCountries(em: EntityManager, codes: string[], regionId: string | undefined) {
    const countries = [...new Set(codes.map((code) => code.toLowerCase()))]
    const taken = countries.length
      ? (await em.find(RegionCountry, { iso_2: { $in: countries } })).filter(
          (country) => country.region_id !== regionId,
        )
      : []
    if (taken.length) {
      throw new InvalidDataError(
        `Countries already belong to a region: ${taken.map((c) => c.iso_2).join(', ')}`,
      )
    }
    return countries
  }

  private addCountries(em: EntityManager, regionId: string, countries: string[]) {
    for (const iso_2 of countries) {
      em.create(RegionCountry, {
        iso_2,
        region_id: regionId,
        display_name: countryNames.of(iso_2.toUpperCase()) ?? iso_2,
      })
    }
  }

  async deleteRegion(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      await em.nativeDelete(RegionCountry, { region_id: id })
      em.remove(region)
      this.events.emit(em, RegionEvents.deleted, { id })
    })
    this.contexts.delete(id)
    await this.catalog.bump()
  }

  async listRegions(query: { limit: number; offset: number; id?: string[]; currency_code?: string[] }) {
    const em = this.db.em()
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.currency_code)
      where.currency_code = { $in: query.currency_code.map((code) => code.toLowerCase()) }
    const [regions, count] = await em.findAndCount(Region, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    const countries = regions.length
      ? await em.find(
          RegionCountry,
          { region_id: { $in: regions.map((region) => region.id) } },
          { orderBy: { iso_2: 'asc' } },
        )
      : []
    return {
      regions: regions.map((region) => this.view(region, countries)),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  /** What a region means for prices: its currency, its own prices, whether they include tax. */
  async pricingContext(id: string): Promise<PricingContext> {
    let context = this.contexts.get(id)
    if (!context) {
      const region = await this.retrieveRegion(id)
      context = {
        currency_code: region.currency_code,
        region_id: region.id,
        prices_include_tax: region.prices_include_tax,
      }
      this.contexts.set(id, context)
    }
    return context
  }

  retrieveRegion(id: string): Promise<RegionView> {
    return this.views.get(id, async () => {
      const em = this.db.em()
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      const countries = await em.find(RegionCountry, { region_id: id }, { orderBy: { iso_2: 'asc' } })
      return this.view(region, countries)
    })
  }

  private view(
    region: {
      id: string
      name: string
      currency_code: string
      automatic_taxes: boolean
      prices_include_tax: boolean
      metadata?: Record<string, unknown> | null
      created_at: Date
      updated_at: Date
    },
    countries: Array<{ iso_2: string; region_id: string; display_name: string }>,
  ): RegionView {
    return {
      id: region.id,
      name: region.name,
      currency_code: region.currency_code,
      automatic_taxes: region.automatic_taxes,
      prices_include_tax: region.prices_include_tax,
      countries: countries
        .filter((country) => country.region_id === region.id)
        .map((country) => ({
          id: country.iso_2,
          iso_2: country.iso_2,
          name: country.display_name.toUpperCase(),
          display_name: country.display_name,
        })),
      metadata: region.metadata ?? null,
      created_at: region.created_at.toISOString(),
      updated_at: region.updated_at.toISOString(),
    }
  }
}
