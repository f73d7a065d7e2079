// The store's own settings: its name and the currencies it sells in, one of them the default.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Store = defineEntity({
  name: 'Store',
  tableName: 'store',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    default_currency_code: p.string().length(3),
    /** Lower-case ISO 4217 codes, the default among them. */
    supported_currency_codes: p.json<string[]>(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})
