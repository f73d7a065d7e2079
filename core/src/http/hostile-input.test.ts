// Every endpoint answers malformed or hostile input with a 4xx and a message that says what is wrong:
// never a 500, never a stack trace or SQL in the answer. The routes come from the app's own
// /openapi.json, so a route added later is attacked too; each gets a battery chosen from its schema
// (its body fields, query parameters and path ids) with the caller's right credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../seed/demo'
import { createTestApp, type TestApp, type TestResponse } from '../testing'

type JsonSchema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  format?: string
  minimum?: number
  exclusiveMinimum?: number
  minLength?: number
  minItems?: number
  additionalProperties?: JsonSchema | boolean
}
interface Operation {
  method: string
  path: string
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: JsonSchema }>
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } }
}
interface Attack {
  name: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: unknown
  rawBody?: string
  /** Input that can never be right: the answer must be a 4xx, not a success. */
  mustReject: boolean
}

const MEGABYTE = 'x'.repeat(1024 * 1024)
const LONG = 'y'.repeat(70_000)
const HOSTILE_IDS = [
  'does_not_exist',
  'z'.repeat(3000),
  '..%2F..%2Fadmin',
  '%00',
  '%E0%A4%A',
  "1'%20OR%20'1'%3D'1",
  encodeURIComponent('ünïcødé ☃ 𝄞'),
]
/** Ids no route can take: too long for any id, a NUL, or percent-encoding that decodes to nothing. */
const MALFORMED_IDS: string[] = [HOSTILE_IDS[1]!, '%00', '%E0%A4%A']
const HOSTILE_STRINGS = ["'; DROP TABLE product; --", '\u0000', '😀'.repeat(300), LONG]

function deref(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  let current = schema ?? {}
  while (current.$ref) current = components[current.$ref.split('/').pop()!] ?? {}
  if (current.allOf) return Object.assign({}, ...current.allOf.map((part) => deref(part, components)))
  const choice = current.anyOf ?? current.oneOf
  if (choice) return deref(choice.find((part) => part.type !== 'null') ?? choice[0], components)
  return current
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null')
  if (schema.type) return schema.type
  if (schema.properties) return 'object'
  return undefined
}

/** A value that fits the schema, so one field at a time can be made hostile. */
function sample(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): unknown {
  const resolved = deref(schema, components)
  if (resolved.const !== undefined) return resolved.const
  if (resolved.enum) return resolved.enum[0]
  switch (typeOf(resolved)) {
    case 'string':
      if (resolved.format === 'email') return 'hostile@example.com'
      if (resolved.format === 'uri') return 'https://example.com/x'
      if (resolved.format === 'date-time') return '2030-01-01T00:00:00.000Z'
      return 'a'.repeat(Math.max(resolved.minLength ?? 0, 8))
    case 'integer':
    case 'number':
      return Math.max(resolved.minimum ?? 1, (resolved.exclusiveMinimum ?? 0) + 1)
    case 'boolean':
      return true
    case 'array':
      return depth > 3 || !resolved.minItems
        ? []
        : Array.from({ length: resolved.minItems }, () => sample(resolved.items ?? {}, components, depth + 1))
    case 'object': {
      const value: Record<string, unknown> = {}
      for (const name of resolved.required ?? []) {
        value[name] = sample(resolved.properties?.[name] ?? {}, components, depth + 1)
      }
      return value
    }
    default:
      return 'a'
  }
}

function wrongTypeFor(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return { nested: 'object' }
    case 'integer':
    case 'number':
      return 'not a number'
    case 'boolean':
      return 'yes'
    case 'array':
      return 'not an array'
    case 'object':
      return ['not', 'an', 'object']
    default:
      return undefined
  }
}

