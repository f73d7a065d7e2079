// Events the region module emits.
export const RegionEvents = {
  created: 'region.created',
  updated: 'region.updated',
  deleted: 'region.deleted',
} as const
