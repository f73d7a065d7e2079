// The HTTP edge: every caller mistake gets a JSON { type, message } with the right 4xx, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConflictError, ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../kernel/errors'
import { definePlugin } from '../kernel/plugin'
import { createTestApp, type TestApp } from '../testing'
import { defineRoute } from './route'

const echo = defineRoute({
  method: 'post',
  path: '/store/echo/:id',
  summary: 'Echo a thing back',
  params: z.object({ id: z.string().startsWith('thing_') }),
  query: z.object({ times: z.coerce.number().int().min(1).max(3).default(1) }),
  body: z.object({ name: z.string().min(1), quantity: z.number().int().positive() }),
  response: z.object({ id: z.string(), names: z.array(z.string()), quantity: z.number() }),
  handler: ({ params, query, body }) => ({
    id: params.id,
    names: Array.from({ length: query.times }, () => body.name),
    quantity: body.quantity,
  }),
})

const broken = defineRoute({
  method: 'get',
  path: '/store/broken',
  summary: 'A route with a bug',
  response: z.object({ ok: z.boolean() }),
  handler: () => {
    throw new Error('secret internals at /srv/app.ts:12')
  },
})

const failures = {
  forbidden: () => new ForbiddenError('Staff without catalog:write cannot edit products'),
  conflict: () => new ConflictError('The cart is being completed'),
  'rate-limited': () => new TooManyRequestsError(30),
  unauthorized: () => new UnauthorizedError(),
}

const fail = defineRoute({
  method: 'get',
  path: '/store/fail/:kind',
  summary: 'Fails the way it is asked to',
  params: z.object({ kind: z.enum(Object.keys(failures) as [keyof typeof failures]) }),
  response: z.object({}),
  handler: ({ params }) => {
    throw failures[params.kind]()
  },
})

const echoPlugin = definePlugin({ name: 'echo', register: (ctx) => ctx.addRoutes(echo, broken, fail) })

describe('HTTP errors and validation', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp({ plugins: [echoPlugin], config: { http: { bodyLimit: '2kb' } } })
  })
  afterAll(() => app.close())

  it('answers a valid request with the handler result', async () => {
    const response = await app.request('POST', '/store/echo/thing_1?times=2', {
      body: { name: 'a', quantity: 2 },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ id: 'thing_1', names: ['a', 'a'], quantity: 2 })
    expect(response.headers.get('x-request-id')).toMatch(/\S+/)
  })

  it('answers malformed JSON with 400 invalid_data', async () => {
    const response = await app.request('POST', '/store/echo/thing_1', {
      rawBody: '{"name": "a",',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(response.body.type).toBe('invalid_data')
    expect(response.body.message).toMatch(/Malformed JSON/)
  })

  it('names each field of the wrong type', async () => {
    const response = await app.request('POST', '/store/echo/thing_1', { body: { name: 5, quantity: 'many' } })
    expect(response.status).toBe(400)
    expect(response.body.type).toBe('invalid_data')
    expect(response.body.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'name',
      'quantity',
    ])
    expect(response.body.message).toContain('name')
    expect(response.body.message).toContain('quantity')
  })

  it('rejects invalid path and query values with 400', async () => {
    const badParam = await app.request('POST', '/store/echo/nope', { body: { name: 'a', quantity: 1 } })
    expect(badParam.status).toBe(400)
    expect(badParam.body.message).toMatch(/params.*id/)
    const badQuery = await app.request('POST', '/store/echo/thing_1?times=99', {
      body: { name: 'a', quantity: 1 },
    })
    expect(badQuery.status).toBe(400)
    expect(badQuery.body.message).toMatch(/query.*times/)
  })

  it('answers a body over the limit with 413', async () => {
    const response = await app.request('POST', '/store/echo/thing_1', {
      body: { name: 'x'.repeat(4096), quantity: 1 },
    })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({ type: 'payload_too_large' })
  })

  it('answers a body that is not JSON with 400, never as a 500', async () => {
    const response = await app.request('POST', '/store/echo/thing_1', {
      rawBody: 'name=a&quantity=1',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.status).toBe(400)
    expect(response.body.type).toBe('invalid_data')
  })

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const unknown = await app.request('GET', '/store/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ type: 'not_found', message: 'No route matches GET /store/nothing-here' })
    const wrongMethod = await app.request('DELETE', '/store/echo/thing_1')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.body.type).toBe('not_allowed')
  })

  it('maps each error class to its status and type', async () => {
    const cases = [
      ['unauthorized', 401, 'unauthorized'],
      ['forbidden', 403, 'not_allowed'],
      ['conflict', 409, 'conflict'],
      ['rate-limited', 429, 'too_many_requests'],
    ] as const
    for (const [kind, status, type] of cases) {
      const response = await app.request('GET', `/store/fail/${kind}`)
      expect([kind, response.status, response.body.type]).toEqual([kind, status, type])
    }
    const limited = await app.request('GET', '/store/fail/rate-limited')
    expect(limited.headers.get('retry-after')).toBe('30')
  })

  it('hides internals when a handler fails', async () => {
    const response = await app.request('GET', '/store/broken')
    expect(response.status).toBe(500)
    expect(response.body).toEqual({ type: 'unknown_error', message: 'An unexpected error occurred' })
    expect(response.text).not.toContain('secret')
  })

  it('keeps the admin API closed without credentials', async () => {
    const response = await app.request('GET', '/admin/dead-letters')
    expect(response.status).toBe(401)
    expect(response.body.type).toBe('unauthorized')
  })

  it('reports health and readiness', async () => {
    expect((await app.request('GET', '/health')).body).toEqual({ status: 'ok' })
    const ready = await app.request('GET', '/ready')
    expect(ready.status).toBe(200)
    expect(ready.body.checks.database).toBe('ok')
  })

  it('serves an OpenAPI document built from the route schemas', async () => {
    const response = await app.request('GET', '/openapi.json')
    expect(response.status).toBe(200)
    const operation = response.body.paths['/store/echo/{id}'].post
    expect(operation.requestBody.content['application/json'].schema.required).toEqual(['name', 'quantity'])
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'id',
      'times',
    ])
  })
})
