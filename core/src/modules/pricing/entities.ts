// Prices: per variant and currency, optionally per region and from a minimum quantity.
// Amounts are integers in the currency's minor unit.
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
    ...timestamps(),
  },
})
