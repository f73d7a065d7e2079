// Orders as the API shows them: Medusa's StoreOrder fields, with the cart's snapshot kept as it was.
import { z } from 'zod'
import { paymentSchema } from '../payment/schemas'

const addressSchema = z.record(z.string(), z.unknown())
const itemQuantities = z.array(z.object({ item_id: z.string(), quantity: z.number().int() }))

export const orderSchema = z.looseObject({
  id: z.string(),
  display_id: z.number().int(),
  status: z.string(),
  payment_status: z.string(),
  fulfillment_status: z.string(),
  email: z.string().nullable(),
  customer_id: z.string().nullable(),
  region_id: z.string().nullable(),
  sales_channel_id: z.string().nullable(),
  currency_code: z.string(),
  item_total: z.number().int(),
  subtotal: z.number().int(),
  tax_total: z.number().int(),
  shipping_total: z.number().int(),
  discount_total: z.number().int(),
  total: z.number().int(),
  items: z.array(
    z.looseObject({
      id: z.string(),
      order_id: z.string(),
      variant_id: z.string().nullable(),
      product_id: z.string().nullable(),
      title: z.string(),
      quantity: z.number().int(),
      unit_price: z.number().int(),
      detail: z.object({
        quantity: z.number().int(),
        fulfilled_quantity: z.number().int(),
        shipped_quantity: z.number().int(),
        delivered_quantity: z.number().int(),
        return_requested_quantity: z.number().int(),
        return_received_quantity: z.number().int(),
      }),
    }),
  ),
  shipping_methods: z.array(
    z.looseObject({
      id: z.string(),
      order_id: z.string(),
      name: z.string(),
      amount: z.number().int(),
      shipping_option_id: z.string().nullable(),
    }),
  ),
  shipping_address: addressSchema.nullable(),
  billing_address: addressSchema.nullable(),
  promotions: z.array(z.object({ id: z.string(), code: z.string().nullable().optional() })),
  fulfillments: z.array(
    z.object({
      id: z.string(),
      items: itemQuantities,
      tracking_numbers: z.array(z.string()),
      shipped_at: z.string().nullable(),
      delivered_at: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
  returns: z.array(
    z.object({
      id: z.string(),
      items: itemQuantities,
      status: z.string(),
      restocked: z.boolean(),
      refund_amount: z.number().int(),
      received_at: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
  payments: z.array(paymentSchema),
  summary: z.object({
    paid_total: z.number().int(),
    refunded_total: z.number().int(),
    transaction_total: z.number().int(),
    current_order_total: z.number().int(),
    original_order_total: z.number().int(),
    pending_difference: z.number().int(),
    accounting_total: z.number().int(),
  }),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  canceled_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const timelineEntrySchema = z.object({
  id: z.string(),
  event: z.string(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
})

export const itemQuantityInput = z
  .array(z.object({ id: z.string().max(64), quantity: z.number().int().min(1).max(1_000_000) }))
  .min(1)
  .max(500)

export const moneyInput = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
