// Shipping: service zones (the countries a set of options ships to) and shipping options per region,
// priced flat or free above an item total, fulfilled by the manual provider.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const ServiceZone = defineEntity({
  name: 'ServiceZone',
  tableName: 'service_zone',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    /** ISO 3166 alpha-2 codes, lower case. */
    countries: p.json<string[]>(),
    ...timestamps(),
  },
})

export const ShippingOption = defineEntity({
  name: 'ShippingOption',
  tableName: 'shipping_option',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    region_id: p.string().length(40).index(),
    /** Null: the option ships anywhere in its region. */
    service_zone_id: p.string().length(40).nullable(),
    shipping_profile_id: p.string().length(40).nullable(),
    provider_id: p.string().length(64).default('manual_manual'),
    price_type: p.string().length(16).default('flat'),
    /** Minor units of the region's currency. */
    amount: p.integer(),
    /** The option is free when the cart's item total (after discounts) reaches this amount. */
    free_above: p.integer().nullable(),
    type_label: p.string().length(191).default('Standard'),
    type_code: p.string().length(64).default('standard'),
    type_description: p.string().length(255).default(''),
    is_return: p.boolean().default(false),
    data: p.json<Record<string, unknown>>().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const fulfillmentEntities = [ServiceZone, ShippingOption]
