// defineRoute: one declaration per endpoint. Its zod schemas validate the request and the response,
// and produce the endpoint's entry in /openapi.json.
import type { AwilixContainer } from 'awilix'
import type { Context } from 'koa'
import type { Logger } from 'pino'
import { z } from 'zod'
import { InvalidDataError } from '../kernel/errors'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

const RAW_JSON = Symbol('shopwright.rawJson')

/** A response already serialized (e.g. from a read model's cache): sent as is, checked in tests. */
export interface RawJson {
  [RAW_JSON]: string
}

export function rawJson(json: string): RawJson {
  return { [RAW_JSON]: json }
}

export function isRawJson(value: unknown): value is RawJson {
  return typeof value === 'object' && value !== null && RAW_JSON in value
}

export function rawJsonText(value: RawJson): string {
  return value[RAW_JSON]
}

const STREAM = Symbol('shopwright.stream')

/** A streamed answer (a CSV export): sent as it is produced, never held in memory whole. */
export interface StreamBody {
  [STREAM]: { contentType: string; stream: NodeJS.ReadableStream; filename?: string }
}

export function streamBody(
  contentType: string,
  stream: NodeJS.ReadableStream,
  filename?: string,
): StreamBody {
  return { [STREAM]: { contentType, stream, filename } }
}

export function isStreamBody(value: unknown): value is StreamBody {
  return typeof value === 'object' && value !== null && STREAM in value
}

export function streamBodyParts(value: StreamBody) {
  return value[STREAM]
}

export interface RouteContext<Params, Query, Body> {
  params: Params
  query: Query
  body: Body
  /** The request's container scope (made on first use). */
  scope: AwilixContainer
  /** A service from the container, without making the request scope: the fast way for hot reads. */
  resolve<T>(name: string): T
  log: Logger
  koa: Context
}

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod
  /** Koa-style path: `/store/products/:id`. */
  path: string
  summary: string
  tags?: string[]
  params?: P
  query?: Q
  body?: B
  response: R
  /** Status of a successful answer; 200 unless set. */
  status?: number
  /** Honour an Idempotency-Key header: a retry with the same key gets the first answer again. */
  idempotent?: boolean
  /**
   * What an /admin route needs, as `resource:action` (e.g. `product:write`). A route that states
   * none is open to owners and admins only.
   */
  permission?: string
  handler: (
    ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>,
  ) => Promise<z.input<R> | RawJson | StreamBody> | z.input<R> | RawJson | StreamBody
}

export type AnyRoute = RouteDefinition<any, any, any, any>

export function defineRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
>(route: RouteDefinition<P, Q, B, R>): RouteDefinition<P, Q, B, R> {
  return route
}

/** Every route of the running app, from core modules and plugins. */
export class RouteRegistry {
  private readonly routes = new Map<string, AnyRoute>()

  add(...routes: AnyRoute[]): void {
    for (const route of routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`
      if (this.routes.has(key)) throw new Error(`Route ${key} is declared twice`)
      this.routes.set(key, route)
    }
  }

  list(): AnyRoute[] {
    return [...this.routes.values()]
  }
}

/** Deeper than any request of the API: a body nested further is an attack on the parser, not data. */
const MAX_DEPTH = 32

/**
 * Answers 400 for what no schema should have to meet: a string or key holding a NUL character (no
 * field means one, and SQLite ends a statement's text at it) or nesting deeper than MAX_DEPTH.
 * Walks with a stack of its own, so a hostile depth cannot overflow the call stack.
 */
export function rejectHostileStructure(value: unknown, part: string): void {
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }]
  const refuse = (path: string[], message: string): never => {
    const field = path.length ? path.join('.') : part
    throw new InvalidDataError(`Invalid request ${part}: ${field}: ${message}`, [{ field, message }])
  }
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (typeof item.value === 'string' && item.value.includes('\u0000')) {
      refuse(item.path, 'must not contain a NUL character')
    }
    if (typeof item.value !== 'object' || item.value === null) continue
    if (item.path.length >= MAX_DEPTH) refuse(item.path, `is nested more than ${MAX_DEPTH} levels deep`)
    for (const [key, child] of Object.entries(item.value)) {
      if (key.includes('\u0000')) refuse(item.path, 'must not contain a NUL character')
      pending.push({ value: child, path: [...item.path, key] })
    }
  }
}

/** Parses one part of the request, or answers 400 naming each failing field. */
export function parseRequestPart<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  rejectHostileStructure(value, part)
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : part,
    message: issue.message,
  }))
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
  throw new InvalidDataError(`Invalid request ${part}: ${summary}`, issues)
}

/** The path parameters of every `/…/:id` route: one id, as long as any id Shopwright makes (or a caller may send). */
export const idParams = z.object({ id: z.string().max(64) })
