// Events the fulfillment module emits.
export const FulfillmentEvents = {
  serviceZoneCreated: 'service_zone.created',
  serviceZoneDeleted: 'service_zone.deleted',
  shippingOptionCreated: 'shipping_option.created',
  shippingOptionUpdated: 'shipping_option.updated',
  shippingOptionDeleted: 'shipping_option.deleted',
} as const
