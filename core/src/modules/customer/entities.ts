// Customers (guests and registered accounts), their addresses, and customer groups.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Customer = defineEntity({
  name: 'Customer',
  tableName: 'customer',
  properties: {
    id: p.string().length(40).primary(),
    email: p.string().length(191),
    first_name: p.string().length(191).nullable(),
    last_name: p.string().length(191).nullable(),
    phone: p.string().length(32).nullable().index(),
    company_name: p.string().length(191).nullable(),
    /** A registered account (it can sign in); a guest customer only has orders. */
    has_account: p.boolean().default(false),
    metadata: p.json<Record<string, unknown>>().nullable(),
    created_by: p.string().length(40).nullable(),
    ...timestamps(),
  },
  // As in Medusa: one registered account and one guest per email.
  uniques: [{ properties: ['email', 'has_account'] }],
})

export const CustomerAddress = defineEntity({
  name: 'CustomerAddress',
  tableName: 'customer_address',
  properties: {
    id: p.string().length(40).primary(),
    customer_id: p.string().length(40).index(),
    address_name: p.string().length(191).nullable(),
    is_default_shipping: p.boolean().default(false),
    is_default_billing: p.boolean().default(false),
    company: p.string().length(191).nullable(),
    first_name: p.string().length(191).nullable(),
    last_name: p.string().length(191).nullable(),
    address_1: p.string().length(191).nullable(),
    address_2: p.string().length(191).nullable(),
    city: p.string().length(191).nullable(),
    country_code: p.string().length(2).nullable(),
    province: p.string().length(191).nullable(),
    postal_code: p.string().length(32).nullable(),
    phone: p.string().length(32).nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const CustomerGroup = defineEntity({
  name: 'CustomerGroup',
  tableName: 'customer_group',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191).unique(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    created_by: p.string().length(40).nullable(),
    ...timestamps(),
  },
})

export const CustomerGroupMember = defineEntity({
  name: 'CustomerGroupMember',
  tableName: 'customer_group_customer',
  properties: {
    customer_group_id: p.string().length(40).primary(),
    customer_id: p.string().length(40).primary().index(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})
