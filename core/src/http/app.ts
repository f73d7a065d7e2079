// The Koa application: request id and logs, errors, CORS, body parsing, then the declared routes.
import { randomUUID } from 'node:crypto'
import { bodyParser } from '@koa/bodyparser'
import cors from '@koa/cors'
import Router from '@koa/router'
import { type AwilixContainer, asValue } from 'awilix'
import Koa, { type Context } from 'koa'
import type { Logger } from 'pino'
import qs from 'qs'
import type { ShopwrightConfig } from '../kernel/config'
import { InvalidDataError, PayloadTooLargeError } from '../kernel/errors'
import { errorHandler } from './error-handler'
import { buildOpenApiDocument } from './openapi'
import { type AnyRoute, parseRequestPart } from './route'

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

function mountRoute(router: Router, route: AnyRoute, validateResponses: boolean): void {
  const isAdmin = route.path === '/admin' || route.path.startsWith('/admin/')
  router[route.method](route.path, async (ctx) => {
    // Every /admin route is behind admin authentication: no route can forget it.
    if (isAdmin) await ctx.state.scope.resolve('adminAuth').authenticate(ctx)
    const params = route.params ? parseRequestPart(route.params, ctx.params, 'params') : ctx.params
    const query = route.query
      ? parseRequestPart(route.query, qs.parse(ctx.querystring, { depth: 5, arrayLimit: 200 }), 'query')
      : {}
    const body = route.body ? parseRequestPart(route.body, ctx.request.body ?? {}, 'body') : undefined
    const result = await route.handler({
      params,
      query,
      body,
      scope: ctx.state.scope,
      log: ctx.state.log,
      koa: ctx,
    })
    // A response that breaks its own schema is a bug in Shopwright: fail loudly in development and tests.
    ctx.body = validateResponses ? route.response.parse(result) : result
    ctx.status = route.status ?? 200
  })
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
    ctx.state.scope = container.createScope()
    ctx.state.scope.register({ requestContext: asValue({ requestId, actor: null }) })
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
  const parseBody = bodyParser({ enableTypes: ['json'], jsonLimit: config.http.bodyLimit, encoding: 'utf-8' })
  app.use(async (ctx, next) => {
    // Webhooks verify signatures over the exact bytes: the parser keeps them as ctx.request.rawBody.
    try {
      await parseBody(ctx, async () => {})
    } catch (error) {
      const { status, message } = error as { status?: number; message: string }
      if (status === 413)
        throw new PayloadTooLargeError(`Request body is larger than the limit of ${config.http.bodyLimit}`)
      throw new InvalidDataError(`Malformed JSON in request body: ${message}`)
    }
    await next()
  })

  const router = new Router()
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' }
  })
  router.get('/ready', async (ctx) => {
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
  router.get('/openapi.json', (ctx) => {
    openapi ??= JSON.stringify(
      buildOpenApiDocument(options.routes, { title: 'Shopwright API', version: options.version }),
    )
    ctx.type = 'application/json'
    ctx.body = openapi
  })
  for (const route of options.routes) mountRoute(router, route, config.http.validateResponses)

  app.use(router.routes())
  app.use(router.allowedMethods({ throw: true }))
  return app
}
