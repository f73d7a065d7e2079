// Regions, their countries, and the payment providers each offers.
import type { InferEntity } from '@mikro-orm/core'
import type { EntityManager } from '@mikro-orm/knex'
import { LRUCache } from 'lru-cache'
import type { Database } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { VersionedCache } from '../../infra/shared-version'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { Providers } from '../../kernel/providers'
import type { PricingContext } from '../pricing/service'
import type { CatalogVersion } from '../product/catalog-version'
import { Region, RegionCountry, RegionPaymentProvider } from './entities'
import { RegionEvents } from './events'

export interface RegionInput {
  name: string
  currency_code: string
  countries?: string[]
  automatic_taxes?: boolean
  prices_include_tax?: boolean
  /** The payment providers the region offers; every other installed one is turned off there. */
  payment_providers?: string[]
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
  payment_providers: Array<{ id: string; is_enabled: boolean }>
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export class RegionService {
  /** Hot: every priced Store read asks. Forgotten here on this process's edits, else after 10 s. */
  private readonly contexts = new LRUCache<string, PricingContext>({ max: 500, ttl: 10_000 })
  /** Hot too: every cart read and write shows its region. Region writes move the catalog version on. */
  private readonly cachedViews = new VersionedCache<RegionView>(() => this.catalog.current())

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly catalog: CatalogVersion,
    private readonly providers: Providers,
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
      if (input.payment_providers) await this.choosePaymentProviders(em, region.id, input.payment_providers)
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
      const { countries, payment_providers, ...fields } = input
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
      if (payment_providers) await this.choosePaymentProviders(em, id, payment_providers)
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

  /** Offers exactly `offered` of the installed payment providers in the region; an unknown id is refused. */
  private async choosePaymentProviders(em: EntityManager, regionId: string, offered: string[]) {
    const unknown = offered.filter((id) => !this.providers.payment.has(id))
    if (unknown.length) {
      throw new InvalidDataError(`No payment provider is installed with the id ${unknown.join(', ')}`, [
        { field: 'payment_providers', message: `unknown provider: ${unknown.join(', ')}` },
      ])
    }
    await em.nativeDelete(RegionPaymentProvider, { region_id: regionId })
    for (const provider of this.installedPaymentProviders()) {
      em.create(RegionPaymentProvider, {
        region_id: regionId,
        provider_id: provider,
        is_enabled: offered.includes(provider),
      })
    }
  }

  private installedPaymentProviders(): string[] {
    return this.providers.payment
      .list()
      .map((provider) => provider.id)
      .sort()
  }

  /** The ids of the payment providers a region offers (none for a region that does not exist). */
  async paymentProviderIds(regionId: string): Promise<string[]> {
    // From the cached view: checkout asks on every payment session.
    const region = await this.retrieveRegion(regionId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined
      throw error
    })
    return region?.payment_providers.map((provider) => provider.id) ?? []
  }

  async deleteRegion(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      await em.nativeDelete(RegionCountry, { region_id: id })
      await em.nativeDelete(RegionPaymentProvider, { region_id: id })
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
    return {
      regions: await this.views(em, regions),
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
    return this.cachedViews.get(id, async () => {
      const em = this.db.em()
      const region = await em.findOne(Region, { id })
      if (!region) throw new NotFoundError(`Region with id: ${id} was not found`)
      const [view] = await this.views(em, [region])
      return view!
    })
  }

  /** Each region with its countries and the installed payment providers it has not turned off. */
  private async views(em: EntityManager, regions: InferEntity<typeof Region>[]): Promise<RegionView[]> {
    if (!regions.length) return []
    const ids = regions.map((region) => region.id)
    const [countries, turnedOff] = await Promise.all([
      em.find(RegionCountry, { region_id: { $in: ids } }, { orderBy: { iso_2: 'asc' } }),
      em.find(RegionPaymentProvider, { region_id: { $in: ids }, is_enabled: false }),
    ])
    const installed = this.installedPaymentProviders()
    return regions.map((region) => {
      const off = new Set(
        turnedOff.filter((row) => row.region_id === region.id).map((row) => row.provider_id),
      )
      return this.view(
        region,
        countries,
        installed.filter((provider) => !off.has(provider)),
      )
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
    paymentProviders: string[],
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
      payment_providers: paymentProviders.map((id) => ({ id, is_enabled: true })),
      metadata: region.metadata ?? null,
      created_at: region.created_at.toISOString(),
      updated_at: region.updated_at.toISOString(),
    }
  }
}
