// Google sign-in (OpenID Connect) through arctic: authorization URL with state and PKCE (S256), code
// exchange, and the ID token verified against Google's keys (issuer, audience, expiry).
import {
  type AuthorizationRequest,
  type AuthProvider,
  authProviderOptionsSchema,
  type CallbackInput,
  type ExternalIdentity,
  identityFromClaims,
} from '@shopwright/core'
import { CodeChallengeMethod, OAuth2Client } from 'arctic'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { z } from 'zod'

export const googleOptionsSchema = authProviderOptionsSchema.extend({
  scopes: z.array(z.string()).default(['openid', 'email', 'profile']),
  // Google's endpoints; tests point them at a local fake.
  authorizationEndpoint: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  tokenEndpoint: z.string().url().default('https://oauth2.googleapis.com/token'),
  jwksUrl: z.string().url().default('https://www.googleapis.com/oauth2/v3/certs'),
  issuer: z.string().default('https://accounts.google.com'),
})

export type GoogleOptions = z.output<typeof googleOptionsSchema>

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
    const { payload } = await jwtVerify<Parameters<typeof identityFromClaims>[0]>(
      tokens.idToken(),
      this.keys,
      {
        issuer: this.options.issuer,
        audience: this.options.clientId,
        algorithms: ['RS256'],
      },
    )
    return identityFromClaims(payload)
  }
}
