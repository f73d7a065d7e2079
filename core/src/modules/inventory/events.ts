// Events the inventory module emits.
export const InventoryEvents = {
  locationCreated: 'stock-location.created',
  locationUpdated: 'stock-location.updated',
  locationDeleted: 'stock-location.deleted',
  levelAdjusted: 'inventory-level.adjusted',
} as const
