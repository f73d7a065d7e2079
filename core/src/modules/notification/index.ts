// The notification module: the local outbox provider by default, templates, the delivery job, order
// and account triggers, campaigns, status webhooks and the admin and store routes.
import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import type { Database } from '../../infra/database'
import type { JobQueue } from '../../infra/jobs/queue'
import { definePlugin } from '../../kernel/plugin'
import { notificationAdminRoutes } from './admin-routes'
import {
  Campaign,
  MarketingConsent,
  NotificationDelivery,
  NotificationSecret,
  OutboxMessage,
  TemplateOverride,
  Unsubscribe,
} from './entities'
import { notificationStatusWebhook } from './hook-routes'
import { LocalNotificationProvider } from './local-provider'
import { CAMPAIGN_BATCH_JOB, MarketingService } from './marketing-service'
import { migrations } from './migrations'
import { defineSegments } from './segments'
import { DELIVER_JOB, NotificationService, notificationSettingsFromEnv } from './service'
import { notificationStoreRoutes } from './store-routes'
import { notificationSubscribers } from './subscribers'
import { TemplateService } from './template-service'

export const notificationModule = definePlugin({
  name: 'core.notification',
  entities: [
    NotificationDelivery,
    OutboxMessage,
    TemplateOverride,
    MarketingConsent,
    Unsubscribe,
    Campaign,
    NotificationSecret,
  ],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.providers.notification.register(
      new LocalNotificationProvider(() => ctx.container.resolve<Database>('db')),
    )
    ctx.container.register({
      notificationTemplateService: asFunction(({ db }) => new TemplateService(db)).singleton(),
      notificationService: asFunction(
        ({ db, jobs, providers, notificationTemplateService, logger }) =>
          new NotificationService(
            db,
            jobs,
            providers,
            notificationTemplateService,
            logger,
            notificationSettingsFromEnv(),
          ),
      ).singleton(),
      marketingService: asFunction(
        ({ db, jobs, notificationService, config }) =>
          new MarketingService(
            db,
            jobs,
            notificationService,
            (process.env.SHOPWRIGHT_PUBLIC_URL || `http://localhost:${config.http.port}`).replace(/\/$/, ''),
            process.env.SHOPWRIGHT_SECRET || undefined,
          ),
      ).singleton(),
    })
    const notifications = () => ctx.container.resolve<NotificationService>('notificationService')
    ctx.defineJob({
      name: DELIVER_JOB,
      attempts: 5,
      backoffMs: Number(process.env.NOTIFICATION_BACKOFF_MS) || 2000,
      handler: (job) => notifications().deliver(job),
    })
    ctx.defineJob({
      name: CAMPAIGN_BATCH_JOB,
      handler: (job) => ctx.container.resolve<MarketingService>('marketingService').queueCampaignBatch(job),
    })
    // BullMQ jobs are added after the commit: a crash in between leaves a delivery queued with no job.
    if (ctx.container.resolve<JobQueue>('jobs').kind === 'bullmq') {
      ctx.schedule({
        name: 'notification.sweep',
        cron: '0 * * * * *',
        handler: async () => void (await notifications().sweepQueued(5 * 60_000)),
      })
    }
    for (const subscriber of notificationSubscribers(ctx.container)) ctx.subscribe(subscriber)
    ctx.addRoutes(...notificationAdminRoutes, ...notificationStoreRoutes, notificationStatusWebhook)
  },
  boot(ctx) {
    // After every module and plugin registered: segments need the customer and order services.
    defineSegments(ctx.container, ctx.container.resolve<MarketingService>('marketingService'))
  },
})
