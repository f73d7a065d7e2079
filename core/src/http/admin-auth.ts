// Who may call /admin routes. Until staff accounts exist, one secret token from the config
// (SHOPWRIGHT_ADMIN_TOKEN) opens the Admin API; with none set, every admin call is refused.
import { timingSafeEqual } from 'node:crypto'
import type { Context } from 'koa'
import { UnauthorizedError } from '../kernel/errors'

export interface AdminAuthenticator {
  authenticate(ctx: Context): Promise<void>
}

export class TokenAdminAuthenticator implements AdminAuthenticator {
  constructor(private readonly token: string | undefined) {}

  async authenticate(ctx: Context): Promise<void> {
    const presented = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1]
    if (!this.token || !presented) throw new UnauthorizedError('Admin authentication required')
    const expected = Buffer.from(this.token)
    const actual = Buffer.from(presented)
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new UnauthorizedError('Admin authentication required')
    }
  }
}
