// Stock: locations, and per variant and location the quantities stocked, reserved (by orders not yet
// shipped) and incoming.
import { defineEntity, p } from '@mikro-orm/core'

export const StockLocation = defineEntity({
  name: 'StockLocation',
  tableName: 'stock_location',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const InventoryLevel = defineEntity({
  name: 'InventoryLevel',
  tableName: 'inventory_level',
  properties: {
    variant_id: p.string().length(40).primary(),
    location_id: p.string().length(40).primary(),
    stocked_quantity: p.integer().default(0),
    reserved_quantity: p.integer().default(0),
    incoming_quantity: p.integer().default(0),
  },
})

/**
 * Which stock locations serve a sales channel (Medusa's sales channel ↔ stock location link). A
 * channel linked to none draws on every location, so a shop with one warehouse needs no setup.
 */
export const StockLocationSalesChannel = defineEntity({
  name: 'StockLocationSalesChannel',
  tableName: 'stock_location_sales_channel',
  properties: {
    location_id: p.string().length(40).primary(),
    sales_channel_id: p.string().length(40).primary().index(),
  },
})
