// Events the sales-channel module emits.
export const SalesChannelEvents = {
  created: 'sales-channel.created',
  updated: 'sales-channel.updated',
  deleted: 'sales-channel.deleted',
  publishableKeyCreated: 'publishable-key.created',
  publishableKeyUpdated: 'publishable-key.updated',
  publishableKeyRevoked: 'publishable-key.revoked',
  publishableKeyDeleted: 'publishable-key.deleted',
} as const
