// Events the notification module listens to (emitted by the order and customer modules). Until those
// modules export their own names, these are the names the issues give them.
export const OrderEventNames = {
  placed: 'order.placed',
  shipmentCreated: 'order.shipment_created',
  canceled: 'order.canceled',
  refunded: 'order.refunded',
} as const

export const CustomerEventNames = {
  created: 'customer.created',
} as const
