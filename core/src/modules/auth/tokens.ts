// Access tokens: JWTs signed with HS256 (the only algorithm accepted), with issuer, audience and
// expiry checked. The audience names what a token is for, so a token made for one purpose (a staff
// session, a password reset) is refused for any other.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { errors, jwtVerify, SignJWT } from 'jose'
import type { Logger } from 'pino'
import type { ShopwrightConfig } from '../../kernel/config'

export const ISSUER = 'shopwright'
const ALGORITHM = 'HS256'

export type TokenPurpose = 'customer' | 'user' | 'password-reset' | 'verification'

export interface TokenClaims {
  actor_id: string
  actor_type: 'customer' | 'user'
  auth_identity_id: string
  /** The session (refresh-token family); empty for registration and reset tokens. */
  sid: string
  app_metadata: Record<string, unknown>
  /** A password-reset or verification token's one-time id. */
  jti?: string
}

export class TokenError extends Error {
  override name = 'TokenError'
}

/** The configured secret, or one made once for this project and kept under .shopwright/. */
export function loadJwtSecret(config: ShopwrightConfig, logger: Logger): Uint8Array {
  if (config.auth.jwtSecret) return new TextEncoder().encode(config.auth.jwtSecret)
  const file = path.join(config.projectDir, '.shopwright', 'jwt-secret')
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 })
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (process.env.NODE_ENV === 'production') {
      logger.warn(`auth.jwtSecret (JWT_SECRET) is not set: using a generated secret in ${file}`)
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim())
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}

export class TokenSigner {
  constructor(private readonly secret: Uint8Array) {}

  sign(claims: TokenClaims, purpose: TokenPurpose, ttlSeconds: number): Promise<string> {
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(`${ISSUER}:${purpose}`)
      .setSubject(claims.actor_id || claims.auth_identity_id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.secret)
  }

  /** The token's claims; TokenError saying why for a bad, expired or misdirected token. */
  async verify(token: string, purposes: TokenPurpose[]): Promise<TokenClaims & { aud: string }> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: purposes.map((purpose) => `${ISSUER}:${purpose}`),
      })
      return payload as unknown as TokenClaims & { aud: string }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('The token has expired')
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new TokenError(`The token is not valid here (${error.claim} mismatch)`)
      }
      throw new TokenError('The token is not valid')
    }
  }
}

/** Three base64url parts: a JWT rather than a secret API key. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)
}
