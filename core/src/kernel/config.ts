// shopwright.config.ts: defineConfig() for store projects, and resolution of every value to a default.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { ConfigError } from './errors'
import type { PluginEntry } from './plugin'

const origins = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((origin) => origin.trim()).filter(Boolean),
  )

const configSchema = z.object({
  projectDir: z.string().describe('The store project folder; relative paths are resolved against it.'),
  database: z
    .object({
      url: z
        .string()
        .optional()
        .describe(
          '`sqlite:<path>` or `mysql://user:password@host:port/database`; SQLite under `.shopwright/` when unset.',
        ),
      migrateOnStart: z.boolean().default(true).describe('Apply pending migrations when the server starts.'),
      debug: z.boolean().default(false).describe('Log every SQL statement (at debug level).'),
    })
    .prefault({}),
  redis: z
    .object({
      url: z
        .string()
        .optional()
        .describe(
          'With it, jobs and event deliveries go through BullMQ and cache, key-value store, locks and rate limits live in Redis.',
        ),
      prefix: z
        .string()
        .default('sw')
        .describe('Prefix of every Redis key, so several stores can share one Redis.'),
    })
    .prefault({}),
  http: z
    .object({
      port: z.coerce.number().int().min(0).max(65535).default(9000).describe('HTTP port.'),
      host: z.string().default('0.0.0.0').describe('Address to listen on.'),
      storeCors: origins.default([]).describe('Origins allowed to call `/store` from a browser.'),
      adminCors: origins.default([]).describe('Origins allowed to call `/admin` from a browser.'),
      authCors: origins.default([]).describe('Origins allowed to call `/auth` from a browser.'),
      bodyLimit: z.string().default('1mb').describe('Largest accepted request body, e.g. `1mb`.'),
      trustProxy: z
        .boolean()
        .default(false)
        .describe('Honour X-Forwarded-* headers (behind a load balancer).'),
      validateResponses: z
        .boolean()
        .default(process.env.NODE_ENV !== 'production')
        .describe('Check every response against its schema: on unless NODE_ENV is production.'),
      static: z
        .array(
          z.object({
            prefix: z.string().startsWith('/'),
            dir: z.string(),
            spa: z
              .boolean()
              .default(false)
              .describe(
                "Unknown paths under the prefix answer index.html, for a single-page app's own routes.",
              ),
          }),
        )
        .default([])
        .describe('Folders of static files served under a path, e.g. the admin UI at `/app`.'),
      shutdownTimeoutMs: z
        .number()
        .int()
        .positive()
        .default(10_000)
        .describe('Time a draining server waits for in-flight requests on shutdown.'),
    })
    .prefault({}),
  events: z
    .object({
      maxAttempts: z
        .number()
        .int()
        .min(1)
        .default(5)
        .describe('Deliveries of one event to one subscriber before it is dead-lettered.'),
      backoffMs: z
        .number()
        .int()
        .min(0)
        .default(1000)
        .describe('First retry delay; each further retry doubles it.'),
      relayIntervalMs: z
        .number()
        .int()
        .positive()
        .default(1000)
        .describe('How often the outbox is swept for events that no process relayed (after a crash).'),
    })
    .prefault({}),
  jobs: z
    .object({
      concurrency: z.number().int().min(1).default(4).describe('Jobs a worker process runs at once.'),
      pollIntervalMs: z
        .number()
        .int()
        .positive()
        .default(250)
        .describe('Embedded queue: how often it looks for due jobs when nothing woke it.'),
      leaseMs: z
        .number()
        .int()
        .positive()
        .default(60_000)
        .describe('Embedded queue: a job whose worker vanished runs again after this long.'),
    })
    .prefault({}),
  auth: z
    .object({
      jwtSecret: z
        .string()
        .min(32, 'must be at least 32 characters')
        .optional()
        .describe(
          'Signs access tokens (HS256). Set it in production, the same on every API process; without it a random secret is made once and kept in `.shopwright/jwt-secret`, so restarts keep sessions.',
        ),
      accessTokenMinutes: z
        .number()
        .int()
        .min(1)
        .max(60)
        .default(15)
        .describe('Lifetime of an access token (JWT).'),
      refreshTokenDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(30)
        .describe('Lifetime of a refresh token family and of a cookie session.'),
      ipRateLimit: z
        .number()
        .int()
        .min(1)
        .default(100)
        .describe(
          'Sign-in attempts, registrations and code requests allowed from one IP address per 15 minutes (each counted apart).',
        ),
      resetPasswordUrl: z
        .string()
        .url()
        .default('http://localhost:8000/reset-password')
        .describe(
          "The storefront's page for choosing a new password: reset emails link to it with `?token=…`.",
        ),
      secureCookies: z
        .boolean()
        .default(process.env.NODE_ENV === 'production')
        .describe('Mark the session cookie `Secure` (HTTPS only): on when NODE_ENV is production.'),
    })
    .prefault({}),
  logger: z
    .object({
      level: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info')
        .describe('pino log level.'),
    })
    .prefault({}),
  plugins: z
    .array(z.custom<PluginEntry>())
    .default([])
    .describe('Plugins: a plugin, `[plugin, options]` or `{ resolve, options }`.'),
})

