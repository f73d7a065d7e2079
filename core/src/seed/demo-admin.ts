// The demo shop's first staff member: an owner with a fresh random password, printed once by the CLI.
import { randomBytes } from 'node:crypto'
import type { Shopwright } from '../kernel/shopwright'
import type { UserService } from '../modules/user/service'

export const DEMO_ADMIN_EMAIL = 'admin@shopwright.test'

export async function seedDemoAdmin(
  app: Shopwright,
): Promise<{ email: string; password: string } | undefined> {
  const users = app.container.resolve<UserService>('userService')
  const existing = await users.listUsers({ limit: 1, offset: 0, role: 'owner' })
  if (existing.count) return undefined
  const password = randomBytes(9).toString('base64url')
  await users.createUser({
    email: DEMO_ADMIN_EMAIL,
    password,
    role: 'owner',
    first_name: 'Demo',
    last_name: 'Admin',
  })
  return { email: DEMO_ADMIN_EMAIL, password }
}
