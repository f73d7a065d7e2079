// The cart as the Store API shows it (Medusa's StoreCart), and the bodies its routes take. Bodies are
// strict: a field the API does not take (unit_price, total, …) is a 400, never trusted.
import { z } from 'zod'
import { variantSchema } from '../product/schemas'
import { regionSchema } from '../region/schemas'

const money = z.number().int()
const metadata = z.record(z.string(), z.unknown())
const stamps = { created_at: z.string(), updated_at: z.string() }

const totals = {
  original_total: money,
  original_subtotal: money,
  original_tax_total: money,
  total: money,
  subtotal: money,
  tax_total: money,
  discount_total: money,
  discount_subtotal: money,
  discount_tax_total: money,
}

const taxLine = z.object({
  id: z.string(),
  code: z.string(),
  rate: z.number(),
  description: z.string().optional(),
  tax_rate_id: z.string().optional(),
  provider_id: z.string().optional(),
  /** The tax at this rate after discounts; subtotal: before them. */
  total: money,
  subtotal: money,
  ...stamps,
})

const adjustment = z.object({
  id: z.string(),
  code: z.string().optional(),
  amount: money,
  cart_id: z.string(),
  description: z.string().optional(),
  promotion_id: z.string().optional(),
  provider_id: z.string().optional(),
  is_tax_inclusive: z.boolean(),
  ...stamps,
})

export const cartAddressSchema = z.object({
  id: z.string(),
  customer_id: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone: z.string().optional(),
  company: z.string().optional(),
  address_1: z.string().optional(),
  address_2: z.string().optional(),
  city: z.string().optional(),
  country_code: z.string().optional(),
  province: z.string().optional(),
  postal_code: z.string().optional(),
  metadata: metadata.nullable(),
  ...stamps,
})

/** A line's variant as the catalog has it now: whether it manages stock, etc. (no option values). */
export const lineVariantSchema = variantSchema.omit({ options: true, calculated_price: true }).extend({
  options: z.null(),
})

export const cartLineItemSchema = z.object({
  id: z.string(),
  cart_id: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  thumbnail: z.string().optional(),
  quantity: z.number().int(),
  product_id: z.string(),
  product_title: z.string(),
  product_description: z.string().optional(),
  product_subtitle: z.string().optional(),
  product_type: z.string().optional(),
  product_collection: z.string().optional(),
  product_handle: z.string(),
  variant_id: z.string(),
  variant_sku: z.string().optional(),
  variant_barcode: z.string().optional(),
  variant_title: z.string(),
  variant_option_values: z.record(z.string(), z.string()).optional(),
  /** The variant as the catalog has it now (absent once deleted): whether it manages stock, etc. */
  variant: lineVariantSchema.optional(),
  requires_shipping: z.boolean(),
  is_discountable: z.boolean(),
  is_tax_inclusive: z.boolean(),
  unit_price: money,
  tax_lines: z.array(taxLine.extend({ item_id: z.string() })),
  adjustments: z.array(adjustment.extend({ item_id: z.string() })),
  metadata: metadata.nullable(),
  ...stamps,
  ...totals,
  item_total: money,
  item_subtotal: money,
  item_tax_total: money,
})

export const cartShippingMethodSchema = z.object({
  id: z.string(),
  cart_id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  amount: money,
  is_tax_inclusive: z.boolean(),
  shipping_option_id: z.string(),
  data: metadata.optional(),
  metadata: metadata.nullable(),
  tax_lines: z.array(taxLine.extend({ shipping_method_id: z.string() })),
  adjustments: z.array(adjustment.extend({ shipping_method_id: z.string() })),
  ...stamps,
  ...totals,
})

export const cartPromotionSchema = z.object({
  id: z.string(),
  code: z.string(),
  is_automatic: z.boolean(),
  application_method: z.object({
    value: z.string(),
    type: z.enum(['percentage', 'fixed']),
    currency_code: z.string(),
    target_type: z.enum(['order', 'items', 'shipping_methods']),
  }),
})

