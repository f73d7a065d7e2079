// Carts: the shopper's lines, addresses, chosen shipping and promotion codes. Prices on lines are
// always set by the server from the catalog; totals, taxes and discounts are computed when read.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const Cart = defineEntity({
  name: 'Cart',
  tableName: 'cart',
  properties: {
    id: p.string().length(40).primary(),
    region_id: p.string().length(40),
    customer_id: p.string().length(40).nullable().index(),
    sales_channel_id: p.string().length(40),
    email: p.string().length(255).nullable(),
    currency_code: p.string().length(3),
    locale: p.string().length(32).nullable(),
    shipping_address_id: p.string().length(40).nullable(),
    billing_address_id: p.string().length(40).nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    completed_at: p.datetime().nullable(),
    ...timestamps(),
  },
})

export const CartAddress = defineEntity({
  name: 'CartAddress',
  tableName: 'cart_address',
  properties: {
    id: p.string().length(40).primary(),
    customer_id: p.string().length(40).nullable(),
    first_name: p.string().length(191).nullable(),
    last_name: p.string().length(191).nullable(),
    phone: p.string().length(64).nullable(),
    company: p.string().length(191).nullable(),
    address_1: p.string().length(255).nullable(),
    address_2: p.string().length(255).nullable(),
    city: p.string().length(191).nullable(),
    country_code: p.string().length(2).nullable(),
    province: p.string().length(191).nullable(),
    postal_code: p.string().length(32).nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const CartLineItem = defineEntity({
  name: 'CartLineItem',
  tableName: 'cart_line_item',
  properties: {
    id: p.string().length(40).primary(),
    cart_id: p.string().length(40).index(),
    variant_id: p.string().length(40),
    product_id: p.string().length(40),
    title: p.string().length(255),
    subtitle: p.string().length(255).nullable(),
    thumbnail: p.string().length(1024).nullable(),
    quantity: p.integer(),
    /** Minor units, from the catalog for this cart's region and the line's quantity. */
    unit_price: p.integer(),
    is_tax_inclusive: p.boolean().default(false),
    requires_shipping: p.boolean().default(true),
    is_discountable: p.boolean().default(true),
    product_title: p.string().length(255),
    product_description: p.text().nullable(),
    product_subtitle: p.string().length(255).nullable(),
    product_handle: p.string().length(191),
    product_collection: p.string().length(255).nullable(),
    product_type: p.string().length(191).nullable(),
    variant_sku: p.string().length(191).nullable(),
    variant_barcode: p.string().length(191).nullable(),
    variant_title: p.string().length(255),
    variant_option_values: p.json<Record<string, string>>().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const CartShippingMethod = defineEntity({
  name: 'CartShippingMethod',
  tableName: 'cart_shipping_method',
  properties: {
    id: p.string().length(40).primary(),
    cart_id: p.string().length(40).index(),
    shipping_option_id: p.string().length(40),
    name: p.string().length(191),
    description: p.string().length(255).nullable(),
    data: p.json<Record<string, unknown>>().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

/** A promotion code the shopper entered on a cart (automatic promotions need none). */
export const CartPromotion = defineEntity({
  name: 'CartPromotion',
  tableName: 'cart_promotion',
  properties: {
    cart_id: p.string().length(40).primary(),
    promotion_id: p.string().length(40).primary(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const cartEntities = [Cart, CartAddress, CartLineItem, CartShippingMethod, CartPromotion]
