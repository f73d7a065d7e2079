// The application: builds the container from the config, loads plugins, connects the database and
// Redis, and runs the roles this process has (api: HTTP; worker: jobs and event deliveries).
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EntitySchema } from '@mikro-orm/core'
import { asValue, createContainer, InjectionMode } from 'awilix'
import { Redis } from 'ioredis'
import type Koa from 'koa'
import { type Logger, pino } from 'pino'
import { DenyAllAdminAuthorizer } from '../http/admin-auth'
import { createHttpApp, type ReadinessCheck } from '../http/app'
import { RouteRegistry } from '../http/route'
import { MemoryCache, RedisCache } from '../infra/cache'
import { Database, describeDatabaseUrl, type MigrationSet } from '../infra/database'
import { EventBus } from '../infra/events/event-bus'
import { BullJobQueue } from '../infra/jobs/bullmq-queue'
import { DeadLetters } from '../infra/jobs/dead-letters'
import { EmbeddedJobQueue } from '../infra/jobs/embedded-queue'
import type { JobQueue } from '../infra/jobs/queue'
import { MemoryKeyValueStore, RedisKeyValueStore } from '../infra/kv'
import { MemoryLocks, RedisLocks } from '../infra/locks'
import { MemoryRateLimits, RedisRateLimits } from '../infra/rate-limits'
import { CORE_MODULES } from '../modules'
import { isResolvedConfig, resolveConfig, type ShopwrightConfig, type ShopwrightConfigInput } from './config'
import { type LoadedPlugin, loadPlugins, type PluginContext, type PluginDefinition } from './plugin'
import { createProviders } from './providers'

export type Role = 'api' | 'worker' | 'all'

export const ROLES: Role[] = ['api', 'worker', 'all']

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

export interface CreateShopwrightOptions {
  config?: ShopwrightConfigInput | ShopwrightConfig
  role?: Role
  /** Apply pending migrations; defaults to the config's `database.migrateOnStart`. */
  migrate?: boolean
  logger?: Logger
}

export interface Shopwright {
  readonly config: ShopwrightConfig
  readonly role: Role
  readonly container: ReturnType<typeof createContainer>
  readonly db: Database
  readonly events: EventBus
  readonly jobs: JobQueue
  readonly logger: Logger
  /** The Koa app (api and all roles). */
  readonly http: Koa
  /** Starts the HTTP server; port 0 picks a free one. */
  listen(port?: number, host?: string): Promise<Server>
  /** The address the server listens on, e.g. http://127.0.0.1:9000. */
  url(): string
  /** Stops taking requests and jobs, lets in-flight work finish, then closes connections. */
  shutdown(): Promise<void>
}

