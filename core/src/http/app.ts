// The Koa application: request id and logs, errors, CORS, body parsing, then the declared routes.
import { randomUUID } from 'node:crypto'
import { bodyParser } from '@koa/bodyparser'
import cors from '@koa/cors'
import { send } from '@koa/send'
import { type AwilixContainer, asValue } from 'awilix'
import Koa, { type Context } from 'koa'
import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import qs from 'qs'
import type { z } from 'zod'
import type { ShopwrightConfig } from '../kernel/config'
import { InvalidDataError, PayloadTooLargeError } from '../kernel/errors'
import type { CallerIdentifier } from './actor'
import { errorHandler } from './error-handler'
import { runIdempotent } from './idempotency'
import { buildOpenApiDocument } from './openapi'
import {
  type AnyRoute,
  isRawJson,
  isStreamBody,
  parseRequestPart,
  rawJsonText,
  rejectHostileStructure,
  streamBodyParts,
} from './route'
import { Router } from './router'

export interface ReadinessCheck {
  name: string
  check: () => Promise<void>
}

export interface HttpAppOptions {
  config: ShopwrightConfig
  container: AwilixContainer
  logger: Logger
  routes: AnyRoute[]
  readiness: ReadinessCheck[]
  version: string
}

const REQUEST_ID = /^[\w.-]{1,128}$/
const READINESS_TIMEOUT_MS = 2000

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

