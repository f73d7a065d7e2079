// Sign-in: email and password, one-time codes, outside providers; access and refresh tokens, cookie
// sessions, password reset and email verification. Answers never say whether an account exists.
import type { AwilixContainer } from 'awilix'
import type { Logger } from 'pino'
import type { Database, EntityManager } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import type { KeyValueStore } from '../../infra/kv'
import type { RateLimiter, RateLimits } from '../../infra/rate-limits'
import type { ShopwrightConfig } from '../../kernel/config'
import { InvalidDataError, UnauthorizedError } from '../../kernel/errors'
import type { Providers } from '../../kernel/providers'
import { AuthIdentity, RefreshToken } from './entities'
import { AuthEvents, type EmailVerified } from './events'
import type { CustomerAccounts, TransactionalMessage, TransactionalSender } from './messages'
import { CODE_TTL_MS, type OneTimeCodes } from './one-time-codes'
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords'
import type { ExternalIdentity } from './provider'
import { randomToken, sha256, type TokenClaims, type TokenSigner } from './tokens'

export type ActorType = 'customer' | 'user'

export interface SignedIn {
  token: string
  refresh_token: string
}

/** A password that needs its second factor: a code went to the email; the token opens nothing. */
export interface SecondFactorChallenge {
  token: string
  mfa_challenge: { id: string; method: 'email' }
}

type Identity = {
  id: string
  actor_type: string
  actor_id?: string | null
  provider: string
  entity_id: string
  email?: string | null
  email_verified: boolean
  password_hash?: string | null
  second_factor?: string | null
}

