// Test support: a Shopwright on a fresh database of its own (SQLite, or MySQL/MariaDB when
// DATABASE_URL says so) with Redis when REDIS_URL is set, and a small HTTP client for it.
// Real databases and queues only: nothing here is a mock.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { createConnection } from 'mysql2/promise'
import { knexOf } from '../infra/database'
import type { ShopwrightConfigInput } from '../kernel/config'
import type { PluginEntry } from '../kernel/plugin'
import { createShopwright, type Role, type Shopwright } from '../kernel/shopwright'
import type { AuthService } from '../modules/auth/service'
import type { SalesChannelService } from '../modules/sales-channel/service'
import type { UserService } from '../modules/user/service'
import { staticDir } from '../seed/demo'

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** Which backends this test run uses: `npm test` runs once on SQLite alone, once on MariaDB with Redis. */
export const testBackends = {
  mysqlServer: process.env.DATABASE_URL?.startsWith('mysql') ? process.env.DATABASE_URL : undefined,
  redisUrl: process.env.REDIS_URL || undefined,
}

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

/** A new, empty database for one test file or app. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testBackends.mysqlServer) {
    const server = new URL(testBackends.mysqlServer)
    const name = uniqueName('sw_test')
    server.pathname = `/${name}`
    return {
      url: server.toString(),
      async drop() {
        const admin = new URL(server)
        admin.pathname = '/'
        const connection = await createConnection(admin.toString())
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``)
        await connection.end()
      },
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'shopwright-test-'))
  return {
    url: `sqlite:${path.join(dir, 'test.db')}`,
    async drop() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Deletes every Redis key under a prefix (tests give each app its own). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  if (!testBackends.redisUrl) return
  const redis = new Redis(testBackends.redisUrl)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}

export interface TestResponse<Body = any> {
  status: number
  headers: Headers
  body: Body
  text: string
}

export interface RequestOptions {
  body?: unknown
  /** Sent as is, e.g. malformed JSON. */
  rawBody?: string | Buffer
  headers?: Record<string, string>
}

export interface TestApp extends Shopwright {
  request<Body = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<Body>>
  /** Shuts down and drops the database and Redis keys (unless `keepData`). */
  close(options?: { keepData?: boolean }): Promise<void>
  databaseUrl: string
  redisPrefix: string
  /** Headers that call /admin routes as an owner (a secret API key made for this app). */
  adminHeaders: Record<string, string>
  /**
   * What every /store route asks for: an `x-publishable-api-key` header, with a key (made on first
   * use) for a sales channel of its own.
   */
  storeHeaders(): Promise<Record<string, string>>
  /** A staff user with this role (signed in): its id and the headers to call as them. */
  createStaff(
    role: string,
    email?: string,
  ): Promise<{ id: string; email: string; headers: Record<string, string> }>
}

export interface TestAppOptions {
  plugins?: PluginEntry[]
  role?: Role
  /** Reuse a database (e.g. to restart an app on the same data). */
  database?: TestDatabase
  redisPrefix?: string
  config?: Omit<ShopwrightConfigInput, 'plugins' | 'database'>
  /** Do not start the HTTP server (worker role tests). */
  listen?: boolean
  /**
   * Folders served as `shopwright start` serves them (e.g. a built front end), beside the project's
   * own /static files; the app then gets a project folder of its own unless the config names one.
   */
  serve?: Array<{ prefix: string; dir: string; spa?: boolean }>
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  const redisPrefix = options.redisPrefix ?? uniqueName('swtest')
  const projectDir =
    options.config?.projectDir ??
    (options.serve ? mkdtempSync(path.join(tmpdir(), 'shopwright-project-')) : tmpdir())
  const http = options.serve
    ? {
        ...options.config?.http,
        static: [...options.serve, { prefix: '/static', dir: staticDir(projectDir) }],
      }
    : options.config?.http
  const app = await createShopwright({
    role: options.role ?? 'all',
    config: {
      ...options.config,
      projectDir,
      http,
      logger: { level: (process.env.LOG_LEVEL as 'silent') ?? 'silent', ...options.config?.logger },
      database: { url: database.url },
      redis: { url: options.config?.redis?.url ?? testBackends.redisUrl, prefix: redisPrefix },
      events: { backoffMs: 20, relayIntervalMs: 100, ...options.config?.events },
      jobs: { pollIntervalMs: 25, ...options.config?.jobs },
      plugins: options.plugins ?? [],
    },
  })
  if (options.listen !== false && app.role !== 'worker') await app.listen(0, '127.0.0.1')

