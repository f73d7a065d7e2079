// Events the pricing module emits; the catalog's cached pages follow them.
export const PricingEvents = {
  priceListCreated: 'price-list.created',
  priceListUpdated: 'price-list.updated',
  priceListDeleted: 'price-list.deleted',
} as const