export const cartSchema = z.object({
  id: z.string(),
  region_id: z.string(),
  customer_id: z.string().optional(),
  sales_channel_id: z.string(),
  email: z.string().optional(),
  currency_code: z.string(),
  locale: z.string().optional(),
  region: regionSchema,
  shipping_address: cartAddressSchema.optional(),
  billing_address: cartAddressSchema.optional(),
  items: z.array(cartLineItemSchema),
  shipping_methods: z.array(cartShippingMethodSchema),
  promotions: z.array(cartPromotionSchema),
  /** Filled by the payment module once a payment collection exists for the cart. */
  payment_collection: z.record(z.string(), z.unknown()).optional(),
  metadata: metadata.nullable(),
  completed_at: z.string().optional(),
  ...stamps,
  item_total: money,
  item_subtotal: money,
  item_tax_total: money,
  original_item_total: money,
  original_item_subtotal: money,
  original_item_tax_total: money,
  item_discount_total: money,
  shipping_total: money,
  shipping_subtotal: money,
  shipping_tax_total: money,
  original_shipping_total: money,
  original_shipping_subtotal: money,
  original_shipping_tax_total: money,
  shipping_discount_total: money,
  total: money,
  subtotal: money,
  tax_total: money,
  original_total: money,
  original_subtotal: money,
  original_tax_total: money,
  discount_total: money,
  discount_subtotal: money,
  discount_tax_total: money,
  gift_card_total: money,
  gift_card_tax_total: money,
})

export type CartView = z.output<typeof cartSchema>

// ---- request bodies -----------------------------------------------------------------------------

const text = (max: number) => z.string().max(max).nullable().optional()

export const addressInputSchema = z
  .object({
    first_name: text(191),
    last_name: text(191),
    phone: text(64),
    company: text(191),
    address_1: text(255),
    address_2: text(255),
    city: text(191),
    country_code: z
      .string()
      .regex(/^[a-zA-Z]{2}$/, 'must be a 2-letter ISO 3166 code')
      .nullable()
      .optional(),
    province: text(191),
    postal_code: text(32),
    metadata: metadata.nullable().optional(),
  })
  .strict()

export type AddressInput = z.output<typeof addressInputSchema>

export const MAX_LINE_QUANTITY = 10_000

export const lineItemInputSchema = z
  .object({
    variant_id: z.string().min(1).max(64),
    quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
    metadata: metadata.nullable().optional(),
  })
  .strict()

export const lineItemUpdateSchema = z
  .object({
    quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
    metadata: metadata.nullable().optional(),
  })
  .strict()

const promoCodes = z.array(z.string().min(1).max(191)).max(20)

export const cartUpdateSchema = z
  .object({
    region_id: z.string().max(64).optional(),
    email: z.string().email().max(255).nullable().optional(),
    shipping_address: addressInputSchema.nullable().optional(),
    billing_address: addressInputSchema.nullable().optional(),
    sales_channel_id: z.string().max(64).nullable().optional(),
    promo_codes: promoCodes.optional(),
    locale: z.string().max(32).nullable().optional(),
    metadata: metadata.nullable().optional(),
    additional_data: metadata.optional(),
  })
  .strict()

export const cartCreateSchema = cartUpdateSchema
  .extend({
    currency_code: z.string().max(3).nullable().optional(),
    items: z.array(lineItemInputSchema).max(100).optional(),
  })
  .strict()

export type CartCreateInput = z.output<typeof cartCreateSchema>
export type CartUpdateInput = z.output<typeof cartUpdateSchema>

export const promoCodesSchema = z.object({ promo_codes: promoCodes.min(1) }).strict()

export const shippingMethodInputSchema = z
  .object({ option_id: z.string().min(1).max(64), data: metadata.optional() })
  .strict()
