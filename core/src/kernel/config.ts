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
  projectDir: z.string(),
  database: z
    .object({
      /** `sqlite:<path>` or `mysql://user:password@host:port/database`. */
      url: z.string().optional(),
      /** Apply pending migrations when the server starts. */
      migrateOnStart: z.boolean().default(true),
      debug: z.boolean().default(false),
    })
    .prefault({}),
  redis: z
    .object({
      url: z.string().optional(),
      /** Key prefix for every key Shopwright writes, so several stores can share one Redis. */
      prefix: z.string().default('sw'),
    })
    .prefault({}),
  http: z
    .object({
      port: z.coerce.number().int().min(0).max(65535).default(9000),
      host: z.string().default('0.0.0.0'),
      storeCors: origins.default([]),
      adminCors: origins.default([]),
      authCors: origins.default([]),
      /** Largest accepted request body, e.g. `1mb`. */
      bodyLimit: z.string().default('1mb'),
      /** Honour X-Forwarded-* headers (behind a load balancer). */
      trustProxy: z.boolean().default(false),
      /** Check every response against its schema: on in development and tests, off in production. */
      validateResponses: z.boolean().default(process.env.NODE_ENV !== 'production'),
      /** Folders of static files served under a path, e.g. the admin UI at /app. */
      static: z
        .array(
          z.object({
            prefix: z.string().startsWith('/'),
            dir: z.string(),
            /** Unknown paths under the prefix answer index.html, for a single-page app's own routes. */
            spa: z.boolean().default(false),
          }),
        )
        .default([]),
      /** Time a draining server waits for in-flight requests on shutdown. */
      shutdownTimeoutMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  events: z
    .object({
      /** Deliveries of one event to one subscriber before it is dead-lettered. */
      maxAttempts: z.number().int().min(1).default(5),
      /** First retry delay; each further retry doubles it. */
      backoffMs: z.number().int().min(0).default(1000),
      /** How often the outbox is swept for events that no process relayed (after a crash). */
      relayIntervalMs: z.number().int().positive().default(1000),
    })
    .prefault({}),
  jobs: z
    .object({
      concurrency: z.number().int().min(1).default(4),
      /** Embedded queue: how often it looks for due jobs when nothing woke it. */
      pollIntervalMs: z.number().int().positive().default(250),
      /** A job whose worker vanished is run again after this long. */
      leaseMs: z.number().int().positive().default(60_000),
    })
    .prefault({}),
  logger: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
  plugins: z.array(z.custom<PluginEntry>()).default([]),
})

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
