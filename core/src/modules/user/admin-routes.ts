// Admin routes for staff: users, roles, invites and secret API keys. Owners and admins only, except
// reading one's own profile.
import type { Context } from 'koa'
import { z } from 'zod'
import { currentActor } from '../../http/actor'
import { listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams, type RouteRegistry } from '../../http/route'
import { NotFoundError } from '../../kernel/errors'
import { OWN_PROFILE, PERMISSION_PATTERN } from './roles'
import type { UserService } from './service'

const tags = ['Admin: users']
const roleName = z.string().regex(/^[a-z][a-z0-9_-]{1,63}$/, 'must be lower-case letters, digits, _ or -')
const permissions = z
  .array(z.string().regex(PERMISSION_PATTERN, 'must be resource:read, resource:write, resource:* or *'))
  .min(1)
  .max(200)

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  role: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})
const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  built_in: z.boolean(),
})
const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  accepted: z.boolean(),
  expires_at: z.string(),
  created_at: z.string(),
})
const secretKeySchema = z.object({
  id: z.string(),
  title: z.string(),
  redacted: z.string(),
  role: z.string(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
})

const users = (resolve: <T>(name: string) => T) => resolve<UserService>('userService')
const staff = (koa: Context) => ({ id: currentActor(koa)?.id ?? null, role: koa.state.staffRole as string })

export const retrieveOwnUser = defineRoute({
  method: 'get',
  path: '/admin/users/me',
  summary:
    'The signed-in staff user, with every permission their role grants among those the admin routes state',
  tags,
  permission: OWN_PROFILE,
  response: z.object({ user: userSchema.extend({ permissions: z.array(z.string()) }) }),
  handler: async ({ koa, resolve }) => {
    const actor = currentActor(koa)
    if (actor?.type !== 'user') throw new NotFoundError('An API key has no user profile')
    const service = users(resolve)
    const user = await service.retrieveUser(actor.id)
    const stated = resolve<RouteRegistry>('routes')
      .list()
      .flatMap((route) => (route.path.startsWith('/admin/') && route.permission ? [route.permission] : []))
    return { user: { ...user, permissions: await service.grantedPermissions(user.role, stated) } }
  },
})

export const listUsers = defineRoute({
  method: 'get',
  path: '/admin/users',
  summary: 'List staff users',
  tags,
  permission: 'user:read',
  query: listQuery().extend({ role: z.string().max(64).optional() }),
  response: listResponse('users', userSchema),
  handler: ({ query, resolve }) => users(resolve).listUsers(query),
})

export const retrieveUser = defineRoute({
  method: 'get',
  path: '/admin/users/:id',
  summary: 'Get a staff user',
  tags,
  permission: 'user:read',
  params: idParams,
  response: z.object({ user: userSchema }),
  handler: async ({ params, resolve }) => ({ user: await users(resolve).retrieveUser(params.id) }),
})

export const updateUser = defineRoute({
  method: 'post',
  path: '/admin/users/:id',
  summary: "Change a staff user's name or role (only owners make or remove owners)",
  tags,
  permission: 'user:write',
  params: idParams,
  body: z
    .object({
      first_name: z.string().trim().max(191).nullable().optional(),
      last_name: z.string().trim().max(191).nullable().optional(),
      role: roleName.optional(),
    })
    .strict(),
  response: z.object({ user: userSchema }),
  handler: async ({ params, body, koa, resolve }) => ({
    user: await users(resolve).updateUser(params.id, body, staff(koa).role),
  }),
})

export const deleteUser = defineRoute({
  method: 'delete',
  path: '/admin/users/:id',
  summary: 'Remove a staff user and end their sessions',
  tags,
  permission: 'user:write',
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('user'), deleted: z.literal(true) }),
  handler: async ({ params, koa, resolve }) => {
    await users(resolve).deleteUser(params.id, staff(koa).role)
    return { id: params.id, object: 'user' as const, deleted: true as const }
  },
})

export const listRoles = defineRoute({
  method: 'get',
  path: '/admin/roles',
  summary: 'Built-in and custom roles with their permissions',
  tags,
  permission: 'role:read',
  response: z.object({ roles: z.array(roleSchema) }),
  handler: ({ resolve }) => users(resolve).listRoles(),
})

export const createRole = defineRoute({
  method: 'post',
  path: '/admin/roles',
  summary: 'Create a custom role',
  tags,
  permission: 'role:write',
  body: z
    .object({ name: roleName, description: z.string().max(255).nullable().optional(), permissions })
    .strict(),
  response: z.object({ role: roleSchema }),
  handler: async ({ body, resolve }) => ({ role: await users(resolve).createRole(body) }),
})

