// Google sign-in (OpenID Connect) through arctic: authorization URL with state and PKCE (S256), code
// exchange, and the ID token verified against Google's keys (issuer, audience, expiry).
import type { AuthorizationRequest, AuthProvider, CallbackInput, ExternalIdentity } from '@shopwright/core'
import { CodeChallengeMethod, OAuth2Client } from 'arctic'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { z } from 'zod'

export const googleOptionsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The redirect URI registered with Google; core's /auth/customer/google/callback when unset. */
  callbackUrl: z.string().url().optional(),
  scopes: z.array(z.string()).default(['openid', 'email', 'profile']),
  // Google's endpoints; tests point them at a local fake.
  authorizationEndpoint: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  tokenEndpoint: z.string().url().default('https://oauth2.googleapis.com/token'),
  jwksUrl: z.string().url().default('https://www.googleapis.com/oauth2/v3/certs'),
  issuer: z.string().default('https://accounts.google.com'),
})

export type GoogleOptions = z.output<typeof googleOptionsSchema>

interface GoogleIdToken {
  sub: string
  email?: string
  email_verified?: boolean
  given_name?: string
  family_name?: string
  picture?: string
}

export class GoogleAuthProvider implements AuthProvider {
  readonly id = 'google'
  readonly callbackUrl: string | undefined
  private readonly keys: ReturnType<typeof createRemoteJWKSet>

  constructor(private readonly options: GoogleOptions) {
    this.callbackUrl = options.callbackUrl
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl))
  }

  createAuthorizationUrl(request: AuthorizationRequest): URL {
    return new OAuth2Client(
      this.options.clientId,
      this.options.clientSecret,
      request.redirectUri,
    ).createAuthorizationURLWithPKCE(
      this.options.authorizationEndpoint,
      request.state,
      CodeChallengeMethod.S256,
      request.codeVerifier,
      this.options.scopes,
    )
  }

  async validateCallback(input: CallbackInput): Promise<ExternalIdentity> {
    const client = new OAuth2Client(this.options.clientId, this.options.clientSecret, input.redirectUri)
    const tokens = await client.validateAuthorizationCode(
      this.options.tokenEndpoint,
      input.code,
      input.codeVerifier,
    )
    const { payload } = await jwtVerify<GoogleIdToken>(tokens.idToken(), this.keys, {
      issuer: this.options.issuer,
      audience: this.options.clientId,
      algorithms: ['RS256'],
    })
    return {
      provider_user_id: payload.sub,
      email: payload.email ?? null,
      email_verified: payload.email_verified === true,
      first_name: payload.given_name ?? null,
      last_name: payload.family_name ?? null,
      picture: payload.picture ?? null,
    }
  }
}