export async function createShopwright(options: CreateShopwrightOptions = {}): Promise<Shopwright> {
  const config =
    options.config && isResolvedConfig(options.config) ? options.config : resolveConfig(options.config)
  const role = options.role ?? 'all'
  const logger = options.logger ?? pino({ level: config.logger.level, base: { role } })
  const plugins: LoadedPlugin[] = [
    ...CORE_MODULES.map((plugin) => ({ plugin, options: {} })),
    ...(await loadPlugins(config.plugins)),
  ]

  const container = createContainer({ injectionMode: InjectionMode.PROXY, strict: true })
  const providers = createProviders()
  const routes = new RouteRegistry()
  const redis = config.redis.url ? new Redis(config.redis.url, { maxRetriesPerRequest: 3 }) : undefined
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection error'))
  const prefix = config.redis.prefix

  const entities: EntitySchema<any, any>[] = plugins.flatMap(({ plugin }) => plugin.entities ?? [])
  const migrations: MigrationSet[] = plugins.flatMap(({ plugin }) =>
    plugin.migrations ? [plugin.migrations] : [],
  )
  const target = describeDatabaseUrl(config.database.url, config.projectDir)
  const db = await Database.connect({ target, entities, migrations, logger, debug: config.database.debug })

  const deadLetters = new DeadLetters(db)
  const jobs: JobQueue = redis
    ? new BullJobQueue(deadLetters, logger, {
        redisUrl: config.redis.url!,
        prefix,
        concurrency: config.jobs.concurrency,
      })
    : new EmbeddedJobQueue(db, deadLetters, logger, config.jobs)
  const events = new EventBus(db, jobs, logger, config.events)
  const kv = redis ? new RedisKeyValueStore(redis, prefix) : new MemoryKeyValueStore()

  container.register({
    config: asValue(config),
    logger: asValue(logger),
    db: asValue(db),
    jobs: asValue(jobs),
    events: asValue(events),
    deadLetters: asValue(deadLetters),
    providers: asValue(providers),
    routes: asValue(routes),
    kv: asValue(kv),
    cache: asValue(redis ? new RedisCache(redis, prefix) : new MemoryCache()),
    locks: asValue(redis ? new RedisLocks(redis, prefix) : new MemoryLocks()),
    rateLimits: asValue(redis ? new RedisRateLimits(redis, prefix) : new MemoryRateLimits()),
    adminAuth: asValue(new DenyAllAdminAuthorizer()),
  })

  const contexts = plugins.map(
    ({ plugin, options: pluginOptions }): [PluginDefinition<any>, PluginContext] => [
      plugin,
      {
        name: plugin.name,
        options: pluginOptions,
        config,
        logger: logger.child({ plugin: plugin.name }),
        container,
        providers,
        addRoutes: (...added) => routes.add(...added),
        subscribe: (subscriber) => events.subscribe(subscriber),
        defineJob: (job) => jobs.define(job),
        schedule: (job) => jobs.schedule(job),
      },
    ],
  )

  const stopped: Array<() => Promise<void>> = []
  const close = async () => {
    for (const stop of stopped.splice(0).reverse()) {
      await stop().catch((error) => logger.error({ err: error }, 'shutdown step failed'))
    }
  }
  stopped.push(async () => db.close())
  if (redis) stopped.push(async () => void (await redis.quit()))
  if (kv instanceof MemoryKeyValueStore) stopped.push(async () => kv.close())

  try {
    for (const [plugin, ctx] of contexts) await plugin.register?.(ctx)
    if (options.migrate ?? config.database.migrateOnStart) {
      const applied = await db.migrate()
      if (applied.length) logger.info({ migrations: applied }, 'applied database migrations')
    }
    for (const [plugin, ctx] of contexts) await plugin.boot?.(ctx)
    stopped.push(async () => {
      for (const [plugin, ctx] of [...contexts].reverse()) await plugin.shutdown?.(ctx)
    })
    stopped.push(async () => jobs.stop())
    if (role !== 'api') await jobs.start()
    stopped.push(async () => events.stop())
    events.start()
  } catch (error) {
    await close()
    throw error
  }

  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => db.ping() }]
  if (redis) readiness.push({ name: 'redis', check: async () => void (await redis.ping()) })
  const http = createHttpApp({ config, container, logger, routes: routes.list(), readiness, version })

  let server: Server | undefined
  let shuttingDown: Promise<void> | undefined

  return {
    config,
    role,
    container,
    db,
    events,
    jobs,
    logger,
    http,
    async listen(port = config.http.port, host = config.http.host) {
      server = http.listen(port, host)
      // Longer than load balancers' and HTTP clients' idle timeouts, so the server never closes a
      // kept-alive connection just as a client sends on it.
      server.keepAliveTimeout = 65_000
      server.headersTimeout = 66_000
      await new Promise<void>((resolve, reject) => {
        server!.once('listening', resolve)
        server!.once('error', reject)
      })
      return server
    },
    url() {
      const address = server?.address() as AddressInfo | null
      if (!address) throw new Error('The server is not listening')
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`
    },
    shutdown() {
      shuttingDown ??= (async () => {
        if (server) {
          const closed = new Promise<void>((resolve) => server!.close(() => resolve()))
          server.closeIdleConnections()
          const timeout = setTimeout(() => server!.closeAllConnections(), config.http.shutdownTimeoutMs)
          await closed
          clearTimeout(timeout)
        }
        await close()
      })()
      return shuttingDown
    },
  }
}
