// The /auth routes, as Medusa's: email and password for customers and staff, token refresh, cookie
// sessions, password reset, verification; plus Shopwright's one-time-code sign-in and outside providers.
import type { Context } from 'koa'
import { z } from 'zod'
import { currentAuthentication, requireCustomerId } from '../../http/actor'
import { defineRoute, idParams } from '../../http/route'
import { UnauthorizedError } from '../../kernel/errors'
import type { TokenCallerIdentifier } from './identify'
import type { ActorType, AuthService } from './service'
import type { TokenClaims } from './tokens'

const tags = ['Auth']
const email = z.string().trim().email('must be an email address').max(191)
const password = z.string().max(256)
const credentials = z.object({ email, password })
const tokenResponse = z.object({ token: z.string() })
const signedIn = z.object({ token: z.string(), refresh_token: z.string() })
const secondFactorChallenge = z.object({
  token: z.string(),
  mfa_challenge: z.object({ id: z.string(), method: z.literal('email') }),
})
const codeAddress = z
  .object({
    email: email.optional(),
    phone: z
      .string()
      .regex(
        /^\+[1-9][\d\s()-]{6,20}$/,
        'must be a phone number in international format, e.g. +4915112345678',
      )
      .optional(),
  })
  .strict()
  .refine((value) => Boolean(value.email) !== Boolean(value.phone), 'send either an email or a phone number')

const auth = (resolve: <T>(name: string) => T) => resolve<AuthService>('authService')

function bearer(koa: Context): string {
  const token = /^Bearer (.+)$/i.exec(koa.get('authorization'))?.[1]
  if (!token) throw new UnauthorizedError('Send the token as Authorization: Bearer <token>')
  return token
}

/** The signed-in identity (a registration token will do); 401 saying why otherwise. */
function requireIdentity(koa: Context) {
  const authentication = currentAuthentication(koa)
  if (!authentication?.auth_identity_id) {
    throw new UnauthorizedError(koa.state.authError ?? 'Sign in first')
  }
  return authentication as typeof authentication & { auth_identity_id: string }
}

function emailpassRoutes(actorType: ActorType) {
  return [
    defineRoute({
      method: 'post',
      path: `/auth/${actorType}/emailpass`,
      summary: `Sign in as a ${actorType} with email and password`,
      tags,
      body: credentials,
      // With the second factor on, a challenge: the code to send to /auth/mfa/challenges/:id/verify.
      response: z.union([signedIn, secondFactorChallenge]),
      handler: ({ body, koa, resolve }) => auth(resolve).signIn(actorType, body.email, body.password, koa.ip),
    }),
    defineRoute({
      method: 'post',
      path: `/auth/${actorType}/emailpass/reset-password`,
      summary: 'Send a password-reset link; the same answer whether or not the account exists',
      tags,
      body: z.object({ identifier: email }),
      response: z.undefined(),
      status: 201,
      handler: async ({ body, koa, resolve }) => {
        await auth(resolve).requestPasswordReset(actorType, body.identifier, koa.ip)
        return undefined
      },
    }),
    defineRoute({
      method: 'post',
      path: `/auth/${actorType}/emailpass/update`,
      summary: 'Set a new password with the reset token (Authorization: Bearer <token>)',
      tags,
      body: z.object({ password }),
      response: z.object({ success: z.literal(true) }),
      handler: async ({ body, koa, resolve }) => {
        await auth(resolve).updatePassword(bearer(koa), body.password)
        return { success: true as const }
      },
    }),
  ]
}

export const registerCustomer = defineRoute({
  method: 'post',
  path: '/auth/customer/emailpass/register',
  summary: 'Get a registration token for POST /store/customers',
  tags,
  body: credentials,
  response: tokenResponse,
  handler: ({ body, koa, resolve }) => auth(resolve).register('customer', body.email, body.password, koa.ip),
})

export const refreshToken = defineRoute({
  method: 'post',
  path: '/auth/token/refresh',
  summary: 'A new access token: for a refresh token (rotated), or for a still-valid access token',
  tags,
  body: z.object({ refresh_token: z.string().max(200).optional() }),
  response: z.object({ token: z.string(), refresh_token: z.string().optional() }),
  handler: async ({ body, koa, resolve }) => {
    if (body.refresh_token) return auth(resolve).refresh(body.refresh_token)
    const claims = koa.state.tokenClaims as TokenClaims | undefined
    if (!claims)
      throw new UnauthorizedError(koa.state.authError ?? 'Send a refresh_token or a valid bearer token')
    return auth(resolve).refreshAccessToken(claims)
  },
})

export const createSession = defineRoute({
  method: 'post',
  path: '/auth/session',
  summary: 'Start a cookie session for the bearer token',
  tags,
  response: z.object({ success: z.literal(true) }),
  handler: async ({ koa, resolve }) => {
    const authentication = currentAuthentication(koa)
    if (!authentication?.actor || !koa.state.tokenClaims) {
      throw new UnauthorizedError(koa.state.authError ?? 'Send a valid bearer token to start a session')
    }
    await resolve<TokenCallerIdentifier>('callerIdentifier').startCookieSession(koa, authentication)
    return { success: true as const }
  },
})

export const deleteSession = defineRoute({
  method: 'delete',
  path: '/auth/session',
  summary: 'End the cookie session (sign out)',
  tags,
  response: z.object({ success: z.literal(true) }),
  handler: async ({ koa, resolve }) => {
    const authentication = currentAuthentication(koa)
    if (authentication?.session_id) await auth(resolve).revokeFamily(authentication.session_id)
    await resolve<TokenCallerIdentifier>('callerIdentifier').endCookieSession(koa)
    return { success: true as const }
  },
})

