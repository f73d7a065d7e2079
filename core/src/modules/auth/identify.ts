// Reads who is calling: a bearer JWT, a cookie session, or a secret API key (`Bearer sk_…` or
// `Basic base64(sk_…:)`). A bad credential leaves the caller anonymous with the reason kept, so a
// route that needs sign-in can say why it refused.
import type { AwilixContainer } from 'awilix'
import type { Context } from 'koa'
import type { Authentication, CallerIdentifier } from '../../http/actor'
import type { KeyValueStore } from '../../infra/kv'
import type { ShopwrightConfig } from '../../kernel/config'
import { looksLikeJwt, randomToken, sha256, type TokenClaims, TokenError, type TokenSigner } from './tokens'

export const SESSION_COOKIE = 'shopwright.sid'

/** Checks a secret API key (the user module provides it as `secretKeyVerifier`). */
export interface SecretKeyVerifier {
  /** The key's id, or null for an unknown or revoked key. */
  verifySecretKey(secret: string): Promise<{ id: string } | null>
}

export class TokenCallerIdentifier implements CallerIdentifier {
  readonly sessionCookie = SESSION_COOKIE

  constructor(
    private readonly signer: TokenSigner,
    private readonly kv: KeyValueStore,
    private readonly config: ShopwrightConfig,
    private readonly container: AwilixContainer,
  ) {}

  async identify(koa: Context): Promise<void> {
    const header = koa.get('authorization')
    if (header) return this.fromHeader(koa, header)
    const sid = koa.cookies.get(SESSION_COOKIE)
    if (!sid) return
    const raw = await this.kv.get(this.sessionKey(sid))
    if (!raw) {
      koa.state.authError = 'The session has ended; sign in again'
      return
    }
    this.set(koa, JSON.parse(raw) as Authentication)
  }

  private async fromHeader(koa: Context, header: string): Promise<void> {
    const [scheme = '', value = ''] = header.split(' ', 2)
    if (/^bearer$/i.test(scheme) && looksLikeJwt(value)) {
      try {
        const claims = await this.signer.verify(value, ['customer', 'user'])
        koa.state.tokenClaims = claims
        this.set(koa, authenticationOf(claims))
      } catch (error) {
        if (!(error instanceof TokenError)) throw error
        koa.state.authError = error.message
      }
      return
    }
    const secret = /^basic$/i.test(scheme)
      ? Buffer.from(value, 'base64').toString('utf8').split(':')[0]
      : /^bearer$/i.test(scheme)
        ? value
        : undefined
    if (!secret || !this.container.hasRegistration('secretKeyVerifier')) {
      koa.state.authError = 'Unsupported authorization header'
      return
    }
    const key = await this.container.resolve<SecretKeyVerifier>('secretKeyVerifier').verifySecretKey(secret)
    if (!key) {
      koa.state.authError = 'The API key is not valid or was revoked'
      return
    }
    this.set(koa, {
      actor: { type: 'api_key', id: key.id },
      actor_type: 'api_key',
      auth_identity_id: null,
      session_id: null,
    })
  }

  private set(koa: Context, authentication: Authentication): void {
    koa.state.auth = authentication
    koa.state.actor = authentication.actor ?? undefined
  }

  private sessionKey(sid: string): string {
    return `auth:session:${sha256(sid)}`
  }

  /** Starts a cookie session for a valid access token (POST /auth/session). */
  async startCookieSession(koa: Context, authentication: Authentication): Promise<void> {
    const sid = randomToken('sid')
    const maxAge = this.config.auth.refreshTokenDays * 24 * 3600_000
    await this.kv.set(this.sessionKey(sid), JSON.stringify(authentication), maxAge)
    koa.cookies.set(SESSION_COOKIE, sid, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.secureCookies,
      maxAge,
      overwrite: true,
    })
  }

  async endCookieSession(koa: Context): Promise<void> {
    const sid = koa.cookies.get(SESSION_COOKIE)
    if (sid) await this.kv.delete(this.sessionKey(sid))
    koa.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'lax', overwrite: true })
  }
}

export function authenticationOf(claims: TokenClaims): Authentication {
  return {
    actor: claims.actor_id ? { type: claims.actor_type, id: claims.actor_id } : null,
    actor_type: claims.actor_type,
    auth_identity_id: claims.auth_identity_id,
    session_id: claims.sid || null,
  }
}
