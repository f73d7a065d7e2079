// Staff: users with a role, custom roles with their permissions, invites, and secret API keys for
// server-to-server admin calls. Invite tokens and secret keys are stored only as SHA-256 hashes.
import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../infra/entity-fields'

export const User = defineEntity({
  name: 'User',
  tableName: 'user',
  properties: {
    id: p.string().length(40).primary(),
    email: p.string().length(191).unique(),
    first_name: p.string().length(191).nullable(),
    last_name: p.string().length(191).nullable(),
    /** A built-in role (owner, admin, catalog, orders, support, analyst) or a custom role's name. */
    role: p.string().length(64),
    metadata: p.json<Record<string, unknown>>().nullable(),
    ...timestamps(),
  },
})

export const UserRole = defineEntity({
  name: 'UserRole',
  tableName: 'user_role',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(64).unique(),
    description: p.string().length(255).nullable(),
    /** `resource:action` grants, with `*` wildcards. */
    permissions: p.json<string[]>(),
    ...timestamps(),
  },
})

export const Invite = defineEntity({
  name: 'Invite',
  tableName: 'user_invite',
  properties: {
    id: p.string().length(40).primary(),
    email: p.string().length(191).index(),
    role: p.string().length(64),
    token_hash: p.string().length(64).unique(),
    expires_at: p.datetime(),
    accepted_at: p.datetime().nullable(),
    created_by: p.string().length(40).nullable(),
    ...timestamps(),
  },
})

export const SecretKey = defineEntity({
  name: 'SecretKey',
  tableName: 'user_secret_key',
  properties: {
    id: p.string().length(40).primary(),
    title: p.string().length(191),
    token_hash: p.string().length(64).unique(),
    /** The key's first and last characters, to recognise it in a list. */
    redacted: p.string().length(32),
    role: p.string().length(64),
    created_by: p.string().length(40).nullable(),
    revoked_at: p.datetime().nullable(),
    ...timestamps(),
  },
})
