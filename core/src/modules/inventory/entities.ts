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
