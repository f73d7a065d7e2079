// Events the cart module emits.
export const CartEvents = {
  created: 'cart.created',
  updated: 'cart.updated',
  customerTransferred: 'cart.customer_transferred',
  regionUpdated: 'cart.region_updated',
} as const