/** `{"a":{"a":…}}` as text: deeper than JSON.stringify itself could write. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`
}

/** Picks the next of a list each call, so the battery varies across fields without a full cross product. */
function rotation<T>(list: T[]): () => T {
  let turn = 0
  return () => list[turn++ % list.length]!
}
const otherId = rotation(HOSTILE_IDS.filter((id) => id !== 'does_not_exist' && id !== '%00'))
const otherString = rotation(HOSTILE_STRINGS.filter((value) => value !== LONG))
const oddNumber = rotation([-1, 1e308, 2 ** 53 + 1, 0.5])
const oddQueryValue = rotation(['a&', '-1', 'abc', encodeURIComponent(LONG.slice(0, 5000)), '%00'])

/** The battery for one operation, chosen from what it declares. */
function attacksFor(op: Operation, components: Record<string, JsonSchema>): Attack[] {
  const attacks: Attack[] = []
  const method = op.method
  const json = { 'content-type': 'application/json' }
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path')
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query')
  const fill = (id: string) => op.path.replace(/\{\w+\}/g, id)
  const target = fill('does_not_exist')
  const bodySchema = op.requestBody && deref(op.requestBody.content['application/json'].schema, components)
  const valid = bodySchema ? sample(bodySchema, components) : undefined
  // An unknown id may be a fine answer (a consent never recorded reads as "none"), so only input
  // that can never be right must be refused (mustReject); everything else must never be a 5xx.
  const add = (
    name: string,
    attack: Omit<Attack, 'name' | 'method' | 'path' | 'mustReject'>,
    mustReject = false,
    path = target,
  ) => attacks.push({ name, method, path, mustReject, ...attack })

  if (pathParams.length) {
    for (const id of ['does_not_exist', '%00', otherId()]) {
      add(`path id ${id.slice(0, 30)}`, { body: valid }, MALFORMED_IDS.includes(id), fill(id))
    }
  }

  if (method !== 'get') {
    add('malformed JSON', { headers: json, rawBody: '{"a": ' }, true)
    add('NaN literal', { headers: json, rawBody: '{"a": NaN}' }, true)
    add('huge body', { headers: json, rawBody: JSON.stringify({ a: MEGABYTE }) }, true)
    add('deep nesting', { headers: json, rawBody: nested(5000) }, Boolean(bodySchema))
    add(
      'prototype keys',
      {
        headers: json,
        rawBody: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
      },
      Boolean(bodySchema),
    )
    add('wrong content type', {
      headers: { 'content-type': 'text/plain' },
      rawBody: JSON.stringify(valid ?? {}),
    })
  }
  if (bodySchema) {
    for (const body of [[valid], 'a string', 42, null]) {
      add(
        `body ${JSON.stringify(body)?.slice(0, 20)}`,
        { headers: json, rawBody: JSON.stringify(body) },
        true,
      )
    }
  }
  if (bodySchema && typeOf(bodySchema) === 'object') {
    const base = valid as Record<string, unknown>
    add('unknown field', { body: { ...base, surely_unknown: { $gt: '' } } })
    add('prototype key beside a valid body', {
      headers: json,
      rawBody: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"role":"owner"},'),
    })
    let triedStrings = false
    for (const [field, fieldSchema] of Object.entries(bodySchema.properties ?? {})) {
      const resolved = deref(fieldSchema, components)
      const kind = typeOf(resolved)
      const wrong = wrongTypeFor(resolved)
      const withField = (value: unknown) => ({ body: { ...base, [field]: value } })
      if (wrong !== undefined) add(`${field} of the wrong type`, withField(wrong), true)
      if (kind === 'string' && !resolved.enum) {
        add(`${field} 70 kB long`, withField(LONG))
        if (!triedStrings) add(`${field} hostile string`, withField(otherString()))
        triedStrings = true
      }
      if (kind === 'number' || kind === 'integer') add(`${field} odd number`, withField(oddNumber()))
      if (kind === 'array') add(`${field} of hostile items`, withField([null, 1, 'x', {}, LONG]), true)
      if (kind === 'object') add(`${field} nested deep`, withField(JSON.parse(nested(200))))
    }
  }

  if (method === 'get') {
    const query = (text: string) => `${target}?${text}`
    const generic = ['limit=-1', 'limit=1e9', 'offset=abc', 'fields=*', 'limit=1&limit=2', 'order=__proto__']
    for (const text of [...generic, `q=${encodeURIComponent("' OR 1=1 --")}`])
      add(`query ${text}`, {}, false, query(text))
    for (const param of queryParams) {
      const name = encodeURIComponent(param.name)
      add(`query ${param.name}`, {}, false, query(`${name}=${oddQueryValue()}`))
      add(`query ${param.name}[]`, {}, false, query(`${name}[]=1&${name}[]=2&${name}[a][b]=c`))
    }
  }
  return attacks
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

