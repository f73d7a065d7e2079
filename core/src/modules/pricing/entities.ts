// Prices: per variant and currency, optionally per region and from a minimum quantity. A price list
// (a sale or an override, active in a time window, optionally for one region) owns prices of its own
// in the same table. Amounts are integers in the currency's minor unit.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Price = defineEntity({
  name: 'Price',
  tableName: 'price',
  properties: {
    id: p.string().length(40).primary(),
    variant_id: p.string().length(40).index(),
    currency_code: p.string().length(3),
    amount: p.integer(),
    region_id: p.string().length(40).nullable(),
    min_quantity: p.integer().nullable(),
    max_quantity: p.integer().nullable(),
    /** Null for the variant's own prices. */
    price_list_id: p.string().length(40).nullable().index(),
    ...timestamps(),
  },
})

export const PriceList = defineEntity({
  name: 'PriceList',
  tableName: 'price_list',
  properties: {
    id: p.string().length(40).primary(),
    title: p.string().length(255),
    description: p.text().default(''),
    /** 'sale': applies when lower than the variant's price; 'override': always applies. */
    type: p.string().length(16).default('sale'),
    /** 'draft' or 'active'. */
    status: p.string().length(16).default('draft').index(),
    starts_at: p.datetime().nullable(),
    ends_at: p.datetime().nullable(),
    region_id: p.string().length(40).nullable(),
    ...timestamps(),
  },
})