export const requestSignInCode = defineRoute({
  method: 'post',
  path: '/auth/customer/otp/request',
  summary: 'Send a 6-digit sign-in code by email or SMS; the same answer whether or not the account exists',
  tags,
  body: codeAddress,
  response: z.object({ sent: z.literal(true), expires_in_seconds: z.number().int() }),
  handler: async ({ body, koa, resolve }) => {
    await auth(resolve).requestSignInCode(body, koa.ip)
    return { sent: true as const, expires_in_seconds: 600 }
  },
})

export const verifySignInCode = defineRoute({
  method: 'post',
  path: '/auth/customer/otp/verify',
  summary: 'Sign in with the code (at most 5 tries per code)',
  tags,
  body: z.intersection(
    codeAddress,
    z.object({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code') }),
  ),
  response: signedIn,
  handler: ({ body, koa, resolve }) =>
    auth(resolve).verifySignInCode({ email: body.email, phone: body.phone }, body.code, koa.ip),
})

export const verifySecondFactor = defineRoute({
  method: 'post',
  path: '/auth/mfa/challenges/:id/verify',
  summary: 'Complete a password sign-in with the code its second factor sent (at most 5 tries)',
  tags,
  params: idParams,
  body: z.object({
    method: z.literal('email').optional(),
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
  }),
  response: signedIn,
  handler: ({ params, body, koa, resolve }) => auth(resolve).verifySecondFactor(params.id, body.code, koa.ip),
})

export const setSecondFactor = defineRoute({
  method: 'post',
  path: '/auth/customer/second-factor',
  summary: 'Turn on or off the emailed code that a password sign-in also needs',
  tags,
  body: z.object({ enabled: z.boolean() }).strict(),
  response: z.object({ second_factor: z.literal('email').nullable() }),
  handler: async ({ body, koa, resolve }) => ({
    second_factor: await auth(resolve).setSecondFactor('customer', requireCustomerId(koa), body.enabled),
  }),
})

export const retrieveVerification = defineRoute({
  method: 'get',
  path: '/auth/verification',
  summary:
    "The signed-in identity's email and whether it is verified (a storefront asks for the code until it is)",
  tags,
  response: z.object({
    verification: z.object({
      entity_id: z.string().nullable(),
      entity_type: z.literal('email'),
      status: z.enum(['verified', 'unverified']),
    }),
  }),
  handler: async ({ koa, resolve }) => {
    const { email, verified } = await auth(resolve).emailVerification(requireIdentity(koa).auth_identity_id)
    return {
      verification: {
        entity_id: email,
        entity_type: 'email' as const,
        status: verified ? ('verified' as const) : ('unverified' as const),
      },
    }
  },
})

export const requestVerification = defineRoute({
  method: 'post',
  path: '/auth/verification/request',
  summary: "Send a code that verifies the signed-in identity's email",
  tags,
  body: z.object({ entity_id: email, entity_type: z.literal('email').default('email') }),
  response: z.object({
    verification: z.object({
      entity_id: z.string(),
      entity_type: z.literal('email'),
      status: z.literal('pending'),
    }),
  }),
  handler: async ({ body, koa, resolve }) => {
    const identity = requireIdentity(koa)
    const { entity_id } = await auth(resolve).requestVerification(
      identity.auth_identity_id,
      body.entity_id,
      koa.ip,
    )
    return { verification: { entity_id, entity_type: 'email' as const, status: 'pending' as const } }
  },
})

export const confirmVerification = defineRoute({
  method: 'post',
  path: '/auth/verification/confirm',
  summary: "Confirm the signed-in identity's email with the code",
  tags,
  body: z.object({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code') }),
  response: z.object({ entity_id: z.string(), entity_type: z.literal('email'), verified: z.literal(true) }),
  handler: async ({ body, koa, resolve }) => {
    const identity = requireIdentity(koa)
    const { entity_id } = await auth(resolve).confirmVerification(
      identity.auth_identity_id,
      body.code,
      koa.ip,
    )
    return { entity_id, entity_type: 'email' as const, verified: true as const }
  },
})

const providerParams = z.object({ provider: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a provider id') })
const callbackQuery = z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(200) })

export const startProviderSignIn = defineRoute({
  method: 'post',
  path: '/auth/customer/:provider',
  summary: 'Where to send the shopper to sign in with an outside provider (Google, LinkedIn, …)',
  tags,
  params: providerParams,
  response: z.object({ location: z.string() }),
  handler: ({ params, koa, resolve }) =>
    auth(resolve).authorizationUrl(params.provider, 'customer', `${koa.protocol}://${koa.host}`),
})

const callbackHandler = ({
  params,
  query,
  resolve,
}: {
  params: { provider: string }
  query: { code: string; state: string }
  resolve: <T>(name: string) => T
}) => auth(resolve).completeProviderSignIn(params.provider, 'customer', query)

export const providerCallback = defineRoute({
  method: 'get',
  path: '/auth/customer/:provider/callback',
  summary: 'Complete an outside provider sign-in: code and state from the provider',
  tags,
  params: providerParams,
  query: callbackQuery,
  response: signedIn,
  handler: callbackHandler,
})

export const providerCallbackPost = defineRoute({ ...providerCallback, method: 'post' })

export const authRoutes = [
  ...emailpassRoutes('customer'),
  ...emailpassRoutes('user'),
  registerCustomer,
  refreshToken,
  createSession,
  deleteSession,
  requestSignInCode,
  verifySignInCode,
  verifySecondFactor,
  setSecondFactor,
  retrieveVerification,
  requestVerification,
  confirmVerification,
  startProviderSignIn,
  providerCallback,
  providerCallbackPost,
]
