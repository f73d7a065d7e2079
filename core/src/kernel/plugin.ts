// definePlugin: how a plugin (or a core module) contributes options, entities, migrations, routes,
// subscribers, jobs and providers, with a lifecycle of register, boot and shutdown.
import type { EntitySchema } from '@mikro-orm/core'
import type { AwilixContainer } from 'awilix'
import type { Logger } from 'pino'
import type { z } from 'zod'
import type { AnyRoute } from '../http/route'
import type { MigrationSet } from '../infra/database'
import type { SubscriberDefinition } from '../infra/events/event-bus'
import type { JobDefinition, ScheduledJobDefinition } from '../infra/jobs/queue'
import type { ShopwrightConfig } from './config'
import { ConfigError } from './errors'
import type { Providers } from './providers'

export interface PluginContext<Options = unknown> {
  name: string
  options: Options
  config: ShopwrightConfig
  logger: Logger
  /** The application container: register services here, resolve core services from it. */
  container: AwilixContainer
  providers: Providers
  addRoutes(...routes: AnyRoute[]): void
  subscribe(subscriber: SubscriberDefinition): void
  defineJob(job: JobDefinition): void
  schedule(job: ScheduledJobDefinition): void
}

export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Unique; errors about the plugin name it. */
  name: string
  options?: Schema
  entities?: EntitySchema<any, any>[]
  migrations?: MigrationSet
  /** Where `shopwright db generate <name>` writes this plugin's migrations (`sqlite/` and `mysql/` inside). */
  migrationsDir?: string
  /** Before the database connects: contribute routes, subscribers, jobs, providers and services. */
  register?: (ctx: PluginContext<z.output<Schema>>) => void | Promise<void>
  /** After migrations, before the server takes requests. */
  boot?: (ctx: PluginContext<z.output<Schema>>) => void | Promise<void>
  /** On shutdown, after in-flight requests and jobs have finished. */
  shutdown?: (ctx: PluginContext<z.output<Schema>>) => void | Promise<void>
}

export function definePlugin<Schema extends z.ZodType>(
  plugin: PluginDefinition<Schema>,
): PluginDefinition<Schema> {
  return plugin
}

/** How a config lists a plugin: the plugin, `[plugin, options]`, or `{ resolve, options }` (resolve may be a package name). */
export type PluginEntry =
  | PluginDefinition<any>
  | [PluginDefinition<any>, unknown]
  | { resolve: PluginDefinition<any> | string; options?: unknown }

export interface LoadedPlugin {
  plugin: PluginDefinition<any>
  options: unknown
}

function isPluginDefinition(value: unknown): value is PluginDefinition<any> {
  return typeof value === 'object' && value !== null && typeof (value as PluginDefinition).name === 'string'
}

async function resolvePlugin(resolve: PluginDefinition<any> | string): Promise<PluginDefinition<any>> {
  if (typeof resolve !== 'string') return resolve
  let loaded: { default?: unknown }
  try {
    loaded = await import(resolve)
  } catch (error) {
    throw new ConfigError(`Plugin "${resolve}" could not be loaded: ${(error as Error).message}`)
  }
  if (!isPluginDefinition(loaded.default)) {
    throw new ConfigError(`Plugin "${resolve}" must export a definePlugin(...) as its default export`)
  }
  return loaded.default
}

/** Resolves each entry and validates its options; a bad option stops boot naming the plugin and the option. */
export async function loadPlugins(entries: PluginEntry[]): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = []
  const names = new Set<string>()
  for (const entry of entries) {
    const [resolve, rawOptions] = Array.isArray(entry)
      ? entry
      : isPluginDefinition(entry)
        ? [entry, undefined]
        : [entry.resolve, entry.options]
    const plugin = await resolvePlugin(resolve)
    if (names.has(plugin.name)) throw new ConfigError(`Plugin "${plugin.name}" is listed twice`)
    names.add(plugin.name)
    let options: unknown = rawOptions ?? {}
    if (plugin.options) {
      const parsed = plugin.options.safeParse(options)
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue: { path: PropertyKey[]; message: string }) =>
            `option "${issue.path.join('.') || '(options)'}": ${issue.message}`,
        )
        throw new ConfigError(`Plugin "${plugin.name}" has invalid options: ${problems.join('; ')}`)
      }
      options = parsed.data
    }
    loaded.push({ plugin, options })
  }
  return loaded
}