  const testApp = app as TestApp
  testApp.databaseUrl = database.url
  testApp.redisPrefix = redisPrefix
  testApp.request = async (method, requestPath, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers }
    let body: string | Buffer | undefined = requestOptions.rawBody
    if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(`${app.url()}${requestPath}`, { method, headers, body })
    const text = await response.text()
    let parsed: unknown = text
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: parsed as never, text }
  }
  // Tests call the Admin API as an owner through a secret key. A test that sets
  // SHOPWRIGHT_ADMIN_TOKEN gets that value as the key, so `Authorization: Bearer <it>` works.
  const adminSecret = process.env.SHOPWRIGHT_ADMIN_TOKEN || randomBytes(24).toString('hex')
  await app.container
    .resolve<UserService>('userService')
    .createSecretKey(
      { title: 'test owner', role: 'owner', secret: adminSecret },
      { id: null, role: undefined },
    )
  testApp.adminHeaders = { authorization: `Bearer ${adminSecret}` }
  let storeHeaders: Promise<Record<string, string>> | undefined
  testApp.storeHeaders = () => {
    storeHeaders ??= (async () => {
      const channels = app.container.resolve<SalesChannelService>('salesChannelService')
      const channel = await channels.createSalesChannel({ name: 'Test storefront' })
      const key = await channels.createPublishableKey({ title: 'Test', sales_channel_ids: [channel.id] })
      return { 'x-publishable-api-key': key.token }
    })()
    return storeHeaders
  }
  testApp.createStaff = async (role, email = `${role}-${randomBytes(4).toString('hex')}@staff.test`) => {
    const password = randomBytes(12).toString('hex')
    const user = await app.container.resolve<UserService>('userService').createUser({ email, password, role })
    const { token } = await app.container
      .resolve<AuthService>('authService')
      .signIn('user', email, password, `test-${randomBytes(4).toString('hex')}`)
    return { id: user.id, email, headers: { authorization: `Bearer ${token}` } }
  }
  testApp.close = async ({ keepData = false } = {}) => {
    await app.shutdown()
    if (!keepData) {
      if (!options.database) await database.drop()
      if (!options.redisPrefix) await dropRedisPrefix(redisPrefix)
    }
  }
  return testApp
}

/** What emailedCode reads: the local notification outbox (the notification module's service). */
interface LocalOutbox {
  listOutbox(filter: { recipient: string; limit: number; offset: number }): Promise<{
    messages: Array<{ subject: string | null; text: string }>
  }>
}

/**
 * The 6-digit code in the newest message to `recipient` whose subject matches, read from the local
 * notification outbox as a shopper reads their inbox; waits until `count` such messages have arrived.
 */
export async function emailedCode(
  app: Shopwright,
  recipient: string,
  subject: RegExp,
  { count = 1 }: { count?: number } = {},
): Promise<string> {
  const outbox = app.container.resolve<LocalOutbox>('notificationService')
  return eventually(async () => {
    const { messages } = await outbox.listOutbox({ recipient, limit: 50, offset: 0 })
    const matching = messages.filter((message) => subject.test(message.subject ?? message.text))
    return matching.length >= count ? /\b(\d{6})\b/.exec(matching[0]!.text)?.[1] : undefined
  })
}

/** The data of every `name` event the app recorded in its outbox, oldest first: what its subscribers get. */
export async function recordedEvents<Data = Record<string, unknown>>(
  app: Shopwright,
  name: string,
): Promise<Data[]> {
  const rows = await knexOf(app.db.em())('event_outbox').where({ name }).orderBy('id').select('data')
  return rows.map((row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Data)
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(
    `Condition not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ''}`,
  )
}