/** Which environment variable fills a setting the config file leaves out. */
export const CONFIG_ENV: Record<string, string> = {
  'database.url': 'DATABASE_URL',
  'redis.url': 'REDIS_URL',
  'redis.prefix': 'REDIS_PREFIX',
  'http.port': 'PORT',
  'http.storeCors': 'STORE_CORS',
  'http.adminCors': 'ADMIN_CORS',
  'http.authCors': 'AUTH_CORS',
  'logger.level': 'LOG_LEVEL',
  'auth.jwtSecret': 'JWT_SECRET',
}

/** docs/configuration.md, generated from the schema above (`npm run docs`); a test keeps it current. */
export function renderConfigReference(): string {
  const rows: string[] = []
  const walk = (schema: Record<string, any>, path: string) => {
    for (const [key, property] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
      const name = path ? `${path}.${key}` : key
      if (property.type === 'object' && property.properties) {
        walk(property, name)
        continue
      }
      const fallback = property.default === undefined ? '' : `\`${JSON.stringify(property.default)}\``
      const env = CONFIG_ENV[name] ? `\`${CONFIG_ENV[name]}\`` : ''
      rows.push(`| \`${name}\` | ${env} | ${fallback} | ${property.description ?? ''} |`)
    }
  }
  const { projectDir: _, ...shape } = configSchema.shape
  walk(z.toJSONSchema(z.object(shape), { io: 'input', unrepresentable: 'any' }) as Record<string, any>, '')
  return [
    '# Configuration reference',
    '',
    'Generated from the config schema in `core/src/kernel/config.ts` by `npm run docs`; do not edit by hand.',
    '',
    'Every setting can go in `shopwright.config.ts` (`export default defineConfig({ ... })`). A setting the',
    'file leaves out comes from its environment variable, then from its default, so an empty config runs.',
    '',
    '| setting | environment | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}

export type ShopwrightConfig = z.output<typeof configSchema>
export type ShopwrightConfigInput = Omit<z.input<typeof configSchema>, 'projectDir'> & { projectDir?: string }

/** Typed helper for `shopwright.config.ts`; every value is optional. */
export function defineConfig(config: ShopwrightConfigInput): ShopwrightConfigInput {
  return config
}

/** Fills every value from the config, then the environment, then the default. */
export function resolveConfig(
  input: ShopwrightConfigInput = {},
  env: NodeJS.ProcessEnv = process.env,
): ShopwrightConfig {
  const merged = {
    ...input,
    projectDir: path.resolve(input.projectDir ?? process.cwd()),
    database: { ...input.database, url: input.database?.url ?? (env.DATABASE_URL || undefined) },
    redis: {
      ...input.redis,
      url: input.redis?.url ?? (env.REDIS_URL || undefined),
      prefix: input.redis?.prefix ?? (env.REDIS_PREFIX || undefined),
    },
    http: {
      ...input.http,
      port: input.http?.port ?? env.PORT,
      storeCors: input.http?.storeCors ?? env.STORE_CORS,
      adminCors: input.http?.adminCors ?? env.ADMIN_CORS,
      authCors: input.http?.authCors ?? env.AUTH_CORS,
    },
    logger: { ...input.logger, level: input.logger?.level ?? env.LOG_LEVEL },
    auth: { ...input.auth, jwtSecret: input.auth?.jwtSecret ?? (env.JWT_SECRET || undefined) },
  }
  const parsed = configSchema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    throw new ConfigError(`Invalid Shopwright configuration: ${problems.join('; ')}`)
  }
  return Object.defineProperty(parsed.data, RESOLVED, { value: true, enumerable: false })
}

const RESOLVED = Symbol('shopwright.config.resolved')

/** True for a config that went through resolveConfig, so it is not resolved twice. */
export function isResolvedConfig(config: object): config is ShopwrightConfig {
  return (config as { [RESOLVED]?: boolean })[RESOLVED] === true
}

const CONFIG_FILES = [
  'shopwright.config.ts',
  'shopwright.config.mts',
  'shopwright.config.js',
  'shopwright.config.mjs',
]

/** Loads the project's config file (TypeScript needs no build step); an absent file means all defaults. */
export async function loadConfigFile(projectDir: string): Promise<ShopwrightConfigInput> {
  for (const name of CONFIG_FILES) {
    const file = path.join(projectDir, name)
    if (!existsSync(file)) continue
    const loaded = (await import(pathToFileURL(file).href)) as { default?: ShopwrightConfigInput }
    if (!loaded.default || typeof loaded.default !== 'object') {
      throw new ConfigError(`${name} must export a default config: export default defineConfig({ ... })`)
    }
    return { projectDir, ...loaded.default }
  }
  return { projectDir }
}
