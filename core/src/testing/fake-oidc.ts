// A local OpenID Connect authorization server for sign-in tests (Google, LinkedIn): it speaks the
// calls the providers' plugins make — authorize (consent is immediate, as the test's chosen user),
// token (one use per code, client credentials, redirect URI and PKCE checked, OAuth error bodies),
// userinfo and JWKS — with ID tokens signed RS256.
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { FakeProviderServer, readBody } from './fake-provider-server'

export interface FakeUser {
  sub: string
  email: string
  email_verified: boolean
  given_name?: string
  family_name?: string
}

export interface FakeOidcOptions {
  clientId: string
  clientSecret: string
  /** `basic` (HTTP Basic, as Google accepts) or `body` (client_secret in the form, as LinkedIn wants). */
  clientAuth: 'basic' | 'body'
}

interface IssuedCode {
  user: FakeUser
  redirectUri: string
  challenge: string | null
  used: boolean
}

export interface FakeOidcServer {
  url: string
  /** Who signs in at the next authorize call. */
  signInAs(user: FakeUser): void
  /** Follows the provider's authorize URL as the browser would; answers where it sends the shopper back. */
  authorize(location: string): Promise<URL>
  /** Token requests received, for assertions. */
  tokenRequests: URLSearchParams[]
  close(): Promise<void>
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(request))
}

class OidcServer extends FakeProviderServer {
  constructor(
    private readonly respond: (request: IncomingMessage, response: ServerResponse) => Promise<unknown>,
  ) {
    super('FakeOidc')
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await this.respond(request, response)
  }
}

export async function startFakeOidc(options: FakeOidcOptions): Promise<FakeOidcServer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-key-1', alg: 'RS256', use: 'sig' }
  const codes = new Map<string, IssuedCode>()
  const accessTokens = new Map<string, FakeUser>()
  const tokenRequests: URLSearchParams[] = []
  let nextUser: FakeUser | undefined
  let url = ''

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestUrl = new URL(request.url ?? '/', url)
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method === 'GET' && requestUrl.pathname === '/authorize') {
      const params = requestUrl.searchParams
      if (
        params.get('client_id') !== options.clientId ||
        params.get('response_type') !== 'code' ||
        !nextUser
      ) {
        return json(400, { error: 'invalid_request' })
      }
      const code = randomBytes(16).toString('hex')
      codes.set(code, {
        user: nextUser,
        redirectUri: params.get('redirect_uri') ?? '',
        challenge: params.get('code_challenge_method') === 'S256' ? params.get('code_challenge') : null,
        used: false,
      })
      const back = new URL(params.get('redirect_uri') ?? '')
      back.searchParams.set('code', code)
      back.searchParams.set('state', params.get('state') ?? '')
      response.writeHead(302, { location: back.toString() })
      return response.end()
    }
    if (request.method === 'POST' && requestUrl.pathname === '/token') {
      const form = await readForm(request)
      tokenRequests.push(form)
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1]
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')]
      const expectedAuth = options.clientAuth === 'basic' ? Boolean(basic) : !basic
      if (!expectedAuth || id !== options.clientId || secret !== options.clientSecret) {
        return json(401, { error: 'invalid_client' })
      }
      const issued = codes.get(form.get('code') ?? '')
      if (form.get('grant_type') !== 'authorization_code' || !issued || issued.used) {
        return json(400, {
          error: 'invalid_grant',
          error_description: 'The code is invalid or was already used',
        })
      }
      issued.used = true
      if (issued.redirectUri !== form.get('redirect_uri')) {
        return json(400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' })
      }
      if (issued.challenge) {
        const verifier = form.get('code_verifier') ?? ''
        if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) {
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' })
        }
      }
      const accessToken = randomBytes(16).toString('hex')
      accessTokens.set(accessToken, issued.user)
      const idToken = await new SignJWT({ ...issued.user })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setIssuer(url)
        .setAudience(options.clientId)
        .setSubject(issued.user.sub)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey)
      return json(200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken,
      })
    }
    if (request.method === 'GET' && requestUrl.pathname === '/userinfo') {
      const user = accessTokens.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '')
      if (!user) return json(401, { error: 'invalid_token' })
      return json(200, user)
    }
    if (request.method === 'GET' && requestUrl.pathname === '/jwks') return json(200, { keys: [jwk] })
    json(404, { error: 'not_found' })
  }
  const server = new OidcServer(handle)
  url = await server.start()

  return {
    url,
    tokenRequests,
    signInAs(user) {
      nextUser = user
    },
    async authorize(location) {
      const response = await fetch(location, { redirect: 'manual' })
      if (response.status !== 302)
        throw new Error(`authorize answered ${response.status}: ${await response.text()}`)
      return new URL(response.headers.get('location')!)
    },
    close: () => server.stop(),
  }
}
