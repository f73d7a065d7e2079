// Taxes: a tax region per country, and below it per province; each has rates, one of them the
// default. The most specific region with a default rate decides the rate.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const TaxRegion = defineEntity({
  name: 'TaxRegion',
  tableName: 'tax_region',
  properties: {
    id: p.string().length(40).primary(),
    country_code: p.string().length(2).index(),
    /** Lower case; null for the country itself. */
    province_code: p.string().length(64).nullable(),
    parent_id: p.string().length(40).nullable().index(),
    provider_id: p.string().length(64).default('tp_system'),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['country_code', 'province_code'] }],
})

export const TaxRate = defineEntity({
  name: 'TaxRate',
  tableName: 'tax_rate',
  properties: {
    id: p.string().length(40).primary(),
    tax_region_id: p.string().length(40).index(),
    name: p.string().length(191),
    code: p.string().length(64),
    /** A percentage: 20 for 20 %, 8.875 for 8.875 %. */
    rate: p.double(),
    is_default: p.boolean().default(false),
    /** A province's rate that adds to its country's default instead of replacing it. */
    is_combinable: p.boolean().default(false),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const taxEntities = [TaxRegion, TaxRate]
