// Events the order module emits (each also written to the order's timeline).
export const OrderEvents = {
  placed: 'order.placed',
  canceled: 'order.canceled',
  paymentCaptured: 'order.payment_captured',
  refunded: 'order.refunded',
  fulfillmentCreated: 'order.fulfillment_created',
  shipmentCreated: 'order.shipment_created',
  delivered: 'order.delivered',
  returnRequested: 'order.return_requested',
  returnReceived: 'order.return_received',
  /** A guest order given to the customer who proved they own its email. */
  customerLinked: 'order.customer_linked',
} as const

export type OrderEventName = (typeof OrderEvents)[keyof typeof OrderEvents]
