// shopwright start | db migrate | db generate
import path from 'node:path'
import {
  createShopwright,
  generateCoreMigrations,
  loadConfigFile,
  ROLES,
  type Role,
  resolveConfig,
} from '@shopwright/core'
import { Command, InvalidArgumentError, Option } from 'commander'

async function loadProjectConfig(projectDir: string) {
  return resolveConfig(await loadConfigFile(path.resolve(projectDir)))
}

export function buildProgram(): Command {
  const program = new Command('shopwright').description('Shopwright commerce engine').showHelpAfterError()

  program
    .command('start')
    .description('Run the server: the API, the workers, or both')
    .addOption(new Option('--role <role>', 'what this process runs').choices(ROLES).default('all'))
    .option('--port <port>', 'HTTP port (default: PORT or 9000)', (value) => {
      const port = Number(value)
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new InvalidArgumentError('not a port number')
      return port
    })
    .option('--project <dir>', 'the store project folder', '.')
    .action(async (options: { role: Role; port?: number; project: string }) => {
      const config = await loadProjectConfig(options.project)
      if (options.port !== undefined) config.http.port = options.port
      const app = await createShopwright({ config, role: options.role })
      if (options.role !== 'worker') {
        await app.listen()
        app.logger.info(`Shopwright ${options.role} listening on ${app.url()}`)
        console.log(`Shopwright is running: ${app.url()}  (role: ${options.role})`)
      } else {
        app.logger.info('Shopwright worker running')
        console.log('Shopwright worker is running')
      }
      let stopping = false
      const stop = async (signal: string) => {
        if (stopping) return
        stopping = true
        app.logger.info({ signal }, 'shutting down: draining requests and jobs')
        await app.shutdown()
        process.exit(0)
      }
      process.on('SIGTERM', () => void stop('SIGTERM'))
      process.on('SIGINT', () => void stop('SIGINT'))
    })

  const db = program.command('db').description('Database schema')
  db.command('migrate')
    .description('Apply pending migrations of core and the configured plugins')
    .option('--project <dir>', 'the store project folder', '.')
    .action(async (options: { project: string }) => {
      const config = await loadProjectConfig(options.project)
      const app = await createShopwright({ config, role: 'api', migrate: false })
      try {
        const applied = await app.db.migrate()
        console.log(
          applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Up to date',
        )
      } finally {
        await app.shutdown()
      }
    })
  db.command('generate')
    .description("Generate core's migrations from its entities (for Shopwright's own development)")
    .option('--mysql <url>', 'MySQL/MariaDB server to diff against', 'mysql://root@127.0.0.1:3306')
    .action(async (options: { mysql: string }) => {
      const written = await generateCoreMigrations(options.mysql)
      console.log(
        written.length ? `Wrote ${written.join(', ')}` : 'Entities and migrations agree: nothing to generate',
      )
    })

  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    console.error(`shopwright: ${(error as Error).message}`)
    process.exit(1)
  }
}
