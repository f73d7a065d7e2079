// shopwright start | seed | search reindex | user create | db migrate | db generate
import { existsSync } from 'node:fs'
import path from 'node:path'
import {
  BUILT_IN_ROLES,
  CORE_MODULES,
  createShopwright,
  generatePluginMigrations,
  isEmptyStore,
  loadConfigFile,
  loadPlugins,
  ROLES,
  type Role,
  resolveConfig,
  type SearchService,
  seedDemo,
  seedGeneratedProducts,
  staticDir,
  type UserService,
} from '@shopwright/core'
import { Command, InvalidArgumentError, Option } from 'commander'
import { addStorefrontAssets, builtStorefront, mountStorefront, STOREFRONT_BASE } from './storefront'

async function loadProjectConfig(projectDir: string) {
  return resolveConfig(await loadConfigFile(path.resolve(projectDir)))
}

/** The built admin UI, when @shopwright/admin-ui is installed and built (npm install builds it). */
async function builtAdminUi(): Promise<string | undefined> {
  try {
    const { adminUiDist } = (await import('@shopwright/admin-ui')) as { adminUiDist: string }
    return existsSync(path.join(adminUiDist, 'index.html')) ? adminUiDist : undefined
  } catch {
    return undefined
  }
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
    .option('--seed-demo-if-empty', 'on a database with no store yet, create the demo shop first')
    .action(async (options: { role: Role; port?: number; project: string; seedDemoIfEmpty?: boolean }) => {
      const config = await loadProjectConfig(options.project)
      if (options.port !== undefined) config.http.port = options.port
      const adminUi = await builtAdminUi()
      if (adminUi && !config.http.static.some((site) => site.prefix === '/app')) {
        config.http.static.push({ prefix: '/app', dir: adminUi, spa: true })
      }
      config.http.static.push({ prefix: '/static', dir: staticDir(config.projectDir), spa: false })
      const storefront = await builtStorefront()
      if (storefront) addStorefrontAssets(config, storefront)
      const app = await createShopwright({ config, role: options.role })
      let demo: Awaited<ReturnType<typeof seedDemo>> | undefined
      if (options.seedDemoIfEmpty && (await isEmptyStore(app.db))) {
        console.log('Empty database: creating the demo shop…')
        demo = await seedDemo(app)
      }
      if (options.role !== 'worker') {
        const shop = storefront ? await mountStorefront(app, storefront) : false
        await app.listen()
        app.logger.info(`Shopwright ${options.role} listening on ${app.url()}`)
        console.log(`Shopwright is running: ${app.url()}  (role: ${options.role})`)
        console.log(`  Store API:     ${app.url()}/store  (OpenAPI: ${app.url()}/openapi.json)`)
        if (shop) console.log(`  Storefront:    ${app.url()}${STOREFRONT_BASE}/`)
        else if (storefront)
          console.log('  Storefront:    not served: no publishable key yet (shopwright seed --demo)')
        if (adminUi) console.log(`  Admin:         ${app.url()}/app`)
        if (demo) {
          console.log(`  Demo shop:     ${demo.products} products in 2 regions`)
          console.log(`  Publishable key (x-publishable-api-key): ${demo.publishableKey}`)
          if (demo.admin) console.log(`  Admin sign-in: ${demo.admin.email} / ${demo.admin.password}`)
        }
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

  program
    .command('seed')
    .description('Create demo data: the demo shop, or a large generated catalog')
    .option('--demo', 'a believable shop: about 200 products, two regions, a sales channel and a key')
    .option('--products <count>', 'generate this many products with three variants each', (value) => {
      const count = Number(value)
      if (!Number.isInteger(count) || count < 1 || count > 10_000_000)
        throw new InvalidArgumentError('not a product count')
      return count
    })
    .option('--project <dir>', 'the store project folder', '.')
    .action(async (options: { demo?: boolean; products?: number; project: string }) => {
      if (!options.demo && !options.products)
        throw new Error('say what to seed: --demo or --products <count>')
      const config = await loadProjectConfig(options.project)
      const app = await createShopwright({ config, role: 'api' })
      try {
        if (options.demo) {
          const demo = await seedDemo(app)
          console.log(`Demo shop created: ${demo.products} products, regions ${demo.regions.join(', ')}`)
          console.log(`Publishable key (x-publishable-api-key): ${demo.publishableKey}`)
          if (demo.admin) console.log(`Admin sign-in: ${demo.admin.email} / ${demo.admin.password}`)
        }
        if (options.products) {
          const started = Date.now()
          const generated = await seedGeneratedProducts(app, options.products, (done) => {
            if (done % 10_000 === 0 || done === options.products) console.log(`  ${done} products`)
          })
          console.log(
            `Generated ${options.products} products in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          )
          console.log(`Publishable key (x-publishable-api-key): ${generated.publishableKey}`)
        }
      } finally {
        await app.shutdown()
      }
    })

  program
    .command('search')
    .description('The product search index')
    .command('reindex')
    .description(
      'Rebuild the search index from the catalog through the configured provider (after an import or a ' +
        'provider change). The embedded index lives in each server and is rebuilt as it starts.',
    )
    .option('--project <dir>', 'the store project folder', '.')
    .action(async (options: { project: string }) => {
      const config = await loadProjectConfig(options.project)
      const app = await createShopwright({ config, role: 'api' })
      try {
        const started = Date.now()
        const indexed = await app.container.resolve<SearchService>('searchService').rebuild()
        console.log(
          `Search index rebuilt: ${indexed} published product(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
      } finally {
        await app.shutdown()
      }
    })

  const user = program.command('user').description('Staff accounts')
  user
    .command('create')
    .description('Create a staff user who signs in to the admin with email and password')
    .requiredOption('--email <email>', 'their email address')
    .requiredOption('--password <password>', 'at least 8 characters')
    .addOption(
      new Option('--role <role>', `${Object.keys(BUILT_IN_ROLES).join(', ')} or a custom role`).default(
        'admin',
      ),
    )
    .option('--project <dir>', 'the store project folder', '.')
    .action(async (options: { email: string; password: string; role: string; project: string }) => {
      const config = await loadProjectConfig(options.project)
      const app = await createShopwright({ config, role: 'api' })
      try {
        const created = await app.container
          .resolve<UserService>('userService')
          .createUser({ email: options.email, password: options.password, role: options.role })
        console.log(`Created ${created.role} ${created.email} (${created.id}); sign in at /app`)
      } finally {
        await app.shutdown()
      }
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
    .description('Generate migrations from the entities of core modules or plugins (for their authors)')
    .argument('[names...]', 'module or plugin names (default: every core module)')
    .option('--mysql <url>', 'MySQL/MariaDB server to diff against', 'mysql://root@127.0.0.1:3306')
    .option('--project <dir>', 'the store project folder, whose plugins can be named', '.')
    .action(async (names: string[], options: { mysql: string; project: string }) => {
      const { plugins } = await loadProjectConfig(options.project)
      const candidates = [...CORE_MODULES, ...(await loadPlugins(plugins)).map((loaded) => loaded.plugin)]
      const chosen = names.length
        ? names.map((name) => {
            const found = candidates.find((plugin) => plugin.name === name || plugin.name === `core.${name}`)
            if (!found) throw new Error(`No core module or configured plugin is named ${name}`)
            return found
          })
        : CORE_MODULES
      for (const plugin of chosen) {
        const written = await generatePluginMigrations(plugin, options.mysql)
        console.log(
          `${plugin.name}: ${written.length ? `wrote ${written.join(', ')}` : 'entities and migrations agree'}`,
        )
      }
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
