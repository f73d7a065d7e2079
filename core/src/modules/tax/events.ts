// Events the tax module emits.
export const TaxEvents = {
  regionCreated: 'tax_region.created',
  regionDeleted: 'tax_region.deleted',
  rateCreated: 'tax_rate.created',
  rateUpdated: 'tax_rate.updated',
  rateDeleted: 'tax_rate.deleted',
} as const
