// Events the cart module emits.
export const CartEvents = {
  created: 'cart.created',
  updated: 'cart.updated',
  customerUpdated: 'cart.customer_updated',
  regionUpdated: 'cart.region_updated',
} as const
