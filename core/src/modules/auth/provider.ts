// The sign-in contract for outside identity providers (Google, LinkedIn, …): OpenID Connect / OAuth 2
// with state and PKCE. Email and password sign-in is core's own and needs no provider.
import { z } from 'zod'
import type { Provider } from '../../kernel/providers'

export interface AuthorizationRequest {
  /** Random, kept by core and checked on the callback. */
  state: string
  /** PKCE verifier, kept by core; the provider sends its S256 challenge. */
  codeVerifier: string
  /** Where the provider sends the shopper back (the store's callback URL). */
  redirectUri: string
}

export interface CallbackInput {
  code: string
  codeVerifier: string
  redirectUri: string
}

/** Who the provider says signed in. */
export interface ExternalIdentity {
  /** The provider's stable subject id. */
  provider_user_id: string
  email: string | null
  /** Only a verified email may link to an existing account. */
  email_verified: boolean
  first_name?: string | null
  last_name?: string | null
  picture?: string | null
}

export interface AuthProvider extends Provider {
  /** e.g. `google`, `linkedin`: the `:provider` in `/auth/customer/:provider`. */
  readonly id: string
  /** The callback URL registered with the provider; core's own `/auth/customer/<id>/callback` when unset. */
  readonly callbackUrl?: string
  createAuthorizationUrl(request: AuthorizationRequest): Promise<URL> | URL
  /** Exchanges the code (refused if invalid or replayed) and reads the identity. */
  validateCallback(input: CallbackInput): Promise<ExternalIdentity>
}

/** The options every outside sign-in plugin takes; a plugin extends it with its endpoints. */
export const authProviderOptionsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The callback URL registered with the provider; core's `/auth/customer/<id>/callback` when unset. */
  callbackUrl: z.string().url().optional(),
})

/** OpenID Connect's standard claims (an ID token or a userinfo answer) as an ExternalIdentity. */
export function identityFromClaims(claims: {
  sub: string
  email?: string
  email_verified?: boolean
  given_name?: string
  family_name?: string
  picture?: string
}): ExternalIdentity {
  return {
    provider_user_id: claims.sub,
    email: claims.email ?? null,
    // Only an explicit true counts: a missing claim is an unverified email.
    email_verified: claims.email_verified === true,
    first_name: claims.given_name ?? null,
    last_name: claims.family_name ?? null,
    picture: claims.picture ?? null,
  }
}
