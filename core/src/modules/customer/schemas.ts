// The customer as the API shows it (Medusa's StoreCustomer / AdminCustomer) and what callers may send.
import { z } from 'zod'

const text = z.string().trim().max(191)

export const addressSchema = z.object({
  id: z.string(),
  address_name: z.string().nullable(),
  is_default_shipping: z.boolean(),
  is_default_billing: z.boolean(),
  customer_id: z.string(),
  company: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  address_1: z.string().nullable(),
  address_2: z.string().nullable(),
  city: z.string().nullable(),
  country_code: z.string().nullable(),
  province: z.string().nullable(),
  postal_code: z.string().nullable(),
  phone: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  default_billing_address_id: z.string().nullable(),
  default_shipping_address_id: z.string().nullable(),
  company_name: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  addresses: z.array(addressSchema),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
})

export const customerGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const adminCustomerSchema = customerSchema.extend({
  has_account: z.boolean(),
  created_by: z.string().nullable(),
  groups: z.array(customerGroupSchema.pick({ id: true, name: true })),
})

const profileFields = {
  first_name: text.nullable().optional(),
  last_name: text.nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s()-]{5,31}$/, 'must be a phone number')
    .nullable()
    .optional(),
  company_name: text.nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
}

/** Strict: a customer cannot set has_account, an id, groups or anything else not listed. */
export const storeCreateCustomerSchema = z
  .object({
    email: z.string().trim().email('must be an email address').max(191).optional(),
    ...profileFields,
  })
  .strict()

export const storeUpdateCustomerSchema = z.object(profileFields).strict()

export const adminUpdateCustomerSchema = z
  .object({
    email: z.string().trim().email('must be an email address').max(191).optional(),
    ...profileFields,
  })
  .strict()

export const addressInputSchema = z
  .object({
    address_name: text.nullable().optional(),
    is_default_shipping: z.boolean().optional(),
    is_default_billing: z.boolean().optional(),
    company: text.nullable().optional(),
    first_name: text.nullable().optional(),
    last_name: text.nullable().optional(),
    address_1: text.nullable().optional(),
    address_2: text.nullable().optional(),
    city: text.nullable().optional(),
    country_code: z
      .string()
      .regex(/^[a-zA-Z]{2}$/, 'must be a 2-letter ISO 3166 code')
      .transform((code) => code.toLowerCase())
      .nullable()
      .optional(),
    province: text.nullable().optional(),
    postal_code: z.string().trim().max(32).nullable().optional(),
    phone: z.string().trim().max(32).nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict()

export const groupInputSchema = z
  .object({
    name: z.string().trim().min(1).max(191),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict()

export type CustomerView = z.infer<typeof customerSchema>
export type AdminCustomerView = z.infer<typeof adminCustomerSchema>
export type AddressView = z.infer<typeof addressSchema>
export type AddressInput = z.infer<typeof addressInputSchema>
export type ProfileInput = z.infer<typeof adminUpdateCustomerSchema>
