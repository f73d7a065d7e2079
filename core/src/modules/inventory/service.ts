// Stock levels and reservations. Every change is one conditional UPDATE (`… WHERE stocked - reserved
// >= n`), never a read followed by a write, so concurrent orders cannot oversell on SQLite or MySQL.
import type { EntityManager } from '@mikro-orm/knex'
import type { Knex } from 'knex'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import { InventoryLevel, StockLocation, StockLocationSalesChannel } from './entities'
import { InventoryEvents } from './events'

export class InsufficientStockError extends ConflictError {
  constructor(variantId: string) {
    super(`Variant ${variantId} does not have the required inventory`)
  }
}

export interface LevelView {
  variant_id: string
  location_id: string
  stocked_quantity: number
  reserved_quantity: number
  incoming_quantity: number
  available_quantity: number
}

export class InventoryService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async createLocation(input: { name: string }) {
    return this.db.transaction(async (em) => {
      const location = em.create(StockLocation, {
        id: generateId('sloc'),
        name: input.name,
        created_at: new Date(),
      })
      this.events.emit(em, InventoryEvents.locationCreated, { id: location.id })
      return locationView(location, [])
    })
  }

  async listLocations(query: { limit: number; offset: number; id?: string[]; name?: string[] }) {
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.name) where.name = { $in: query.name }
    const em = this.db.em()
    const [locations, count] = await em.findAndCount(StockLocation, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return {
      stock_locations: await this.locationViews(em, locations),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  async retrieveLocation(id: string) {
    const em = this.db.em()
    const location = await em.findOne(StockLocation, { id })
    if (!location) throw new NotFoundError(`Stock location with id: ${id} was not found`)
    return (await this.locationViews(em, [location]))[0]!
  }

  async updateLocation(id: string, input: { name?: string }) {
    return this.db.transaction(async (em) => {
      const location = await em.findOne(StockLocation, { id })
      if (!location) throw new NotFoundError(`Stock location with id: ${id} was not found`)
      if (input.name) location.name = input.name
      this.events.emit(em, InventoryEvents.locationUpdated, { id })
      return (await this.locationViews(em, [location]))[0]!
    })
  }

  /** Deletes a location that holds no stock, reserved or incoming (409 while it does). */
  async deleteLocation(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const location = await em.findOne(StockLocation, { id })
      if (!location) throw new NotFoundError(`Stock location with id: ${id} was not found`)
      const held = await knexOf(em)('inventory_level')
        .where('location_id', id)
        .andWhere((any) =>
          any
            .where('stocked_quantity', '>', 0)
            .orWhere('reserved_quantity', '>', 0)
            .orWhere('incoming_quantity', '>', 0),
        )
        .first('variant_id')
      if (held) throw new ConflictError(`Stock location ${id} still holds stock: move or remove it first`)
      await em.nativeDelete(InventoryLevel, { location_id: id })
      await em.nativeDelete(StockLocationSalesChannel, { location_id: id })
      em.remove(location)
      this.events.emit(em, InventoryEvents.locationDeleted, { id })
    })
  }

  /** Sets how many of a variant are on their way to a location (a purchase order, a transfer). */
  async setIncoming(variantId: string, locationId: string, incoming: number): Promise<LevelView> {
    if (!Number.isInteger(incoming) || incoming < 0)
      throw new InvalidDataError('The incoming quantity must be a whole number, zero or more')
    return this.db.transaction(async (em) => {
      if (!(await em.count(StockLocation, { id: locationId }))) {
        throw new NotFoundError(`Stock location with id: ${locationId} was not found`)
      }
      await knexOf(em)('inventory_level')
        .insert({
          variant_id: variantId,
          location_id: locationId,
          stocked_quantity: 0,
          reserved_quantity: 0,
          incoming_quantity: incoming,
        })
        .onConflict(['variant_id', 'location_id'])
        .merge(['incoming_quantity'])
      this.events.emit(em, InventoryEvents.levelAdjusted, {
        variant_id: variantId,
        location_id: locationId,
        incoming,
      })
      return this.level(em, variantId, locationId)
    })
  }

  /** Adds `delta` to a variant's stock at a location (negative to remove), never below what is reserved. */
  async adjustStock(variantId: string, locationId: string, delta: number): Promise<LevelView> {
    if (!Number.isInteger(delta)) throw new InvalidDataError('The adjustment must be a whole number')
    return this.db.transaction(async (em) => {
      if (!(await em.count(StockLocation, { id: locationId }))) {
        throw new NotFoundError(`Stock location with id: ${locationId} was not found`)
      }
      const knex = knexOf(em)
      if (!(await em.count(InventoryLevel, { variant_id: variantId, location_id: locationId }))) {
        if (delta < 0)
          throw new InvalidDataError(`Variant ${variantId} has no stock at ${locationId} to remove`)
        em.create(InventoryLevel, { variant_id: variantId, location_id: locationId, stocked_quantity: 0 })
        await em.flush()
      }
      const changed = await knex('inventory_level')
        .where({ variant_id: variantId, location_id: locationId })
        .andWhereRaw('stocked_quantity + ? >= reserved_quantity', [delta])
        .update({ stocked_quantity: knex.raw('stocked_quantity + ?', [delta]) })
      if (changed !== 1) throw new InvalidDataError('Stock cannot go below the quantity already reserved')
      this.events.emit(em, InventoryEvents.levelAdjusted, {
        variant_id: variantId,
        location_id: locationId,
        delta,
      })
      return this.level(em, variantId, locationId)
    })
  }

  /** Sets the stocked quantity of many variants at a location at once (imports, demo data). */
  async setStockLevels(
    locationId: string,
    levels: Array<{ variant_id: string; stocked_quantity: number }>,
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      const knex = knexOf(em)
      for (let start = 0; start < levels.length; start += 300) {
        const rows = levels.slice(start, start + 300).map((level) => ({
          variant_id: level.variant_id,
          location_id: locationId,
          stocked_quantity: level.stocked_quantity,
          reserved_quantity: 0,
          incoming_quantity: 0,
        }))
        await knex('inventory_level')
          .insert(rows)
          .onConflict(['variant_id', 'location_id'])
          .merge(['stocked_quantity'])
      }
      this.events.emit(em, InventoryEvents.levelAdjusted, {
        location_id: locationId,
        variants: levels.length,
      })
    })
  }

  /**
   * Reserves `quantity` of a variant at a location, in the caller's transaction: one conditional
   * update that succeeds only while enough is available.
   */
  async reserve(em: EntityManager, variantId: string, locationId: string, quantity: number): Promise<void> {
    const knex = knexOf(em)
    const changed = await knex('inventory_level')
      .where({ variant_id: variantId, location_id: locationId })
      .andWhereRaw('stocked_quantity - reserved_quantity >= ?', [quantity])
      .update({ reserved_quantity: knex.raw('reserved_quantity + ?', [quantity]) })
    if (changed !== 1) throw new InsufficientStockError(variantId)
  }

  /** Gives back a reservation (a canceled order). */
  async release(em: EntityManager, variantId: string, locationId: string, quantity: number): Promise<void> {
    const knex = knexOf(em)
    const changed = await knex('inventory_level')
      .where({ variant_id: variantId, location_id: locationId })
      .andWhere('reserved_quantity', '>=', quantity)
      .update({ reserved_quantity: knex.raw('reserved_quantity - ?', [quantity]) })
    if (changed !== 1)
      throw new ConflictError(`Variant ${variantId} has less than ${quantity} reserved to release`)
  }

  /** Ships reserved stock (a fulfillment): the reservation and the stock on hand go down together. */
  async consume(em: EntityManager, variantId: string, locationId: string, quantity: number): Promise<void> {
    const knex = knexOf(em)
    const changed = await knex('inventory_level')
      .where({ variant_id: variantId, location_id: locationId })
      .andWhere('reserved_quantity', '>=', quantity)
      .andWhere('stocked_quantity', '>=', quantity)
      .update({
        reserved_quantity: knex.raw('reserved_quantity - ?', [quantity]),
        stocked_quantity: knex.raw('stocked_quantity - ?', [quantity]),
      })
    if (changed !== 1)
      throw new ConflictError(`Variant ${variantId} has less than ${quantity} reserved to ship`)
  }

  /** Puts returned items back on hand, in the caller's transaction. */
  async restock(em: EntityManager, variantId: string, locationId: string, quantity: number): Promise<void> {
    const knex = knexOf(em)
    const changed = await knex('inventory_level')
      .where({ variant_id: variantId, location_id: locationId })
      .update({ stocked_quantity: knex.raw('stocked_quantity + ?', [quantity]) })
    if (changed !== 1) throw new NotFoundError(`Variant ${variantId} has no stock level at ${locationId}`)
    this.events.emit(em, InventoryEvents.levelAdjusted, {
      variant_id: variantId,
      location_id: locationId,
      delta: quantity,
    })
  }

  /** The variants' stock levels, at the locations serving these sales channels when they are named. */
  async levels(variantIds: string[], salesChannelIds?: string[]): Promise<LevelView[]> {
    if (!variantIds.length) return []
    const knex = knexOf(this.db.em())
    const query = knex('inventory_level').whereIn('variant_id', variantIds)
    if (salesChannelIds) servingChannels(knex, query, salesChannelIds)
    return (await query).map(view)
  }

  /**
   * How many of each variant the shoppers of these sales channels can buy: stocked minus reserved,
   * summed over the locations serving the channels, in one grouped query whatever the number of
   * variants. A variant with no stock there reads 0.
   */
  async availableQuantities(variantIds: string[], salesChannelIds: string[]): Promise<Map<string, number>> {
    const available = new Map(variantIds.map((id) => [id, 0]))
    if (!variantIds.length) return available
    const knex = knexOf(this.db.em())
    const query = knex('inventory_level')
      .whereIn('variant_id', variantIds)
      .groupBy('variant_id')
      .select('variant_id', knex.raw('sum(stocked_quantity - reserved_quantity) as available'))
    servingChannels(knex, query, salesChannelIds)
    for (const row of (await query) as Array<{ variant_id: string; available: number | string }>) {
      available.set(row.variant_id, Number(row.available))
    }
    return available
  }

  /** Unlinks a sales channel that is going away from every location. */
  async removeSalesChannel(channelId: string): Promise<void> {
    await this.db.em().nativeDelete(StockLocationSalesChannel, { sales_channel_id: channelId })
  }

  /** Links sales channels to a location and unlinks others (ids already checked by the caller). */
  async changeLocationSalesChannels(id: string, change: { add?: string[]; remove?: string[] }) {
    return this.db.transaction(async (em) => {
      const location = await em.findOne(StockLocation, { id })
      if (!location) throw new NotFoundError(`Stock location with id: ${id} was not found`)
      const add = [...new Set(change.add ?? [])]
      if (add.length) {
        await knexOf(em)('stock_location_sales_channel')
          .insert(add.map((sales_channel_id) => ({ location_id: id, sales_channel_id })))
          .onConflict(['location_id', 'sales_channel_id'])
          .ignore()
      }
      if (change.remove?.length) {
        await em.nativeDelete(StockLocationSalesChannel, {
          location_id: id,
          sales_channel_id: { $in: change.remove },
        })
      }
      this.events.emit(em, InventoryEvents.locationUpdated, { id })
      return (await this.locationViews(em, [location]))[0]!
    })
  }

  /** Stock levels by variant and/or location, a page at a time. */
  async listLevels(query: { limit: number; offset: number; variant_id?: string[]; location_id?: string[] }) {
    const base = knexOf(this.db.em())('inventory_level')
    if (query.variant_id) base.whereIn('variant_id', query.variant_id)
    if (query.location_id) base.whereIn('location_id', query.location_id)
    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = await base
      .select('*')
      .orderBy(['variant_id', 'location_id'])
      .limit(query.limit)
      .offset(query.offset)
    return {
      inventory_levels: rows.map(view),
      count: Number(count),
      offset: query.offset,
      limit: query.limit,
    }
  }

  /** Locations as the Admin API shows them, each with the sales channels it serves (one query). */
  private async locationViews(
    em: EntityManager,
    locations: Array<{ id: string; name: string; created_at: Date }>,
  ) {
    const links = locations.length
      ? await em.find(
          StockLocationSalesChannel,
          { location_id: { $in: locations.map((location) => location.id) } },
          { orderBy: { sales_channel_id: 'asc' } },
        )
      : []
    return locations.map((location) =>
      locationView(
        location,
        links.filter((link) => link.location_id === location.id).map((link) => link.sales_channel_id),
      ),
    )
  }

  private async level(em: EntityManager, variantId: string, locationId: string): Promise<LevelView> {
    const row = await knexOf(em)('inventory_level')
      .where({ variant_id: variantId, location_id: locationId })
      .first()
    return view(row)
  }
}

/**
 * Keeps the rows of `query` (on inventory_level) at locations serving any of the sales channels. A
 * channel linked to no location draws on them all; no channel at all means no stock.
 */
function servingChannels(knex: Knex, query: Knex.QueryBuilder, salesChannelIds: string[]): void {
  const links = () => knex('stock_location_sales_channel').whereIn('sales_channel_id', salesChannelIds)
  query.where((serving) =>
    serving
      .whereIn('location_id', links().select('location_id'))
      .orWhere(knex.raw('(?)', [links().countDistinct('sales_channel_id')]), '<', salesChannelIds.length),
  )
}

function locationView(location: { id: string; name: string; created_at: Date }, salesChannelIds: string[]) {
  return {
    id: location.id,
    name: location.name,
    created_at: location.created_at.toISOString(),
    sales_channel_ids: salesChannelIds,
  }
}

function view(row: Record<string, number | string>): LevelView {
  const stocked = Number(row.stocked_quantity)
  const reserved = Number(row.reserved_quantity)
  return {
    variant_id: String(row.variant_id),
    location_id: String(row.location_id),
    stocked_quantity: stocked,
    reserved_quantity: reserved,
    incoming_quantity: Number(row.incoming_quantity),
    available_quantity: stocked - reserved,
  }
}
