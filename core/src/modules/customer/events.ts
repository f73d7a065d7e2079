// Events the customer module emits.
export const CustomerEvents = {
  created: 'customer.created',
  updated: 'customer.updated',
  deleted: 'customer.deleted',
  groupCreated: 'customer_group.created',
  groupUpdated: 'customer_group.updated',
  groupDeleted: 'customer_group.deleted',
} as const