function corsFor(config: ShopwrightConfig) {
  const allowed: Array<[string, string[]]> = [
    ['/store', config.http.storeCors],
    ['/admin', config.http.adminCors],
    ['/auth', config.http.authCors],
  ]
  return cors({
    credentials: true,
    origin: (ctx: Context) => {
      const origin = ctx.get('Origin')
      const list =
        allowed.find(([prefix]) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`))?.[1] ?? []
      return list.includes(origin) || list.includes('*') ? origin : ''
    },
    exposeHeaders: ['x-request-id', 'retry-after'],
  })
}

/**
 * Query strings repeat on hot reads (the same product page, again and again): each route keeps the
 * parsed and validated result of recent ones. The result is frozen, since it is shared.
 */
function parseQuery(schema: z.ZodType, ctx: Context, cache: LRUCache<string, object>): unknown {
  const key = ctx.querystring
  const hit = cache.get(key)
  if (hit) return hit
  // qs understands Medusa's bracket syntax (fields[]=…, created_at[gt]=…) but is slow; plain strings need none of it.
  const raw = /\[|%5B/i.test(key) ? qs.parse(key, { depth: 5, arrayLimit: 200 }) : ctx.query
  const parsed = deepFreeze(parseRequestPart(schema, raw, 'query')) as object
  if (key.length <= 2048) cache.set(key, parsed)
  return parsed
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function mountRoute(router: Router, route: AnyRoute, validateResponses: boolean): void {
  const queryCache = new LRUCache<string, object>({ max: 500 })
  const routeKey = `${route.method.toUpperCase()} ${route.path}`
  const isAdmin = route.path === '/admin' || route.path.startsWith('/admin/')
  router.on(route.method, route.path, async (ctx, rawParams) => {
    // Every /admin route is behind staff sign-in and its permission: no route can forget it.
    if (isAdmin) await ctx.state.container.resolve('adminAuth').authorize(ctx, route.permission)
    if (!route.params) rejectHostileStructure(rawParams, 'params')
    const params = route.params ? parseRequestPart(route.params, rawParams, 'params') : rawParams
    const query = route.query ? parseQuery(route.query, ctx, queryCache) : {}
    const body = route.body ? parseRequestPart(route.body, ctx.request.body ?? {}, 'body') : undefined
    const run = async () => {
      const result = await route.handler({
        params,
        query,
        body,
        get scope() {
          return ctx.state.scope
        },
        resolve: (name: string) => ctx.state.container.resolve(name),
        log: ctx.state.log,
        koa: ctx,
      })
      const status = route.status ?? 200
      // A response that breaks its own schema is a bug in Shopwright: fail loudly in development and tests.
      if (isStreamBody(result)) {
        const { contentType, stream, filename } = streamBodyParts(result)
        ctx.type = contentType
        if (filename) ctx.attachment(filename)
        return { status, body: stream }
      }
      if (isRawJson(result)) {
        const text = rawJsonText(result)
        if (validateResponses) route.response.parse(JSON.parse(text))
        ctx.type = 'application/json'
        return { status, body: text }
      }
      return { status, body: validateResponses ? route.response.parse(result) : result }
    }
    const answer = route.idempotent
      ? await runIdempotent(ctx.state.scope.resolve('db'), ctx, routeKey, run)
      : await run()
    if ('replayed' in answer && answer.replayed) ctx.set('Idempotent-Replayed', 'true')
    ctx.body = answer.body
    ctx.status = answer.status
  })
}

/** Serves a folder under a path prefix (the admin UI at /app), with index.html for a SPA's own routes. */
function serveStatic(site: ShopwrightConfig['http']['static'][number]): Koa.Middleware {
  const prefix = site.prefix.replace(/\/$/, '')
  return async (ctx, next) => {
    if (!['GET', 'HEAD'].includes(ctx.method)) return next()
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next()
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`)
    const file = ctx.path.slice(prefix.length + 1) || 'index.html'
    const isAsset = /\.[a-z0-9]+$/i.test(file)
    try {
      await send(ctx, isAsset || !site.spa ? file : 'index.html', {
        root: site.dir,
        maxage: file.startsWith('assets/') ? 365 * 24 * 3600 * 1000 : 0,
        immutable: file.startsWith('assets/'),
      })
    } catch (error) {
      if ((error as { status?: number }).status === 404) return next()
      throw error
    }
  }
}

export function createHttpApp(options: HttpAppOptions): Koa {
  const { config, container, logger } = options
  const app = new Koa({ proxy: config.http.trustProxy })
  app.silent = true

  app.use(async (ctx, next) => {
    const incoming = ctx.get('x-request-id')
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID()
    const started = performance.now()
    ctx.set('x-request-id', requestId)
    ctx.state.log = logger.child({ reqId: requestId })
    ctx.state.container = container
    // The request's scope is made on first use: creating one costs more than most hot reads.
    let scope: AwilixContainer | undefined
    Object.defineProperty(ctx.state, 'scope', {
      get() {
        if (!scope) {
          scope = container.createScope()
          scope.register({
            requestContext: asValue({
              requestId,
              get actor() {
                return ctx.state.actor ?? null
              },
            }),
          })
        }
        return scope
      },
    })
    try {
      await next()
    } finally {
      ctx.state.log.info(
        {
          method: ctx.method,
          url: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  })
  app.use(errorHandler)
  app.use(corsFor(config))
  const parseBody = bodyParser({
    enableTypes: ['json'],
    jsonLimit: config.http.bodyLimit,
    encoding: 'utf-8',
    // Medusa's Store API takes a body on some DELETEs (DELETE /store/carts/:id/promotions).
    parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  })
  // Some providers post their webhooks as forms (Twilio's status callbacks): only /hooks/ takes them.
  const parseWebhookBody = bodyParser({
    enableTypes: ['json', 'form'],
    jsonLimit: config.http.bodyLimit,
    formLimit: config.http.bodyLimit,
    encoding: 'utf-8',
  })
  app.use(async (ctx, next) => {
    // Webhooks verify signatures over the exact bytes: the parser keeps them as ctx.request.rawBody.
    try {
      await (ctx.path.startsWith('/hooks/') ? parseWebhookBody : parseBody)(ctx, async () => {})
    } catch (error) {
      const { status, message } = error as { status?: number; message: string }
      if (status === 413)
        throw new PayloadTooLargeError(`Request body is larger than the limit of ${config.http.bodyLimit}`)
      throw new InvalidDataError(`Malformed JSON in request body: ${message}`)
    }
    await next()
  })

  // Credentials are checked only when the request carries one, so anonymous catalog reads stay fast.
  if (container.hasRegistration('callerIdentifier')) {
    const identifier = container.resolve<CallerIdentifier>('callerIdentifier')
    app.use(async (ctx, next) => {
      if (ctx.get('authorization') || ctx.cookies.get(identifier.sessionCookie))
        await identifier.identify(ctx)
      await next()
    })
  }

  const router = new Router()
  router.on('get', '/health', (ctx) => {
    ctx.body = { status: 'ok' }
  })
  router.on('get', '/ready', async (ctx) => {
    const checks: Record<string, string> = {}
    let ready = true
    for (const { name, check } of options.readiness) {
      try {
        await withTimeout(check(), READINESS_TIMEOUT_MS)
        checks[name] = 'ok'
      } catch (error) {
        ready = false
        checks[name] = 'unreachable'
        ctx.state.log.warn({ err: error, check: name }, 'readiness check failed')
      }
    }
    ctx.status = ready ? 200 : 503
    ctx.body = ready
      ? { status: 'ready', checks }
      : { type: 'service_unavailable', message: 'A required service is unreachable', checks }
  })
  let openapi: string | undefined
  router.on('get', '/openapi.json', (ctx) => {
    openapi ??= JSON.stringify(
      buildOpenApiDocument(options.routes, { title: 'Shopwright API', version: options.version }),
    )
    ctx.type = 'application/json'
    ctx.body = openapi
  })
  for (const route of options.routes) mountRoute(router, route, config.http.validateResponses)

  app.use(router.middleware())
  for (const site of config.http.static) app.use(serveStatic(site))
  return app
}
