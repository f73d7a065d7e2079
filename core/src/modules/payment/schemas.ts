// Payment collections and sessions as the Store API shows them (Medusa's StorePaymentCollection).
import { z } from 'zod'

export const paymentSessionSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency_code: z.string(),
  provider_id: z.string(),
  data: z.record(z.string(), z.unknown()),
  status: z.string(),
  authorized_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const paymentCollectionSchema = z.object({
  id: z.string(),
  currency_code: z.string(),
  amount: z.number().int(),
  status: z.string(),
  payment_providers: z.array(z.object({ id: z.string() })),
  payment_sessions: z.array(paymentSessionSchema),
  created_at: z.string(),
  updated_at: z.string(),
})

export const paymentSchema = z.object({
  id: z.string(),
  provider_id: z.string(),
  amount: z.number().int(),
  currency_code: z.string(),
  captured_amount: z.number().int(),
  refunded_amount: z.number().int(),
  /** What can still be captured (none once canceled, or once the provider released the rest). */
  capturable_amount: z.number().int(),
  authorized_at: z.string(),
  captured_at: z.string().nullable(),
  canceled_at: z.string().nullable(),
  captures: z.array(z.object({ id: z.string(), amount: z.number().int(), created_at: z.string() })),
  refunds: z.array(
    z.object({
      id: z.string(),
      amount: z.number().int(),
      note: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
})
