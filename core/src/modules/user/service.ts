// Staff users, roles, invites and secret API keys, and the check every /admin route goes through.
import type { Context } from 'koa'
import { LRUCache } from 'lru-cache'
import { currentActor } from '../../http/actor'
import { type AdminAuthorizer, grants, type Permission } from '../../http/admin-auth'
import type { Database, EntityManager } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import {
  ConflictError,
  ForbiddenError,
  InvalidDataError,
  NotFoundError,
  UnauthorizedError,
} from '../../kernel/errors'
import type { SecretKeyVerifier } from '../auth/identify'
import { type AuthService, normalizeEmail, type SignedIn } from '../auth/service'
import { randomToken, sha256 } from '../auth/tokens'
import { Invite, SecretKey, User, UserRole } from './entities'
import { UserEvents } from './events'
import { BUILT_IN_ROLES, OWN_PROFILE } from './roles'

type Row = Record<string, any>

const INVITE_DAYS = 7
const KEY_CACHE_MS = 5_000
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null)

export interface UserInput {
  email: string
  password: string
  role: string
  first_name?: string | null
  last_name?: string | null
}

export class UserService implements AdminAuthorizer, SecretKeyVerifier {
  /** Secret keys are checked on every server-to-server call: a revoked key stops within KEY_CACHE_MS. */
  private readonly keyCache = new LRUCache<string, { id: string; role: string } | false>({
    max: 1000,
    ttl: KEY_CACHE_MS,
  })

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly auth: () => AuthService,
  ) {}

  // --- authorisation -------------------------------------------------------------------------------

  async authorize(koa: Context, permission: Permission | undefined): Promise<void> {
    const actor = currentActor(koa)
    if (!actor || actor.type === 'customer') {
      throw new UnauthorizedError(
        actor
          ? 'Admin routes are for staff; customers cannot use them'
          : (koa.state.authError ?? 'Admin authentication required'),
      )
    }
    const role =
      actor.type === 'user' ? await this.roleOfUser(actor.id) : (await this.keyById(actor.id))?.role
    if (!role) throw new UnauthorizedError('This account or key no longer exists')
    koa.state.staffRole = role
    if (permission === OWN_PROFILE) return
    if (!grants(await this.permissionsOf(role), permission)) {
      throw new ForbiddenError(
        permission
          ? `Your role (${role}) does not have the permission ${permission}`
          : `Only an owner or admin may do this; your role is ${role}`,
      )
    }
  }

  async verifySecretKey(secret: string): Promise<{ id: string } | null> {
    const hash = sha256(secret)
    let key = this.keyCache.get(hash)
    if (key === undefined) {
      const found =
        secret.length <= 200
          ? await this.db.em().findOne(SecretKey, { token_hash: hash, revoked_at: null })
          : null
      key = found ? { id: found.id, role: found.role } : false
      this.keyCache.set(hash, key)
    }
    return key ? { id: key.id } : null
  }

  private async keyById(id: string) {
    return this.db.em().findOne(SecretKey, { id, revoked_at: null })
  }

  private async roleOfUser(id: string): Promise<string | undefined> {
    return (await this.db.em().findOne(User, { id }, { fields: ['role'] }))?.role
  }

  async permissionsOf(role: string): Promise<string[]> {
    const builtIn = BUILT_IN_ROLES[role]
    if (builtIn) return builtIn.permissions
    return (await this.db.em().findOne(UserRole, { name: role }))?.permissions ?? []
  }

  /**
   * Which of the `stated` permissions (those the admin routes need) a role grants, wildcards resolved,
   * so that a client (the admin UI) compares plain strings and never re-implements `grants`.
   */
  async grantedPermissions(role: string, stated: Iterable<string>): Promise<string[]> {
    const granted = await this.permissionsOf(role)
    return [...new Set([OWN_PROFILE, ...stated])]
      .filter((permission) => permission === OWN_PROFILE || grants(granted, permission))
      .sort()
  }

  /** Only an owner may hand out or take away the owner role. */
  private async checkRoleChange(
    em: EntityManager,
    role: string,
    actorRole: string | undefined,
    from?: string,
  ) {
    if (!BUILT_IN_ROLES[role] && !(await em.findOne(UserRole, { name: role }))) {
      throw new InvalidDataError(`No role is named ${role}`, [{ field: 'role', message: 'unknown role' }])
    }
    if ((role === 'owner' || from === 'owner') && actorRole !== undefined && actorRole !== 'owner') {
      throw new ForbiddenError('Only an owner may make or remove owners')
    }
  }

  // --- users ---------------------------------------------------------------------------------------

  /** A staff user who signs in with email and password (CLI, seed, accepted invites). */
  async createUser(
    input: UserInput,
    actorRole?: string,
    em?: EntityManager,
  ): Promise<ReturnType<UserService['view']>> {
    const email = normalizeEmail(input.email)
    const run = async (tx: EntityManager) => {
      await this.checkRoleChange(tx, input.role, actorRole)
      if (await tx.findOne(User, { email }))
        throw new ConflictError(`A user with the email ${email} already exists`)
      const user = tx.create(User, {
        id: generateId('user'),
        email,
        first_name: input.first_name ?? null,
        last_name: input.last_name ?? null,
        role: input.role,
        metadata: null,
      })
      await this.auth().createPasswordIdentity(tx, {
        actorType: 'user',
        actorId: user.id,
        email,
        password: input.password,
      })
      this.events.emit(tx, UserEvents.created, { id: user.id })
      await tx.flush()
      return user
    }
    return this.view(em ? await run(em) : await this.db.transaction(run))
  }

  async listUsers(query: { limit: number; offset: number; role?: string }) {
    const [users, count] = await this.db.em().findAndCount(User, query.role ? { role: query.role } : {}, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return { users: users.map((user) => this.view(user)), count, offset: query.offset, limit: query.limit }
  }

  async retrieveUser(id: string) {
    const user = await this.db.em().findOne(User, { id })
    if (!user) throw new NotFoundError(`User with id: ${id} was not found`)
    return this.view(user)
  }

  async updateUser(
    id: string,
    input: { first_name?: string | null; last_name?: string | null; role?: string },
    actorRole: string | undefined,
  ) {
    await this.db.transaction(async (em) => {
      const user = await em.findOne(User, { id })
      if (!user) throw new NotFoundError(`User with id: ${id} was not found`)
      if (input.role !== undefined && input.role !== user.role) {
        await this.checkRoleChange(em, input.role, actorRole, user.role)
        await this.keepAnOwner(em, user)
        user.role = input.role
      }
      if (input.first_name !== undefined) user.first_name = input.first_name
      if (input.last_name !== undefined) user.last_name = input.last_name
      this.events.emit(em, UserEvents.updated, { id })
    })
    return this.retrieveUser(id)
  }

  async deleteUser(id: string, actorRole: string | undefined): Promise<void> {
    await this.db.transaction(async (em) => {
      const user = await em.findOne(User, { id })
      if (!user) throw new NotFoundError(`User with id: ${id} was not found`)
      if (user.role === 'owner' && actorRole !== 'owner')
        throw new ForbiddenError('Only an owner may remove an owner')
      await this.keepAnOwner(em, user)
      em.remove(user)
      await this.auth().removeActor(em, 'user', id)
      this.events.emit(em, UserEvents.deleted, { id })
    })
  }

  private async keepAnOwner(em: EntityManager, user: Row): Promise<void> {
    if (user.role === 'owner' && (await em.count(User, { role: 'owner' })) <= 1) {
      throw new ConflictError('The store must keep at least one owner')
    }
  }

  // --- roles ---------------------------------------------------------------------------------------

  async listRoles() {
    const custom = await this.db.em().find(UserRole, {}, { orderBy: { name: 'asc' } })
    return {
      roles: [
        ...Object.entries(BUILT_IN_ROLES).map(([name, role]) => ({
          id: name,
          name,
          description: role.description,
          permissions: role.permissions,
          built_in: true,
        })),
        ...custom.map((role) => this.roleView(role)),
      ],
    }
  }

  async createRole(input: { name: string; description?: string | null; permissions: string[] }) {
    if (BUILT_IN_ROLES[input.name]) throw new ConflictError(`${input.name} is a built-in role`)
    const role = await this.db.transaction(async (em) => {
      if (await em.findOne(UserRole, { name: input.name })) {
        throw new ConflictError(`A role named ${input.name} already exists`)
      }
      return em.create(UserRole, {
        id: generateId('role'),
        name: input.name,
        description: input.description ?? null,
        permissions: [...new Set(input.permissions)],
      })
    })
    return this.roleView(role)
  }

  async updateRole(id: string, input: { description?: string | null; permissions?: string[] }) {
    const role = await this.db.transaction(async (em) => {
      const found = await em.findOne(UserRole, { id })
      if (!found) throw new NotFoundError(`Role with id: ${id} was not found`)
      if (input.description !== undefined) found.description = input.description
      if (input.permissions) found.permissions = [...new Set(input.permissions)]
      return found
    })
    return this.roleView(role)
  }

  async deleteRole(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const role = await em.findOne(UserRole, { id })
      if (!role) throw new NotFoundError(`Role with id: ${id} was not found`)
      const holders =
        (await em.count(User, { role: role.name })) +
        (await em.count(SecretKey, { role: role.name, revoked_at: null }))
      if (holders) throw new ConflictError(`The role ${role.name} is still given to ${holders} users or keys`)
      em.remove(role)
    })
  }

  // --- invites -------------------------------------------------------------------------------------

  /** An invite; its token is answered once and stored only as a hash. */
  async invite(input: { email: string; role: string }, actor: { id: string; role: string }) {
    const email = normalizeEmail(input.email)
    const token = randomToken('inv')
    const invite = await this.db.transaction(async (em) => {
      await this.checkRoleChange(em, input.role, actor.role)
      if (await em.findOne(User, { email }))
        throw new ConflictError(`A user with the email ${email} already exists`, [
          { field: 'email', message: 'Already has a staff account' },
        ])
      const created = em.create(Invite, {
        id: generateId('invite'),
        email,
        role: input.role,
        token_hash: sha256(token),
        expires_at: new Date(Date.now() + INVITE_DAYS * 24 * 3600_000),
        accepted_at: null,
        created_by: actor.id,
      })
      this.events.emit(em, UserEvents.invited, { id: created.id, email })
      return created
    })
    return { ...this.inviteView(invite), token }
  }

  async listInvites(query: { limit: number; offset: number }) {
    const [invites, count] = await this.db
      .em()
      .findAndCount(
        Invite,
        {},
        { limit: query.limit, offset: query.offset, orderBy: { created_at: 'desc', id: 'desc' } },
      )
    return { invites: invites.map((invite) => this.inviteView(invite)), count, ...query }
  }

  async deleteInvite(id: string): Promise<void> {
    const removed = await this.db.transaction((em) => em.nativeDelete(Invite, { id, accepted_at: null }))
    if (!removed) throw new NotFoundError(`Open invite with id: ${id} was not found`)
  }

  /** Turns an open invite into a user (once) and signs them in. */
  async acceptInvite(input: {
    token: string
    password: string
    first_name?: string | null
    last_name?: string | null
  }): Promise<{ user: ReturnType<UserService['view']> } & SignedIn> {
    const user = await this.db.transaction(async (em) => {
      const invite = await em.findOne(Invite, { token_hash: sha256(input.token) })
      if (!invite || invite.accepted_at || invite.expires_at.getTime() <= Date.now()) {
        throw new UnauthorizedError('The invite is not valid, was already accepted, or has expired')
      }
      const claimed = await em.nativeUpdate(
        Invite,
        { id: invite.id, accepted_at: null },
        { accepted_at: new Date() },
      )
      if (claimed !== 1) throw new UnauthorizedError('The invite was already accepted')
      const created = await this.createUser(
        {
          email: invite.email,
          password: input.password,
          role: invite.role,
          first_name: input.first_name,
          last_name: input.last_name,
        },
        undefined,
        em,
      )
      this.events.emit(em, UserEvents.inviteAccepted, { id: invite.id, user_id: created.id })
      return created
    })
    const signedIn = await this.auth().startSession({
      ...(await this.auth().identityOf('user', user.id)),
    })
    return { user, ...signedIn }
  }

  // --- secret API keys -----------------------------------------------------------------------------

  /** A secret key for server-to-server admin calls; its token is answered once and stored hashed. */
  async createSecretKey(
    input: { title: string; role: string; secret?: string },
    actor: { id: string | null; role: string | undefined },
  ) {
    const token = input.secret ?? randomToken('sk')
    const key = await this.db.transaction(async (em) => {
      await this.checkRoleChange(em, input.role, actor.role)
      const created = em.create(SecretKey, {
        id: generateId('apk'),
        title: input.title,
        token_hash: sha256(token),
        redacted: `${token.slice(0, 6)}…${token.slice(-3)}`,
        role: input.role,
        created_by: actor.id,
        revoked_at: null,
      })
      return created
    })
    return { ...this.keyView(key), token }
  }

  async listSecretKeys(query: { limit: number; offset: number }) {
    const [keys, count] = await this.db
      .em()
      .findAndCount(
        SecretKey,
        {},
        { limit: query.limit, offset: query.offset, orderBy: { created_at: 'desc', id: 'desc' } },
      )
    return { secret_keys: keys.map((key) => this.keyView(key)), count, ...query }
  }

  async revokeSecretKey(id: string) {
    const key = await this.db.transaction(async (em) => {
      const found = await em.findOne(SecretKey, { id })
      if (!found) throw new NotFoundError(`Secret key with id: ${id} was not found`)
      found.revoked_at ??= new Date()
      return found
    })
    this.keyCache.clear()
    return this.keyView(key)
  }

  // --- views ---------------------------------------------------------------------------------------

  view(user: Row) {
    return {
      id: user.id as string,
      email: user.email as string,
      first_name: (user.first_name ?? null) as string | null,
      last_name: (user.last_name ?? null) as string | null,
      role: user.role as string,
      metadata: (user.metadata ?? null) as Record<string, unknown> | null,
      created_at: user.created_at.toISOString() as string,
      updated_at: user.updated_at.toISOString() as string,
    }
  }

  private roleView(role: Row) {
    return {
      id: role.id as string,
      name: role.name as string,
      description: (role.description ?? null) as string | null,
      permissions: role.permissions as string[],
      built_in: false,
    }
  }

  private inviteView(invite: Row) {
    return {
      id: invite.id as string,
      email: invite.email as string,
      role: invite.role as string,
      accepted: Boolean(invite.accepted_at),
      expires_at: invite.expires_at.toISOString() as string,
      created_at: invite.created_at.toISOString() as string,
    }
  }

  private keyView(key: Row) {
    return {
      id: key.id as string,
      title: key.title as string,
      redacted: key.redacted as string,
      role: key.role as string,
      revoked_at: iso(key.revoked_at),
      created_at: key.created_at.toISOString() as string,
    }
  }
}
