// Events the store module emits.
export const StoreEvents = {
  updated: 'store.updated',
} as const
