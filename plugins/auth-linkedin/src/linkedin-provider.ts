// LinkedIn sign-in ("Sign In with LinkedIn using OpenID Connect") through arctic: authorization URL
// with state, code exchange with the client secret in the form (LinkedIn refuses HTTP Basic), then
// the member's identity from the userinfo endpoint. LinkedIn offers PKCE to native apps only, so a
// web store's sign-in rests on the state and the client secret.
import {
  type AuthorizationRequest,
  type AuthProvider,
  authProviderOptionsSchema,
  type CallbackInput,
  type ExternalIdentity,
  identityFromClaims,
} from '@shopwright/core'
import { OAuth2Client, OAuth2RequestError, OAuth2Tokens, UnexpectedResponseError } from 'arctic'
import { z } from 'zod'

export const linkedinOptionsSchema = authProviderOptionsSchema.extend({
  scopes: z.array(z.string()).default(['openid', 'profile', 'email']),
  // LinkedIn's endpoints; tests point them at a local fake.
  authorizationEndpoint: z.string().url().default('https://www.linkedin.com/oauth/v2/authorization'),
  tokenEndpoint: z.string().url().default('https://www.linkedin.com/oauth/v2/accessToken'),
  userinfoEndpoint: z.string().url().default('https://api.linkedin.com/v2/userinfo'),
})

export type LinkedInOptions = z.output<typeof linkedinOptionsSchema>

export class LinkedInAuthProvider implements AuthProvider {
  readonly id = 'linkedin'
  readonly callbackUrl: string | undefined

  constructor(private readonly options: LinkedInOptions) {
    this.callbackUrl = options.callbackUrl
  }

  createAuthorizationUrl(request: AuthorizationRequest): URL {
    return new OAuth2Client(this.options.clientId, null, request.redirectUri).createAuthorizationURL(
      this.options.authorizationEndpoint,
      request.state,
      this.options.scopes,
    )
  }

  async validateCallback(input: CallbackInput): Promise<ExternalIdentity> {
    const tokens = await this.exchangeCode(input)
    const response = await fetch(this.options.userinfoEndpoint, {
      headers: { authorization: `Bearer ${tokens.accessToken()}` },
    })
    if (!response.ok) throw new UnexpectedResponseError(response.status)
    return identityFromClaims((await response.json()) as Parameters<typeof identityFromClaims>[0])
  }

  /** The token request as arctic's LinkedIn client makes it, at the configured endpoint. */
  private async exchangeCode(input: CallbackInput): Promise<OAuth2Tokens> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    })
    const response = await fetch(this.options.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    })
    const result = (await response.json().catch(() => null)) as Record<string, unknown> | null
    if (!response.ok || !result || typeof result.access_token !== 'string') {
      if (result && typeof result.error === 'string') {
        throw new OAuth2RequestError(result.error, (result.error_description as string) ?? null, null, null)
      }
      throw new UnexpectedResponseError(response.status)
    }
    return new OAuth2Tokens(result)
  }
}
