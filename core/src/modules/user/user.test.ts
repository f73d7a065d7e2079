// Staff: sign-in with email and password, roles and permissions on every admin route, custom roles,
// invites, and secret API keys for servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type AnyRoute, defineRoute, type RouteRegistry } from '../../http/route'
import { definePlugin } from '../../kernel/plugin'
import { createTestApp, type TestApp } from '../../testing'

describe('staff users and permissions', () => {
  let app: TestApp

  beforeAll(async () => {
    // A plugin's admin route that states no permission.
    const undeclared = definePlugin({
      name: 'undeclared-report',
      register(ctx) {
        ctx.addRoutes(
          defineRoute({
            method: 'get',
            path: '/admin/undeclared-report',
            summary: 'A report whose author forgot the permission',
            response: z.object({ ok: z.literal(true) }),
            handler: () => ({ ok: true as const }),
          }),
        )
      },
    })
    app = await createTestApp({ plugins: [undeclared] })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('states a permission on every core admin route', () => {
    const routes = app.container.resolve<RouteRegistry>('routes').list()
    // Each route lacking one is named here: add `permission: '<resource>:read|write'` to its defineRoute.
    const checked = routes.filter(
      (route: AnyRoute) => route.path.startsWith('/admin/') && route.path !== '/admin/undeclared-report',
    )
    expect(checked.length).toBeGreaterThan(100)
    expect(
      checked.filter((route) => !route.permission).map((route) => `${route.method} ${route.path}`),
    ).toEqual([])
  })

  it('documents each admin route’s permission in /openapi.json', async () => {
    const { body } = await app.request('GET', '/openapi.json')
    expect(body.paths['/admin/products'].post['x-permission']).toBe('product:write')
    expect(body.paths['/admin/customers/{id}'].get['x-permission']).toBe('customer:read')
    expect(body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' })
  })

  it('opens a route that states no permission to owners and admins only', async () => {
    const catalog = await app.createStaff('catalog')
    const admin = await app.createStaff('admin')
    const undeclared = await app.request('GET', '/admin/undeclared-report', { headers: catalog.headers })
    expect(undeclared.status).toBe(403)
    expect(undeclared.body.message).toMatch(/owner or admin/)
    const byAdmin = await app.request('GET', '/admin/undeclared-report', { headers: admin.headers })
    expect(byAdmin.body).toEqual({ ok: true })
  })

  it('signs staff in with email and password, and shows them their own profile', async () => {
    const owner = await app.createStaff('owner', 'boss@shop.test')
    const me = await app.request('GET', '/admin/users/me', { headers: owner.headers })
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ id: owner.id, email: 'boss@shop.test', role: 'owner' })
  })

  it('tells staff which permissions their role grants, wildcards resolved to the routes’ own', async () => {
    const catalog = await app.createStaff('catalog')
    const me = await app.request('GET', '/admin/users/me', { headers: catalog.headers })
    expect(me.status).toBe(200)
    const { permissions } = me.body.user
    expect(permissions).toEqual(expect.arrayContaining(['product:read', 'product:write', 'region:read']))
    expect(permissions).not.toContain('product:*')
    expect(permissions).not.toContain('order:read')
    expect(permissions).not.toContain('user:read')
    // Each one listed is one the server lets this user through with.
    const orders = await app.request('GET', '/admin/orders', { headers: catalog.headers })
    expect(orders.status).toBe(403)

    const owner = await app.createStaff('owner')
    const everything = (await app.request('GET', '/admin/users/me', { headers: owner.headers })).body.user
      .permissions
    const stated = app.container
      .resolve<RouteRegistry>('routes')
      .list()
      .flatMap((route) => (route.path.startsWith('/admin/') && route.permission ? [route.permission] : []))
    expect(new Set(everything)).toEqual(new Set(stated))
  })

  it('shows a custom role’s staff only the permissions the role lists', async () => {
    await app.request('POST', '/admin/roles', {
      body: { name: 'reader', permissions: ['order:read', 'customer:*'] },
      headers: app.adminHeaders,
    })
    const reader = await app.createStaff('reader')
    const me = await app.request('GET', '/admin/users/me', { headers: reader.headers })
    expect(me.body.user.permissions).toEqual([
      'customer:read',
      'customer:write',
      'order:read',
      'profile:self',
    ])
  })

  it('lets a role do what it grants and answers 403 for the rest', async () => {
    const catalog = await app.createStaff('catalog')
    const created = await app.request('POST', '/admin/products', {
      body: { title: 'Granted Hat' },
      headers: catalog.headers,
    })
    expect(created.status).toBe(201)
    const region = await app.request('POST', '/admin/regions', {
      body: { name: 'Nope', currency_code: 'usd' },
      headers: catalog.headers,
    })
    expect(region.status).toBe(403)
    expect(region.body.message).toMatch(/catalog.*region:write/)
    const users = await app.request('GET', '/admin/users', { headers: catalog.headers })
    expect(users.status).toBe(403)
  })

  it('lets an analyst read everything and change nothing', async () => {
    const analyst = await app.createStaff('analyst')
    expect((await app.request('GET', '/admin/products', { headers: analyst.headers })).status).toBe(200)
    expect((await app.request('GET', '/admin/customers', { headers: analyst.headers })).status).toBe(200)
    const write = await app.request('POST', '/admin/customer-groups', {
      body: { name: 'x' },
      headers: analyst.headers,
    })
    expect(write.status).toBe(403)
  })

  it('gives a custom role exactly its permissions', async () => {
    const role = await app.request('POST', '/admin/roles', {
      body: { name: 'merchandiser', permissions: ['collection:*', 'product:read'] },
      headers: app.adminHeaders,
    })
    expect(role.status).toBe(200)
    const merchandiser = await app.createStaff('merchandiser')
    const collection = await app.request('POST', '/admin/collections', {
      body: { title: 'Autumn' },
      headers: merchandiser.headers,
    })
    expect(collection.status).toBe(201)
    const product = await app.request('POST', '/admin/products', {
      body: { title: 'x' },
      headers: merchandiser.headers,
    })
    expect(product.status).toBe(403)
    const bad = await app.request('POST', '/admin/roles', {
      body: { name: 'broken', permissions: ['everything'] },
      headers: app.adminHeaders,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/permissions\.0/)
  })

  it('only lets an owner make owners', async () => {
    const admin = await app.createStaff('admin')
    const support = await app.createStaff('support')
    const promote = await app.request('POST', `/admin/users/${support.id}`, {
      body: { role: 'owner' },
      headers: admin.headers,
    })
    expect(promote.status).toBe(403)
    const owner = await app.createStaff('owner')
    const byOwner = await app.request('POST', `/admin/users/${support.id}`, {
      body: { role: 'orders' },
      headers: owner.headers,
    })
    expect(byOwner.body.user.role).toBe('orders')
  })

  it('invites a staff member who accepts once with a password and is signed in', async () => {
    const invite = await app.request('POST', '/admin/invites', {
      body: { email: 'new.hire@shop.test', role: 'support' },
      headers: app.adminHeaders,
    })
    expect(invite.status).toBe(200)
    const { token } = invite.body.invite
    const accepted = await app.request('POST', '/auth/invites/accept', {
      body: { token, password: 'welcome aboard', first_name: 'New' },
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body.user).toMatchObject({
      email: 'new.hire@shop.test',
      role: 'support',
      first_name: 'New',
    })
    const customers = await app.request('GET', '/admin/customers', {
      headers: { authorization: `Bearer ${accepted.body.token}` },
    })
    expect(customers.status).toBe(200)
    const again = await app.request('POST', '/auth/invites/accept', {
      body: { token, password: 'welcome aboard' },
    })
    expect(again.status).toBe(401)
    const signIn = await app.request('POST', '/auth/user/emailpass', {
      body: { email: 'new.hire@shop.test', password: 'welcome aboard' },
    })
    expect(signIn.status).toBe(200)
  })

  it('accepts a secret key as Bearer or Basic, and refuses it once revoked', async () => {
    const created = await app.request('POST', '/admin/secret-keys', {
      body: { title: 'ERP sync', role: 'catalog' },
      headers: app.adminHeaders,
    })
    const { id, token } = created.body.secret_key
    expect(token).toMatch(/^sk_/)
    const listed = await app.request('GET', '/admin/secret-keys', { headers: app.adminHeaders })
    expect(JSON.stringify(listed.body)).not.toContain(token)
    const basic = { authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` }
    expect((await app.request('GET', '/admin/products', { headers: basic })).status).toBe(200)
    expect(
      (await app.request('GET', '/admin/products', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200)
    expect((await app.request('GET', '/admin/users', { headers: basic })).status).toBe(403)
    await app.request('POST', `/admin/secret-keys/${id}/revoke`, { headers: app.adminHeaders })
    const revoked = await app.request('GET', '/admin/products', { headers: basic })
    expect(revoked.status).toBe(401)
    expect(revoked.body.message).toMatch(/revoked/)
  })

  it('ends a removed user’s access', async () => {
    const leaver = await app.createStaff('catalog')
    await app.request('DELETE', `/admin/users/${leaver.id}`, { headers: app.adminHeaders })
    const after = await app.request('GET', '/admin/products', { headers: leaver.headers })
    expect(after.status).toBe(401)
  })
})
