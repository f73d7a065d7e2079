// Sign-in identities and refresh tokens. An identity is one way to sign in (email and password, or
// an outside provider's subject) for one actor type; several identities may point at one actor.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const AuthIdentity = defineEntity({
  name: 'AuthIdentity',
  tableName: 'auth_identity',
  properties: {
    id: p.string().length(40).primary(),
    /** `customer` or `user`. */
    actor_type: p.string().length(16),
    /** The customer or user it signs in as; null until registration completes. */
    actor_id: p.string().length(40).nullable().index(),
    /** `emailpass`, `google`, `linkedin`, … */
    provider: p.string().length(32),
    /** The email (lower-cased) for emailpass, the provider's subject id otherwise. */
    entity_id: p.string().length(191),
    email: p.string().length(191).nullable(),
    email_verified: p.boolean().default(false),
    password_hash: p.string().length(255).nullable(),
    /** `email`: a password sign-in also needs a one-time code sent to the verified email. */
    second_factor: p.string().length(8).nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['actor_type', 'provider', 'entity_id'] }],
})

export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'auth_refresh_token',
  properties: {
    id: p.string().length(40).primary(),
    /** One sign-in's chain of rotated tokens: a reused token revokes them all. */
    family_id: p.string().length(40).index(),
    /** SHA-256 of the token; the token itself is never stored. */
    token_hash: p.string().length(64).unique(),
    auth_identity_id: p.string().length(40),
    actor_type: p.string().length(16),
    actor_id: p.string().length(40),
    expires_at: p.datetime(),
    used_at: p.datetime().nullable(),
    revoked_at: p.datetime().nullable(),
    created_at: p.datetime().onCreate(() => new Date()),
  },
})
