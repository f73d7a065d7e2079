// Events the inventory module emits.
export const InventoryEvents = {
  locationCreated: 'stock-location.created',
  levelAdjusted: 'inventory-level.adjusted',
} as const
