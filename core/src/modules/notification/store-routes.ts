// Store routes: the unsubscribe link in every offer (no sign-in: the signed token names the customer),
// and a signed-in customer's own marketing preference.
import { z } from 'zod'
import { currentCustomerId } from '../../http/actor'
import { defineRoute } from '../../http/route'
import { UnauthorizedError } from '../../kernel/errors'
import type { MarketingService } from './marketing-service'

const tags = ['Store: notifications']

export const unsubscribe = defineRoute({
  method: 'get',
  path: '/store/notifications/unsubscribe',
  summary: 'Stop marketing messages for the customer the signed link names (works without signing in)',
  tags,
  query: z.object({ token: z.string().min(1).max(512) }),
  response: z.object({ unsubscribed: z.literal(true) }),
  handler: async ({ query, resolve }) => {
    await resolve<MarketingService>('marketingService').unsubscribe(query.token)
    return { unsubscribed: true as const }
  },
})

export const unsubscribeOneClick = defineRoute({
  method: 'post',
  path: '/store/notifications/unsubscribe',
  summary: "One-click unsubscribe (RFC 8058): a mailbox provider's button posts to the link in the message",
  tags,
  query: z.object({ token: z.string().min(1).max(512) }),
  response: z.object({ unsubscribed: z.literal(true) }),
  handler: async ({ query, resolve }) => {
    await resolve<MarketingService>('marketingService').unsubscribe(query.token)
    return { unsubscribed: true as const }
  },
})

const preferenceSchema = z.object({ marketing_consent: z.boolean() })

function signedInCustomer(koa: Parameters<typeof currentCustomerId>[0]): string {
  const customerId = currentCustomerId(koa)
  if (!customerId) throw new UnauthorizedError('Sign in to manage your marketing preferences')
  return customerId
}

export const getPreferences = defineRoute({
  method: 'get',
  path: '/store/notifications/preferences',
  summary: "The signed-in customer's marketing preference",
  tags,
  response: z.object({ preferences: preferenceSchema }),
  handler: async ({ koa, resolve }) => {
    const consent = await resolve<MarketingService>('marketingService').consent(signedInCustomer(koa))
    return { preferences: { marketing_consent: consent.consented } }
  },
})

export const setPreferences = defineRoute({
  method: 'post',
  path: '/store/notifications/preferences',
  summary: 'The signed-in customer agrees to (or stops) marketing messages at an address',
  tags,
  body: z.object({ marketing_consent: z.boolean(), email: z.email().max(191).optional() }),
  response: z.object({ preferences: preferenceSchema }),
  handler: async ({ koa, body, resolve }) => {
    const consent = await resolve<MarketingService>('marketingService').setConsent(signedInCustomer(koa), {
      consented: body.marketing_consent,
      email: body.email,
    })
    return { preferences: { marketing_consent: consent.consented } }
  },
})

export const notificationStoreRoutes = [unsubscribe, unsubscribeOneClick, getPreferences, setPreferences]
