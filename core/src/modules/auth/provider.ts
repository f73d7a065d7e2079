// The sign-in contract for outside identity providers (Google, LinkedIn, …): OpenID Connect / OAuth 2
// with state and PKCE. Email and password sign-in is core's own and needs no provider.
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
