// Regions: a currency and the countries it serves, whether its prices include tax, and which payment
// providers it offers.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Region = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    currency_code: p.string().length(3),
    automatic_taxes: p.boolean().default(true),
    prices_include_tax: p.boolean().default(false),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const RegionCountry = defineEntity({
  name: 'RegionCountry',
  tableName: 'region_country',
  properties: {
    iso_2: p.string().length(2).primary(),
    region_id: p.string().length(40).index(),
    display_name: p.string().length(191),
  },
})

/**
 * A merchant's choice of whether a region offers a payment provider. A provider with no row here is
 * offered: one installed later (a newly configured Stripe) reaches every region until turned off.
 */
export const RegionPaymentProvider = defineEntity({
  name: 'RegionPaymentProvider',
  tableName: 'region_payment_provider',
  properties: {
    region_id: p.string().length(40).primary(),
    provider_id: p.string().length(64).primary(),
    is_enabled: p.boolean(),
  },
})