describe('hostile input to every route', () => {
  let app: TestApp
  let operations: Operation[]
  let components: Record<string, JsonSchema>
  const headersFor = new Map<string, Record<string, string>>()

  beforeAll(async () => {
    app = await createTestApp()
    const demo = await seedDemo(app)
    const store = { 'x-publishable-api-key': demo.publishableKey }
    const email = 'hostile-shopper@example.com'
    const password = 'a long enough password'
    const registered = await app.request('POST', '/auth/customer/emailpass/register', {
      body: { email, password },
    })
    await app.request('POST', '/store/customers', {
      body: { first_name: 'Mallory' },
      headers: { ...store, authorization: `Bearer ${registered.body.token}` },
    })
    const signedIn = await app.request('POST', '/auth/customer/emailpass', { body: { email, password } })
    expect(signedIn.status).toBe(200)
    headersFor.set('/store', { ...store, authorization: `Bearer ${signedIn.body.token}` })
    headersFor.set('/admin', app.adminHeaders)

    const document = (await app.request('GET', '/openapi.json')).body
    components = document.components?.schemas ?? {}
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path })),
    )
  }, 120_000)
  afterAll(() => app?.close())

  it('answers every hostile request with a 4xx and a message saying what is wrong', {
    timeout: 240_000,
  }, async () => {
    // Given every operation the app documents, Store, Auth, Admin and hooks
    const areas = new Set(operations.map((op) => op.path.split('/')[1]))
    expect([...areas]).toEqual(expect.arrayContaining(['store', 'auth', 'admin', 'hooks']))
    const attacks = operations.flatMap((op) => attacksFor(op, components))

    // When each gets its battery with the caller's credentials
    const failures: string[] = []
    await pool(attacks, 6, async (attack) => {
      const area = `/${attack.path.split('/')[1]}`
      const response: TestResponse = await app.request(attack.method.toUpperCase(), attack.path, {
        headers: { ...headersFor.get(area), ...attack.headers },
        ...(attack.rawBody !== undefined
          ? { rawBody: attack.rawBody }
          : attack.body !== undefined && { body: attack.body }),
      })
      const problem = judge(attack, response)
      if (problem)
        failures.push(
          `${attack.method.toUpperCase()} ${attack.path.slice(0, 120)} [${attack.name}]: ${problem}`,
        )
    })

    // Then none is a 5xx, each refusal is JSON {type, message} with no internals, and the server is well
    expect(failures).toEqual([])
    expect(attacks.length).toBeGreaterThan(1000)
    expect((await app.request('GET', '/health')).status).toBe(200)
  })
})

/** What is wrong with the answer to one attack, or undefined when it was answered well. */
function judge(attack: Attack, response: TestResponse): string | undefined {
  if (response.status >= 500) return `${response.status} ${response.text.slice(0, 200)}`
  if (response.status < 400) return attack.mustReject ? `accepted with ${response.status}` : undefined
  const body = response.body as { type?: unknown; message?: unknown }
  if (typeof body !== 'object' || body === null)
    return `${response.status} not JSON: ${response.text.slice(0, 100)}`
  if (typeof body.type !== 'string' || typeof body.message !== 'string' || !body.message.trim()) {
    return `${response.status} without {type, message}: ${response.text.slice(0, 200)}`
  }
  if (/\n\s+at |SQLITE_|\bER_[A-Z]{3,}|\bselect\b[^"]*\bfrom\b|\binsert into\b/.test(response.text)) {
    return `${response.status} leaks internals: ${response.text.slice(0, 200)}`
  }
  return undefined
}
