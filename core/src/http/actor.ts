// Who is calling. The sign-in middleware sets `koa.state.actor` for a request that carries a valid
// customer or staff token, a session cookie or a secret API key; a guest has none. Services get the
// actor's id from the route, never from the request body.
import type { Context } from 'koa'
import { UnauthorizedError } from '../kernel/errors'

export interface Actor {
  type: 'customer' | 'user' | 'api_key'
  id: string
}

/** What a valid credential says, beyond the actor: a registration token has an identity but no actor yet. */
export interface Authentication {
  actor: Actor | null
  actor_type: 'customer' | 'user' | 'api_key'
  auth_identity_id: string | null
  /** The sign-in session (refresh-token family) the credential belongs to. */
  session_id: string | null
}

/** Reads the caller's credential (the auth module provides it as `callerIdentifier`). */
export interface CallerIdentifier {
  /** The cookie that carries a session. */
  readonly sessionCookie: string
  /** Sets `koa.state.actor` and `koa.state.auth` for a valid credential, `koa.state.authError` for a bad one. */
  identify(koa: Context): Promise<void>
}

export function currentActor(koa: Context): Actor | null {
  return (koa.state.actor as Actor | undefined) ?? null
}

/** The signed-in customer's id, or null for a guest (or a staff caller). */
export function currentCustomerId(koa: Context): string | null {
  const actor = currentActor(koa)
  return actor?.type === 'customer' ? actor.id : null
}

/** The credential's details, or null for an anonymous caller. */
export function currentAuthentication(koa: Context): Authentication | null {
  return (koa.state.auth as Authentication | undefined) ?? null
}

/** The signed-in customer's id; 401 for anyone else (saying why a presented token was refused). */
export function requireCustomerId(koa: Context): string {
  const id = currentCustomerId(koa)
  if (id) return id
  throw new UnauthorizedError(koa.state.authError ?? 'Sign in as a customer to do this')
}