export const updateRole = defineRoute({
  method: 'post',
  path: '/admin/roles/:id',
  summary: "Change a custom role's permissions",
  tags,
  permission: 'role:write',
  params: idParams,
  body: z
    .object({ description: z.string().max(255).nullable().optional(), permissions: permissions.optional() })
    .strict(),
  response: z.object({ role: roleSchema }),
  handler: async ({ params, body, resolve }) => ({ role: await users(resolve).updateRole(params.id, body) }),
})

export const deleteRole = defineRoute({
  method: 'delete',
  path: '/admin/roles/:id',
  summary: 'Delete a custom role that nobody holds',
  tags,
  permission: 'role:write',
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('role'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await users(resolve).deleteRole(params.id)
    return { id: params.id, object: 'role' as const, deleted: true as const }
  },
})

export const createInvite = defineRoute({
  method: 'post',
  path: '/admin/invites',
  summary: 'Invite a staff member: the token (shown once) is accepted at POST /auth/invites/accept',
  tags,
  permission: 'user:write',
  body: z
    .object({ email: z.string().trim().email('must be an email address').max(191), role: roleName })
    .strict(),
  response: z.object({ invite: inviteSchema.extend({ token: z.string() }) }),
  handler: async ({ body, koa, resolve }) => {
    const actor = staff(koa)
    return { invite: await users(resolve).invite(body, { id: actor.id ?? '', role: actor.role }) }
  },
})

export const listInvites = defineRoute({
  method: 'get',
  path: '/admin/invites',
  summary: 'List invites',
  tags,
  permission: 'user:read',
  query: listQuery(),
  response: listResponse('invites', inviteSchema),
  handler: ({ query, resolve }) => users(resolve).listInvites(query),
})

export const deleteInvite = defineRoute({
  method: 'delete',
  path: '/admin/invites/:id',
  summary: 'Withdraw an open invite',
  tags,
  permission: 'user:write',
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('invite'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await users(resolve).deleteInvite(params.id)
    return { id: params.id, object: 'invite' as const, deleted: true as const }
  },
})

export const createSecretKey = defineRoute({
  method: 'post',
  path: '/admin/secret-keys',
  summary: 'Create a secret API key for server-to-server admin calls (the token is shown once)',
  tags,
  permission: 'api_key:write',
  body: z.object({ title: z.string().trim().min(1).max(191), role: roleName }).strict(),
  response: z.object({ secret_key: secretKeySchema.extend({ token: z.string() }) }),
  handler: async ({ body, koa, resolve }) => ({
    secret_key: await users(resolve).createSecretKey(body, staff(koa)),
  }),
})

export const listSecretKeys = defineRoute({
  method: 'get',
  path: '/admin/secret-keys',
  summary: 'List secret API keys',
  tags,
  permission: 'api_key:read',
  query: listQuery(),
  response: listResponse('secret_keys', secretKeySchema),
  handler: ({ query, resolve }) => users(resolve).listSecretKeys(query),
})

export const revokeSecretKey = defineRoute({
  method: 'post',
  path: '/admin/secret-keys/:id/revoke',
  summary: 'Revoke a secret API key',
  tags,
  permission: 'api_key:write',
  params: idParams,
  response: z.object({ secret_key: secretKeySchema }),
  handler: async ({ params, resolve }) => ({ secret_key: await users(resolve).revokeSecretKey(params.id) }),
})

export const acceptInvite = defineRoute({
  method: 'post',
  path: '/auth/invites/accept',
  summary: 'Accept a staff invite: become a user and sign in',
  tags: ['Auth'],
  body: z.object({
    token: z.string().min(1).max(200),
    password: z.string().max(256),
    first_name: z.string().trim().max(191).nullable().optional(),
    last_name: z.string().trim().max(191).nullable().optional(),
  }),
  response: z.object({ user: userSchema, token: z.string(), refresh_token: z.string() }),
  handler: ({ body, resolve }) => users(resolve).acceptInvite(body),
})

export const userRoutes = [
  retrieveOwnUser,
  listUsers,
  retrieveUser,
  updateUser,
  deleteUser,
  listRoles,
  createRole,
  updateRole,
  deleteRole,
  createInvite,
  listInvites,
  deleteInvite,
  createSecretKey,
  listSecretKeys,
  revokeSecretKey,
  acceptInvite,
]