const RESET_TOKEN_SECONDS = 15 * 60
const OAUTH_STATE_MS = 10 * 60_000
const WRONG_CREDENTIALS = 'Invalid email or password'

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export class AuthService {
  private readonly limits: Record<
    'signIn' | 'signInIp' | 'register' | 'codeRequest' | 'codeIp' | 'codeCheck',
    RateLimiter
  >

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly kv: KeyValueStore,
    rateLimits: RateLimits,
    private readonly signer: TokenSigner,
    private readonly codes: OneTimeCodes,
    private readonly providers: Providers,
    private readonly config: ShopwrightConfig,
    private readonly logger: Logger,
    private readonly container: AwilixContainer,
  ) {
    const perIp = config.auth.ipRateLimit
    this.limits = {
      signIn: rateLimits.limiter({ name: 'auth.sign-in', points: 10, durationSeconds: 15 * 60 }),
      signInIp: rateLimits.limiter({ name: 'auth.sign-in.ip', points: perIp, durationSeconds: 15 * 60 }),
      register: rateLimits.limiter({ name: 'auth.register.ip', points: perIp, durationSeconds: 15 * 60 }),
      codeRequest: rateLimits.limiter({ name: 'auth.code.request', points: 5, durationSeconds: 60 * 60 }),
      codeIp: rateLimits.limiter({ name: 'auth.code.ip', points: perIp, durationSeconds: 15 * 60 }),
      codeCheck: rateLimits.limiter({ name: 'auth.code.check', points: 20, durationSeconds: 15 * 60 }),
    }
  }

  // --- email and password -------------------------------------------------------------------------

  /**
   * A registration token for a new email. For an email that already has an account the answer looks
   * the same (the work too), the token leads nowhere, and the owner is sent a password-reset link.
   */
  async register(
    actorType: ActorType,
    email: string,
    password: string,
    ip: string,
  ): Promise<{ token: string }> {
    await this.limits.register.consume(ip)
    checkPasswordRules(password)
    const entityId = normalizeEmail(email)
    const passwordHash = await hashPassword(password)
    const outcome = await this.db.transaction(async (em) => {
      const existing = await em.findOne(AuthIdentity, {
        actor_type: actorType,
        provider: 'emailpass',
        entity_id: entityId,
      })
      if (existing?.actor_id) return { identityId: generateId('authid'), taken: true }
      if (existing) {
        // An unfinished registration taken over with a new password: whoever holds it now has proven
        // nothing about the email, whatever an earlier holder did.
        existing.password_hash = passwordHash
        existing.email_verified = false
        return { identityId: existing.id, taken: false }
      }
      const identity = em.create(AuthIdentity, {
        id: generateId('authid'),
        actor_type: actorType,
        actor_id: null,
        provider: 'emailpass',
        entity_id: entityId,
        email: entityId,
        email_verified: false,
        password_hash: passwordHash,
      })
      this.events.emit(em, AuthEvents.identityCreated, { id: identity.id, actor_type: actorType })
      return { identityId: identity.id, taken: false }
    })
    if (outcome.taken) await this.requestPasswordReset(actorType, entityId, ip, { skipLimits: true })
    const token = await this.signer.sign(
      {
        actor_id: '',
        actor_type: actorType,
        auth_identity_id: outcome.identityId,
        sid: '',
        app_metadata: {},
      },
      actorType,
      this.config.auth.accessTokenMinutes * 60,
    )
    return { token }
  }

  async signIn(
    actorType: ActorType,
    email: string,
    password: string,
    ip: string,
  ): Promise<SignedIn | SecondFactorChallenge> {
    const entityId = normalizeEmail(email)
    await this.limits.signInIp.consume(ip)
    await this.limits.signIn.consume(`${actorType}:${entityId}`)
    const identity = await this.db
      .em()
      .findOne(AuthIdentity, { actor_type: actorType, provider: 'emailpass', entity_id: entityId })
    const valid = await verifyPassword(identity?.password_hash, password)
    if (!identity || !valid) throw new UnauthorizedError(WRONG_CREDENTIALS)
    await this.limits.signIn.reset(`${actorType}:${entityId}`)
    if (identity.second_factor === 'email' && identity.email) return this.challengeSecondFactor(identity)
    return this.startSession(identity)
  }

  private async challengeSecondFactor(identity: Identity): Promise<SecondFactorChallenge> {
    const challengeId = generateId('mfa')
    const issued = await this.codes.issue('second-factor', identity.id, { challenge_id: challengeId })
    await this.kv.set(`auth:mfa:${challengeId}`, identity.id, CODE_TTL_MS)
    await this.send({
      template: 'otp_code',
      channel: 'email',
      to: identity.email!,
      data: { code: issued.code, expires_in_minutes: CODE_TTL_MS / 60_000, purpose: 'second-factor' },
      idempotency_key: `otp_code:${issued.id}`,
      customer_id: identity.actor_type === 'customer' ? identity.actor_id : null,
    })
    const token = await this.signer.sign(
      {
        actor_id: '',
        actor_type: identity.actor_type as ActorType,
        auth_identity_id: identity.id,
        sid: '',
        app_metadata: {},
      },
      'verification',
      CODE_TTL_MS / 1000,
    )
    return { token, mfa_challenge: { id: challengeId, method: 'email' } }
  }

  /** Completes a password sign-in with the code of its second factor (at most 5 tries). */
  async verifySecondFactor(challengeId: string, code: string, ip: string): Promise<SignedIn> {
    await this.limits.codeCheck.consume(ip)
    const identityId = await this.kv.get(`auth:mfa:${challengeId}`)
    if (!identityId)
      throw new UnauthorizedError('The sign-in challenge is unknown or has expired: sign in again')
    const payload = await this.codes.consume('second-factor', identityId, code)
    if (payload.challenge_id !== challengeId) throw new UnauthorizedError('The code is wrong or has expired')
    await this.kv.delete(`auth:mfa:${challengeId}`)
    const identity = await this.db.em().findOne(AuthIdentity, { id: identityId })
    if (!identity) throw new UnauthorizedError('The code is wrong or has expired')
    return this.startSession(identity)
  }

  /** Turns the emailed second factor on or off for an actor's password sign-in; on needs a verified email. */
  async setSecondFactor(actorType: ActorType, actorId: string, enabled: boolean): Promise<'email' | null> {
    const em = this.db.em()
    const identity = await em.findOne(AuthIdentity, {
      actor_type: actorType,
      actor_id: actorId,
      provider: 'emailpass',
    })
    if (!identity)
      throw new InvalidDataError('This account signs in without a password, so it has no second factor')
    if (enabled && !identity.email_verified) {
      throw new InvalidDataError('Verify your email address first: the second factor is a code sent to it')
    }
    const value = enabled ? 'email' : null
    await em.nativeUpdate(AuthIdentity, { id: identity.id }, { second_factor: value })
    return value
  }

  /** Links a registration's identity to the actor it created (once). */
  async linkActor(
    authIdentityId: string,
    actorType: ActorType,
    actorId: string,
    em?: EntityManager,
  ): Promise<void> {
    const run = async (tx: EntityManager) => {
      const updated = await tx.nativeUpdate(
        AuthIdentity,
        { id: authIdentityId, actor_type: actorType, actor_id: null },
        { actor_id: actorId },
      )
      if (updated !== 1)
        throw new UnauthorizedError('The registration token is not valid or was already used')
      // An email verified before the registration completed is proven for the new actor too.
      const identity = await tx.findOneOrFail(AuthIdentity, { id: authIdentityId })
      if (identity.email_verified && identity.email) {
        this.emailProven(tx, { ...identity, actor_id: actorId }, identity.email)
      }
    }
    if (em) await run(em)
    else await this.db.transaction(run)
  }

  /** The registration identity behind a token, for completing a registration. */
  async pendingIdentity(
    authIdentityId: string,
    actorType: ActorType,
  ): Promise<{ id: string; email: string | null }> {
    const identity = await this.db.em().findOne(AuthIdentity, { id: authIdentityId, actor_type: actorType })
    if (!identity || identity.actor_id) {
      throw new UnauthorizedError('The registration token is not valid or was already used')
    }
    return { id: identity.id, email: identity.email ?? null }
  }

  /** An email-and-password identity for a staff user or customer made by core (CLI, invites). */
  async createPasswordIdentity(
    em: EntityManager,
    input: { actorType: ActorType; actorId: string; email: string; password: string },
  ): Promise<void> {
    checkPasswordRules(input.password)
    const email = normalizeEmail(input.email)
    em.create(AuthIdentity, {
      id: generateId('authid'),
      actor_type: input.actorType,
      actor_id: input.actorId,
      provider: 'emailpass',
      entity_id: email,
      email,
      email_verified: true,
      password_hash: await hashPassword(input.password),
    })
  }

  /** The email-and-password identity of an actor (to sign in someone core just created). */
  async identityOf(actorType: ActorType, actorId: string): Promise<Identity> {
    const identity = await this.db
      .em()
      .findOne(AuthIdentity, { actor_type: actorType, actor_id: actorId, provider: 'emailpass' })
    if (!identity) throw new UnauthorizedError('This account cannot sign in with a password')
    return identity
  }

  /** Removes every way to sign in as this actor and ends their sessions. */
  async removeActor(em: EntityManager, actorType: ActorType, actorId: string): Promise<void> {
    await em.nativeDelete(AuthIdentity, { actor_type: actorType, actor_id: actorId })
    await em.nativeUpdate(
      RefreshToken,
      { actor_type: actorType, actor_id: actorId, revoked_at: null },
      { revoked_at: new Date() },
    )
  }

  // --- password reset ------------------------------------------------------------------------------

  /** Always the same answer; an account (if any) is sent a reset link that holds a 15-minute token. */
  async requestPasswordReset(
    actorType: ActorType,
    email: string,
    ip: string,
    options: { skipLimits?: boolean } = {},
  ): Promise<void> {
    const entityId = normalizeEmail(email)
    if (!options.skipLimits) {
      await this.limits.codeIp.consume(ip)
      await this.limits.codeRequest.consume(`reset:${actorType}:${entityId}`)
    }
    const identity = await this.db
      .em()
      .findOne(AuthIdentity, { actor_type: actorType, provider: 'emailpass', entity_id: entityId })
    if (!identity?.actor_id) return
    const jti = generateId('reset')
    await this.kv.set(`auth:reset:${jti}`, identity.id, RESET_TOKEN_SECONDS * 1000)
    const token = await this.signer.sign(
      {
        actor_id: identity.actor_id,
        actor_type: actorType,
        auth_identity_id: identity.id,
        sid: '',
        app_metadata: {},
        jti,
      },
      'password-reset',
      RESET_TOKEN_SECONDS,
    )
    await this.events.publish(AuthEvents.passwordReset, { entity_id: entityId, actor_type: actorType })
    await this.send({
      template: 'password_reset',
      channel: 'email',
      to: entityId,
      data: {
        token,
        reset_url: `${this.config.auth.resetPasswordUrl}?token=${encodeURIComponent(token)}`,
        actor_type: actorType,
        expires_in_minutes: RESET_TOKEN_SECONDS / 60,
      },
      idempotency_key: `password_reset:${jti}`,
      customer_id: actorType === 'customer' ? identity.actor_id : null,
    })
  }

  /** Sets a new password with a reset token (once) and ends every session of that account. */
  async updatePassword(resetToken: string, password: string): Promise<void> {
    checkPasswordRules(password)
    const claims = await this.verifyOrRefuse(resetToken, ['password-reset'])
    const identityId = claims.jti ? await this.kv.get(`auth:reset:${claims.jti}`) : undefined
    if (!identityId || identityId !== claims.auth_identity_id) {
      throw new UnauthorizedError('The reset token is not valid or was already used')
    }
    await this.kv.delete(`auth:reset:${claims.jti}`)
    const passwordHash = await hashPassword(password)
    await this.db.transaction(async (em) => {
      await em.nativeUpdate(AuthIdentity, { id: identityId }, { password_hash: passwordHash })
      await em.nativeUpdate(
        RefreshToken,
        { auth_identity_id: identityId, revoked_at: null },
        { revoked_at: new Date() },
      )
      this.events.emit(em, AuthEvents.passwordUpdated, { auth_identity_id: identityId })
    })
  }

  // --- tokens and sessions -------------------------------------------------------------------------

  private async accessToken(identity: Identity, sid: string): Promise<string> {
    const actorType = identity.actor_type as ActorType
    return this.signer.sign(
      {
        actor_id: identity.actor_id ?? '',
        actor_type: actorType,
        auth_identity_id: identity.id,
        sid,
        app_metadata: identity.actor_id ? { [`${actorType}_id`]: identity.actor_id } : {},
      },
      actorType,
      this.config.auth.accessTokenMinutes * 60,
    )
  }

  /** A new session: an access token and the first refresh token of a new family. */
  async startSession(identity: Identity): Promise<SignedIn> {
    if (!identity.actor_id) {
      // A registration that was never completed: a token to complete it with, as Medusa answers.
      return { token: await this.accessToken(identity, ''), refresh_token: '' }
    }
    const familyId = generateId('sess')
    const refreshToken = await this.db.transaction((em) =>
      this.addRefreshToken(em, familyId, identity as Identity & { actor_id: string }),
    )
    return { token: await this.accessToken(identity, familyId), refresh_token: refreshToken }
  }

  private async addRefreshToken(
    em: EntityManager,
    familyId: string,
    identity: { id: string; actor_type: string; actor_id: string },
  ): Promise<string> {
    const token = randomToken('rt')
    em.create(RefreshToken, {
      id: generateId('rtok'),
      family_id: familyId,
      token_hash: sha256(token),
      auth_identity_id: identity.id,
      actor_type: identity.actor_type,
      actor_id: identity.actor_id,
      expires_at: new Date(Date.now() + this.config.auth.refreshTokenDays * 24 * 3600_000),
    })
    return token
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once: presenting a used one means
   * it was stolen or replayed, and the whole family (every token of that sign-in) is revoked.
   */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const hash = sha256(refreshToken)
    const outcome = await this.db.transaction(async (em) => {
      const found = await em.findOne(RefreshToken, { token_hash: hash })
      if (!found || found.revoked_at || found.expires_at.getTime() <= Date.now())
        return { refused: true as const }
      // A conditional update, so two requests racing with the same token cannot both win.
      const claimed = await em.nativeUpdate(
        RefreshToken,
        { id: found.id, used_at: null },
        { used_at: new Date() },
      )
      if (claimed !== 1) return { reused: found.family_id }
      const identity = await em.findOne(AuthIdentity, { id: found.auth_identity_id })
      if (!identity?.actor_id) return { refused: true as const }
      const next = await this.addRefreshToken(
        em,
        found.family_id,
        identity as Identity & { actor_id: string },
      )
      return { identity, familyId: found.family_id, next }
    })
    if ('reused' in outcome && outcome.reused) {
      await this.revokeFamily(outcome.reused, true)
      throw new UnauthorizedError('The refresh token was already used: this session has been signed out')
    }
    if (!('identity' in outcome) || !outcome.identity) {
      throw new UnauthorizedError('The refresh token is not valid or has expired')
    }
    return { token: await this.accessToken(outcome.identity, outcome.familyId), refresh_token: outcome.next }
  }

  /** Medusa's refresh: a still-valid access token for a fresh one, while its session lives. */
  async refreshAccessToken(claims: TokenClaims): Promise<{ token: string }> {
    const em = this.db.em()
    if (claims.sid) {
      const live = await em.count(RefreshToken, {
        family_id: claims.sid,
        revoked_at: null,
        expires_at: { $gt: new Date() },
      })
      if (!live) throw new UnauthorizedError('This session has ended; sign in again')
    }
    const identity = await em.findOne(AuthIdentity, { id: claims.auth_identity_id })
    if (!identity) throw new UnauthorizedError('The token is not valid')
    return { token: await this.accessToken(identity, claims.sid) }
  }

  async revokeFamily(familyId: string, reused = false): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.nativeUpdate(
        RefreshToken,
        { family_id: familyId, revoked_at: null },
        { revoked_at: new Date() },
      )
      if (reused) this.events.emit(em, AuthEvents.refreshTokenReused, { family_id: familyId })
    })
  }

  /** Verifies a JWT for these purposes; 401 saying why when it is not valid. */
  async verifyOrRefuse(token: string, purposes: Parameters<TokenSigner['verify']>[1]): Promise<TokenClaims> {
    try {
      return await this.signer.verify(token, purposes)
    } catch (error) {
      throw new UnauthorizedError((error as Error).message)
    }
  }

  // --- one-time codes ------------------------------------------------------------------------------

  /** Sends a sign-in code to a customer's email or phone; the same answer whether or not one exists. */
  async requestSignInCode(by: { email?: string; phone?: string }, ip: string): Promise<void> {
    const { channel, address } = this.codeAddress(by)
    await this.limits.codeIp.consume(ip)
    await this.limits.codeRequest.consume(`sign-in:${address}`)
    const account = await this.customers().findAccount(
      channel === 'email' ? { email: address } : { phone: address },
    )
    const issued = await this.codes.issue('sign-in', address, { customer_id: account?.id ?? '' })
    if (!account) return
    await this.send({
      template: 'otp_code',
      channel,
      to: address,
      data: { code: issued.code, expires_in_minutes: CODE_TTL_MS / 60_000, purpose: 'sign-in' },
      idempotency_key: `otp_code:${issued.id}`,
      customer_id: account.id,
    })
  }

  async verifySignInCode(
    by: { email?: string; phone?: string },
    code: string,
    ip: string,
  ): Promise<SignedIn> {
    const { channel, address } = this.codeAddress(by)
    await this.limits.codeCheck.consume(ip)
    const payload = await this.codes.consume('sign-in', address, code)
    if (!payload.customer_id) throw new UnauthorizedError('The code is wrong or has expired')
    const em = this.db.em()
    const identities = await em.find(AuthIdentity, { actor_type: 'customer', actor_id: payload.customer_id })
    const identity = identities.find((candidate) => candidate.provider === 'emailpass') ?? identities[0]
    if (!identity) throw new UnauthorizedError('The code is wrong or has expired')
    if (channel === 'email') {
      // The code reached the inbox: the email is proven, now as well as for the identity it names.
      await this.db.transaction(async (tx) => {
        if (!identity.email_verified && identity.email === address) {
          await tx.nativeUpdate(AuthIdentity, { id: identity.id }, { email_verified: true })
        }
        this.emailProven(tx, { ...identity, actor_id: payload.customer_id }, address)
      })
    }
    return this.startSession(identity)
  }

  /** Sends an email-verification code to the signed-in identity's own email. */
  async requestVerification(
    authIdentityId: string,
    entityId: string,
    ip: string,
  ): Promise<{ entity_id: string }> {
    await this.limits.codeIp.consume(ip)
    const identity = await this.db.em().findOne(AuthIdentity, { id: authIdentityId })
    const email = normalizeEmail(entityId)
    if (!identity || identity.email !== email) {
      throw new InvalidDataError('You can only verify the email address you signed up with')
    }
    await this.limits.codeRequest.consume(`verify:${email}`)
    const issued = await this.codes.issue('verify-email', email, { auth_identity_id: identity.id })
    await this.send({
      template: 'email_verification',
      channel: 'email',
      to: email,
      data: { code: issued.code, expires_in_minutes: CODE_TTL_MS / 60_000 },
      idempotency_key: `email_verification:${issued.id}`,
      customer_id: identity.actor_type === 'customer' ? identity.actor_id : null,
    })
    return { entity_id: email }
  }

  async confirmVerification(
    authIdentityId: string,
    code: string,
    ip: string,
  ): Promise<{ entity_id: string }> {
    await this.limits.codeCheck.consume(ip)
    const identity = await this.db.em().findOne(AuthIdentity, { id: authIdentityId })
    const email = identity?.email
    if (!identity || !email) throw new UnauthorizedError('The code is wrong or has expired')
    const payload = await this.codes.consume('verify-email', email, code)
    if (payload.auth_identity_id !== identity.id)
      throw new UnauthorizedError('The code is wrong or has expired')
    await this.db.transaction(async (em) => {
      await em.nativeUpdate(AuthIdentity, { id: identity.id }, { email_verified: true })
      this.emailProven(em, identity, email)
    })
    return { entity_id: email }
  }

  /** The signed-in identity's email and whether its owner has proven it. */
  async emailVerification(authIdentityId: string): Promise<{ email: string | null; verified: boolean }> {
    const identity = await this.db.em().findOne(AuthIdentity, { id: authIdentityId })
    if (!identity) throw new UnauthorizedError('Sign in first')
    return { email: identity.email ?? null, verified: identity.email_verified }
  }

  /** Records, with the change that proved it, that the identity's holder owns `email`. */
  private emailProven(em: EntityManager, identity: Identity, email: string): void {
    this.events.emit(em, AuthEvents.emailVerified, {
      auth_identity_id: identity.id,
      actor_type: identity.actor_type,
      actor_id: identity.actor_id ?? null,
      email: normalizeEmail(email),
    } satisfies EmailVerified)
  }

  private codeAddress(by: { email?: string; phone?: string }): { channel: 'email' | 'sms'; address: string } {
    if (by.email) return { channel: 'email', address: normalizeEmail(by.email) }
    if (by.phone) return { channel: 'sms', address: by.phone.replace(/[\s()-]/g, '') }
    throw new InvalidDataError('Send an email or a phone number')
  }

  /**
   * After a registration: a code that verifies the email (the notification module welcomes the
   * customer on `customer.created`).
   */
  async sendEmailVerification(authIdentityId: string, account: { id: string; email: string }): Promise<void> {
    try {
      const issued = await this.codes.issue('verify-email', account.email, {
        auth_identity_id: authIdentityId,
      })
      await this.send({
        template: 'email_verification',
        channel: 'email',
        to: account.email,
        data: { code: issued.code, expires_in_minutes: CODE_TTL_MS / 60_000 },
        idempotency_key: `email_verification:${issued.id}`,
        customer_id: account.id,
      })
    } catch (error) {
      // The account exists either way; the customer can ask for a verification code again.
      this.logger.warn({ err: error, customer_id: account.id }, 'could not send the email verification code')
    }
  }

  // --- outside providers (Google, LinkedIn, …) -----------------------------------------------------

  /** Where to send the shopper to sign in with the provider; state and PKCE verifier kept once. */
  async authorizationUrl(
    provider: string,
    actorType: ActorType,
    origin: string,
  ): Promise<{ location: string }> {
    const chosen = this.providers.auth.get(provider)
    const state = randomToken('st', 24)
    const codeVerifier = randomToken('cv', 32)
    const redirectUri = chosen.callbackUrl ?? `${origin}/auth/${actorType}/${provider}/callback`
    await this.kv.set(
      `auth:oauth:${state}`,
      JSON.stringify({ provider, actorType, codeVerifier, redirectUri }),
      OAUTH_STATE_MS,
    )
    const url = await chosen.createAuthorizationUrl({ state, codeVerifier, redirectUri })
    return { location: url.toString() }
  }

  /** Completes a provider sign-in: refuses a forged or reused state, a refused code, an unverified email. */
  async completeProviderSignIn(
    provider: string,
    actorType: ActorType,
    input: { code: string; state: string },
  ): Promise<SignedIn> {
    const raw = await this.kv.get(`auth:oauth:${input.state}`)
    const claimed = raw && (await this.kv.setIfAbsent(`auth:oauth:${input.state}:used`, '1', OAUTH_STATE_MS))
    if (!raw || !claimed) {
      throw new UnauthorizedError(
        'The sign-in state is unknown, expired or already used: start the sign-in again',
      )
    }
    await this.kv.delete(`auth:oauth:${input.state}`)
    const saved = JSON.parse(raw) as {
      provider: string
      actorType: string
      codeVerifier: string
      redirectUri: string
    }
    if (saved.provider !== provider || saved.actorType !== actorType) {
      throw new UnauthorizedError('The sign-in state belongs to another provider: start the sign-in again')
    }
    let external: ExternalIdentity
    try {
      external = await this.providers.auth.get(provider).validateCallback({
        code: input.code,
        codeVerifier: saved.codeVerifier,
        redirectUri: saved.redirectUri,
      })
    } catch (error) {
      this.logger.info({ err: error, provider }, 'provider refused the sign-in code')
      throw new UnauthorizedError(`${provider} did not accept the sign-in code: start the sign-in again`)
    }
    if (actorType !== 'customer') throw new UnauthorizedError('Staff sign in with email and password')
    return this.signInExternal(provider, external)
  }

  private async signInExternal(provider: string, external: ExternalIdentity): Promise<SignedIn> {
    if (!external.email || !external.email_verified) {
      throw new InvalidDataError(
        `${provider} has not verified this account's email address; verify it there, or register with email and password`,
      )
    }
    const email = normalizeEmail(external.email)
    const em = this.db.em()
    const known = await em.findOne(AuthIdentity, {
      actor_type: 'customer',
      provider,
      entity_id: external.provider_user_id,
    })
    // The provider vouches for the email on every sign-in: that proves it, as an emailed code does.
    if (known?.actor_id) {
      await this.db.transaction(async (tx) => this.emailProven(tx, known, email))
      return this.startSession(known)
    }
    // The same verified email as an existing account: the same customer, not a second one.
    const account =
      (await this.customers().findAccount({ email })) ??
      (await this.customers().createAccount({
        email,
        first_name: external.first_name ?? null,
        last_name: external.last_name ?? null,
      }))
    const identity = await this.db.transaction(async (tx) => {
      const created = tx.create(AuthIdentity, {
        id: generateId('authid'),
        actor_type: 'customer',
        actor_id: account.id,
        provider,
        entity_id: external.provider_user_id,
        email,
        email_verified: true,
        password_hash: null,
      })
      this.events.emit(tx, AuthEvents.identityCreated, { id: created.id, actor_type: 'customer', provider })
      this.emailProven(tx, created, email)
      return created
    })
    return this.startSession(identity)
  }

  // --- collaborators -------------------------------------------------------------------------------

  private customers(): CustomerAccounts {
    return this.container.resolve<CustomerAccounts>('customerService')
  }

  /** Hands a message to the notification module; a store without one logs that nothing was sent. */
  private async send(message: TransactionalMessage): Promise<void> {
    if (!this.container.hasRegistration('notificationService')) {
      this.logger.warn({ template: message.template }, 'no notification service registered: message not sent')
      return
    }
    await this.container.resolve<TransactionalSender>('notificationService').sendTransactional(message)
  }
}
