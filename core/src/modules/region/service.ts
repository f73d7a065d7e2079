// Regions and their countries.
import type { Database } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
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
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async createRegion(input: RegionInput): Promise<RegionView> {
    const id = await this.db.transaction(async (em) => {
      const countries = (input.countries ?? []).map((code) => code.toLowerCase())
      const taken = countries.length ? await em.find(RegionCountry, { iso_2: { $in: countries } }) : []
      if (taken.length) {
        throw new InvalidDataError(
          `Countries already belong to a region: ${taken.map((c) => c.iso_2).join(', ')}`,
        )
      }
      const region = em.create(Region, {
        id: generateId('reg'),
        name: input.name,
        currency_code: input.currency_code.toLowerCase(),
        automatic_taxes: input.automatic_taxes ?? true,
        prices_include_tax: input.prices_include_tax ?? false,
        metadata: input.metadata ?? null,
      })
      for (const iso_2 of countries) {
        em.create(RegionCountry, {
          iso_2,
          region_id: region.id,
          display_name: countryNames.of(iso_2.toUpperCase()) ?? iso_2,
        })
      }
      this.events.emit(em, RegionEvents.created, { id: region.id })
      return region.id
    })
    return this.retrieveRegion(id)
  }

  async deleteRegion(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      await em.nativeDelete(RegionCountry, { region_id: id })
      em.remove(region)
      this.events.emit(em, RegionEvents.deleted, { id })
    })
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

  async retrieveRegion(id: string): Promise<RegionView> {
    const { regions } = await this.listRegions({ limit: 1, offset: 0, id: [id] })
    if (!regions[0]) throw new NotFoundError(`Region with id: ${id} was not found`)
    return regions[0]
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
