// Payments, as Medusa models them: one payment collection per cart; payment sessions (one per
// attempt with a provider); a payment once a session is authorized, with its captures and refunds.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const PaymentCollection = defineEntity({
  name: 'PaymentCollection',
  tableName: 'payment_collection',
  properties: {
    id: p.string().length(40).primary(),
    cart_id: p.string().length(40).unique(),
    /** The cart's customer when payment began: webhooks and jobs complete the cart on their behalf. */
    customer_id: p.string().length(40).nullable(),
    currency_code: p.string().length(3),
    amount: p.integer(),
    /** not_paid, authorized, completed, canceled */
    status: p.string().length(24).default('not_paid'),
    ...timestamps(),
  },
})

export const PaymentSession = defineEntity({
  name: 'PaymentSession',
  tableName: 'payment_session',
  properties: {
    id: p.string().length(40).primary(),
    payment_collection_id: p.string().length(40).index(),
    provider_id: p.string().length(64),
    /** The provider's id for the payment (a PaymentIntent id); webhooks name it. */
    provider_payment_id: p.string().length(191).nullable().index(),
    currency_code: p.string().length(3),
    amount: p.integer(),
    data: p.json<Record<string, unknown>>(),
    /** pending, requires_more, authorized, captured, canceled, error */
    status: p.string().length(24).default('pending'),
    authorized_at: p.datetime().nullable(),
    ...timestamps(),
  },
})

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  properties: {
    id: p.string().length(40).primary(),
    payment_collection_id: p.string().length(40).index(),
    payment_session_id: p.string().length(40).unique(),
    cart_id: p.string().length(40).index(),
    /** Set in the transaction that places the order; a payment without one is reconciled by a job. */
    order_id: p.string().length(40).nullable().index(),
    provider_id: p.string().length(64),
    currency_code: p.string().length(3),
    amount: p.integer(),
    captured_amount: p.integer().default(0),
    refunded_amount: p.integer().default(0),
    /** Authorized, never captured, and given back by the provider (Stripe frees the rest at a partial capture). */
    released_amount: p.integer().default(0),
    data: p.json<Record<string, unknown>>(),
    authorized_at: p.datetime(),
    captured_at: p.datetime().nullable(),
    canceled_at: p.datetime().nullable(),
    ...timestamps(),
  },
})

export const PaymentCapture = defineEntity({
  name: 'PaymentCapture',
  tableName: 'payment_capture',
  properties: {
    id: p.string().length(40).primary(),
    payment_id: p.string().length(40).index(),
    amount: p.integer(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const PaymentRefund = defineEntity({
  name: 'PaymentRefund',
  tableName: 'payment_refund',
  properties: {
    id: p.string().length(40).primary(),
    payment_id: p.string().length(40).index(),
    amount: p.integer(),
    note: p.string().length(500).nullable(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})

export const paymentEntities = [PaymentCollection, PaymentSession, Payment, PaymentCapture, PaymentRefund]
