// The region as the API shows it (Medusa's StoreRegion, with the payment providers it offers).
import { z } from 'zod'

export const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  currency_code: z.string(),
  automatic_taxes: z.boolean(),
  prices_include_tax: z.boolean(),
  countries: z.array(
    z.object({ id: z.string(), iso_2: z.string(), name: z.string(), display_name: z.string() }),
  ),
  payment_providers: z.array(z.object({ id: z.string(), is_enabled: z.boolean() })),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const regionInputSchema = z.object({
  name: z.string().min(1).max(191),
  currency_code: z.string().regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  countries: z
    .array(z.string().regex(/^[a-zA-Z]{2}$/, 'must be a 2-letter ISO 3166 code'))
    .max(300)
    .optional(),
  automatic_taxes: z.boolean().optional(),
  prices_include_tax: z.boolean().optional(),
  /** The providers the region offers (Medusa's shape); the installed ones not listed are turned off. */
  payment_providers: z.array(z.string().min(1).max(64)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})
