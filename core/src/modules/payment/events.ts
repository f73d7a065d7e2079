// Events the payment module emits.
export const PaymentEvents = {
  collectionCreated: 'payment-collection.created',
  sessionCreated: 'payment-session.created',
  authorized: 'payment.authorized',
  captured: 'payment.captured',
  refunded: 'payment.refunded',
  canceled: 'payment.canceled',
} as const
