// The database: MikroORM on SQLite (embedded default) or MySQL/MariaDB, with migrations per dialect.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite'
import type { AnyEntity, EntitySchema, MigrationObject } from '@mikro-orm/core'
import { MikroORM } from '@mikro-orm/core'
import type { EntityManager, Knex } from '@mikro-orm/knex'
import { MariaDbDriver } from '@mikro-orm/mariadb'
import { Migrator } from '@mikro-orm/migrations'
import { MySqlDriver } from '@mikro-orm/mysql'
import { createConnection } from 'mysql2/promise'
import type { Logger } from 'pino'
import { ConfigError } from '../kernel/errors'

export type Dialect = 'sqlite' | 'mysql'

/** The callback-style connection knex hands to a pool's afterCreate. */
interface MysqlCallbackConnection {
  query(sql: string, callback: (error: Error | null) => void): void
}

/** Migrations a module or plugin brings, one list per dialect, oldest first. */
export interface MigrationSet {
  sqlite: MigrationObject[]
  mysql: MigrationObject[]
}

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'mysql'; url: string; name: string }

export const DEFAULT_SQLITE_FILE = '.shopwright/shopwright.db'

/** Reads `DATABASE_URL`: `sqlite:<path>` (relative to the project), `sqlite::memory:`, or `mysql://…/<db>`. */
export function describeDatabaseUrl(url: string | undefined, projectDir: string): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', file: path.join(projectDir, DEFAULT_SQLITE_FILE) }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (!file)
      throw new ConfigError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:.shopwright/shop.db')
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(projectDir, file) }
  }
  if (url.startsWith('mysql:') || url.startsWith('mariadb:')) {
    const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'))
    const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
    if (!name)
      throw new ConfigError('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/shopwright')
    return { dialect: 'mysql', url: parsed.toString(), name }
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or mysql:// (got "${url.split(':')[0]}:")`)
}

export interface DatabaseOptions {
  target: DatabaseTarget
  entities: EntitySchema<any, any>[]
  migrations: MigrationSet[]
  logger: Logger
  debug?: boolean
}

async function isMariaDb(url: string): Promise<boolean> {
  const server = new URL(url)
  server.pathname = '/'
  const connection = await createConnection(server.toString())
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version')
    return /mariadb/i.test((rows as Array<{ version: string }>)[0]?.version ?? '')
  } finally {
    await connection.end()
  }
}

export class Database {
  private readonly commitListeners = new Set<() => void>()

  private constructor(
    readonly orm: MikroORM,
    readonly target: DatabaseTarget,
  ) {}

  static async connect(options: DatabaseOptions): Promise<Database> {
    const { target } = options
    const migrationsList = options.migrations.flatMap((set) => set[target.dialect])
    const common = {
      entities: options.entities,
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: {
        migrationsList,
        // MySQL commits implicitly around DDL, so only SQLite can run migrations in a transaction.
        transactional: target.dialect === 'sqlite',
        allOrNothing: target.dialect === 'sqlite',
        snapshot: false,
        emit: 'ts' as const,
      },
      debug: options.debug ?? false,
      logger: (message: string) => options.logger.debug({ orm: true }, message),
      allowGlobalContext: false,
      forceUtcTimezone: true,
    }
    let orm: MikroORM
    if (target.dialect === 'sqlite') {
      if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true })
      orm = (await MikroORM.init({
        ...common,
        driver: BetterSqliteDriver as never,
        dbName: target.file,
      })) as unknown as MikroORM
      const knex = (orm.em as unknown as EntityManager).getKnex()
      // WAL lets readers and one writer share the file (several processes, e.g. api and worker roles).
      await knex.raw('PRAGMA journal_mode = WAL')
      await knex.raw('PRAGMA synchronous = NORMAL')
      await knex.raw('PRAGMA busy_timeout = 10000')
    } else {
      // MariaDB stores JSON and defaults differently from MySQL: its own driver reads its schema right.
      orm = await MikroORM.init({
        ...common,
        driver: ((await isMariaDb(target.url)) ? MariaDbDriver : MySqlDriver) as never,
        clientUrl: target.url,
        dbName: target.name,
        ensureDatabase: true,
        pool: {
          min: 0,
          max: 10,
          // READ COMMITTED, as most commerce engines run MySQL: InnoDB's default (REPEATABLE READ) takes
          // gap locks on every delete or update by a non-unique index, so two shoppers replacing their
          // carts' rows deadlock. Correctness never rests on snapshots here: stock, usage limits and
          // completion are single conditional UPDATEs.
          afterCreate: (
            connection: MysqlCallbackConnection,
            done: (error: Error | null, c: unknown) => void,
          ) =>
            connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (error) =>
              done(error, connection),
            ),
        },
      })
    }
    return new Database(orm, target)
  }

  get dialect(): Dialect {
    return this.target.dialect
  }

  /** A fresh unit of work; routes and jobs each take their own. */
  em(): EntityManager {
    return this.orm.em.fork() as unknown as EntityManager
  }

  knex(): Knex {
    return (this.orm.em as unknown as EntityManager).getKnex()
  }

  /** Runs `work` in one transaction; listeners hear of the commit after it happened. */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.em().transactional((em) => work(em as unknown as EntityManager))
    for (const listener of this.commitListeners) listener()
    return result
  }

  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener)
    return () => this.commitListeners.delete(listener)
  }

  async migrate(): Promise<string[]> {
    const applied = await this.orm.getMigrator().up()
    return applied.map((migration) => migration.name)
  }

  async pendingMigrations(): Promise<string[]> {
    return (await this.orm.getMigrator().getPendingMigrations()).map((migration) => migration.name)
  }

  /** The SQL that would bring the database to what the entities describe; empty when they agree. */
  async schemaDiff(): Promise<string> {
    return (await this.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false })).trim()
  }

  async ping(): Promise<void> {
    await this.knex().raw('select 1')
  }

  async close(): Promise<void> {
    this.commitListeners.clear()
    await this.orm.close(true)
  }
}

/** The query builder bound to the entity manager's transaction, when it is in one. */
export function knexOf(em: EntityManager): Knex {
  return em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()
}

/** A duplicate key, on SQLite or MySQL: how "already done" shows when a unique row guards the work. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number }
  return code === 'ER_DUP_ENTRY' || errno === 1062 || (code?.startsWith('SQLITE_CONSTRAINT') ?? false)
}

export type { AnyEntity, EntityManager }
