// `shopwright user create` makes a staff user who can then sign in to the Admin API.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTestApp, createTestDatabase } from '@shopwright/core/testing'
import { describe, expect, it } from 'vitest'
import { runShopwright } from './run-shopwright'

const shopwright = (args: string[], env: NodeJS.ProcessEnv) => runShopwright(args, { REDIS_URL: '', ...env })

describe('shopwright user create', () => {
  it('creates a staff user with a role who signs in with that password', async () => {
    const database = await createTestDatabase()
    const project = mkdtempSync(path.join(tmpdir(), 'sw-project-'))
    const env = { DATABASE_URL: database.url, LOG_LEVEL: 'warn' }
    const args = [
      'user',
      'create',
      '--email',
      'Ops@Shop.test',
      '--password',
      'ops-password-1',
      '--role',
      'orders',
    ]
    const created = shopwright([...args, '--project', project], env)
    expect(created.status, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/Created orders ops@shop.test/)
    const twice = shopwright([...args, '--project', project], env)
    expect(twice.status).not.toBe(0)
    expect(twice.stderr).toMatch(/already exists/)
    const short = shopwright(
      ['user', 'create', '--email', 'x@shop.test', '--password', 'short', '--project', project],
      env,
    )
    expect(short.stderr).toMatch(/at least 8 characters/)

    const app = await createTestApp({ database })
    try {
      const signIn = await app.request('POST', '/auth/user/emailpass', {
        body: { email: 'ops@shop.test', password: 'ops-password-1' },
      })
      expect(signIn.status).toBe(200)
      const me = await app.request('GET', '/admin/users/me', {
        headers: { authorization: `Bearer ${signIn.body.token}` },
      })
      expect(me.body.user).toMatchObject({ email: 'ops@shop.test', role: 'orders' })
    } finally {
      await app.close()
      await database.drop()
    }
  }, 120_000)
})
