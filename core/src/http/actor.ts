// Who is calling. The sign-in middleware (identity) sets `koa.state.actor` for a request that carries
// a valid customer or staff token (or session); a guest has none. Services get the actor's id from
// the route, never from the request body.
import type { Context } from 'koa'

export interface Actor {
  type: 'customer' | 'user' | 'api_key'
  id: string
}

export function currentActor(koa: Context): Actor | null {
  return (koa.state.actor as Actor | undefined) ?? null
}

/** The signed-in customer's id, or null for a guest (or a staff caller). */
export function currentCustomerId(koa: Context): string | null {
  const actor = currentActor(koa)
  return actor?.type === 'customer' ? actor.id : null
}
