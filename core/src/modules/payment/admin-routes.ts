// Admin routes for payments: the installed payment providers, as Medusa lists them. Which ones a
// region offers is the region's `payment_providers` (POST /admin/regions/:id). Secrets never show.
import { z } from 'zod'
import { idListQuery, listQuery, listResponse, orderQuery, sortedBy } from '../../http/list'
import { defineRoute } from '../../http/route'
import type { PaymentService } from './service'

export const listAdminPaymentProviders = defineRoute({
  method: 'get',
  path: '/admin/payments/payment-providers',
  permission: 'payment:read',
  summary: 'List the installed payment providers',
  tags: ['Admin: payments'],
  query: listQuery()
    .extend({
      id: idListQuery().optional(),
      is_enabled: z.stringbool().optional(),
      fields: z.string().max(1000).optional(),
      order: orderQuery('id').optional(),
    })
    .strict(),
  response: listResponse('payment_providers', z.object({ id: z.string(), is_enabled: z.boolean() })),
  handler: ({ query, resolve }) => {
    const installed = resolve<PaymentService>('paymentService').listProviders()
    const matching = sortedBy(installed, query.order)
      .filter((provider) => !query.id || query.id.includes(provider.id))
      .filter((provider) => query.is_enabled === undefined || provider.is_enabled === query.is_enabled)
    return {
      payment_providers: matching.slice(query.offset, query.offset + query.limit),
      count: matching.length,
      offset: query.offset,
      limit: query.limit,
    }
  },
})
