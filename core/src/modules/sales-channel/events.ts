// Events the sales-channel module emits.
export const SalesChannelEvents = {
  created: 'sales-channel.created',
  publishableKeyCreated: 'publishable-key.created',
  publishableKeyRevoked: 'publishable-key.revoked',
} as const
