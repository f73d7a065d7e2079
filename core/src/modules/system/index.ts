// The system module: the kernel's tables and their admin routes, loaded like any plugin.

import { fileURLToPath } from 'node:url'
import type { Database } from '../../infra/database'
import { kernelEntities } from '../../infra/entities'
import { definePlugin } from '../../kernel/plugin'
import { listDeadLetters, replayDeadLetter } from './admin-routes'
import { systemMigrations } from './migrations'

export const systemModule = definePlugin({
  name: 'core.system',
  entities: kernelEntities,
  migrations: systemMigrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.addRoutes(listDeadLetters, replayDeadLetter)
    ctx.schedule({
      name: 'system.purge-finished',
      cron: '17 3 * * *',
      handler: async () => {
        const knex = ctx.container.resolve<Database>('db').knex()
        const day = 24 * 3600 * 1000
        await knex('job')
          .where('status', 'done')
          .andWhere('updated_at', '<', Date.now() - 7 * day)
          .delete()
        await knex('idempotency_record').where('expires_at', '<', Date.now()).delete()
        await knex('event_outbox')
          .whereNotNull('relayed_at')
          .andWhere('relayed_at', '<', Date.now() - 30 * day)
          .delete()
      },
    })
  },
})
