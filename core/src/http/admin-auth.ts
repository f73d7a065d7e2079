// Who may call /admin routes, and with which permission. Every admin route states the permission it
// needs (`permission: 'product:write'` in defineRoute); a route that states none needs an owner or
// admin. The user module provides the staff implementation (`adminAuth`); without it every admin call
// is refused.
import type { Context } from 'koa'
import { UnauthorizedError } from '../kernel/errors'

/** `resource:action`, e.g. `product:write`; `*`, `product:*` and `*:read` are wildcards in grants. */
export type Permission = string

export interface AdminAuthorizer {
  /** Throws 401 for a caller who is not staff, 403 for staff without the permission. */
  authorize(koa: Context, permission: Permission | undefined): Promise<void>
}

export class DenyAllAdminAuthorizer implements AdminAuthorizer {
  async authorize(): Promise<void> {
    throw new UnauthorizedError('Admin authentication required')
  }
}

/** Whether a set of granted permissions (with wildcards) covers the one a route needs. */
export function grants(granted: readonly string[], needed: Permission | undefined): boolean {
  if (granted.includes('*')) return true
  if (!needed) return false
  const [resource, action] = needed.split(':')
  return granted.some((grant) => grant === needed || grant === `${resource}:*` || grant === `*:${action}`)
}
