// Sending messages: a delivery row per message (idempotent per key, recipient and template) and a job
// per delivery that renders the template and hands the message to the channel's provider, retried with
// backoff unless the provider refuses it for good. Also the delivery log, status webhooks and resends.
import type { EntityManager, Knex } from '@mikro-orm/knex'
import type { Logger } from 'pino'
import { type Database, knexOf } from '../../infra/database'
import { generateId } from '../../infra/ids'
import type { JobQueue, JobRun, JobToEnqueue } from '../../infra/jobs/queue'
import { parseJson } from '../../infra/json'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { Providers } from '../../kernel/providers'
import { LOCAL_PROVIDER_ID } from './local-provider'
import {
  type DeliveryStatusUpdate,
  type NotificationChannel,
  type NotificationProvider,
  PermanentDeliveryError,
  type StatusWebhook,
} from './provider'
import type { TemplateService } from './template-service'
import { DEFAULT_LOCALE, isTemplateId, renderMessage, type TemplateId } from './templates'

export const DELIVER_JOB = 'notification.deliver'

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'failed'

export interface SendTransactionalInput {
  template: TemplateId
  channel: NotificationChannel
  /** An email address or an E.164 phone number. */
  to: string
  locale?: string
  data: Record<string, unknown>
  /** The event id or the caller's key: the same key, recipient and template is one message, ever. */
  idempotency_key: string
  customer_id?: string | null
}

export interface QueuedDelivery {
  id: string
  /** False when a message with this key, recipient and template already existed. */
  created: boolean
}

export interface DeliveryView {
  id: string
  idempotency_key: string
  template: string
  channel: NotificationChannel
  locale: string
  recipient: string
  customer_id: string | null
  campaign_id: string | null
  provider_id: string
  status: DeliveryState
  provider_message_id: string | null
  attempts: number
  last_error: string | null
  data: Record<string, unknown>
  created_at: string
  updated_at: string
  sent_at: string | null
}

export interface DeliveryFilter {
  status?: DeliveryState[]
  channel?: NotificationChannel
  recipient?: string
  template?: string
  campaign_id?: string
  created_after?: Date
  created_before?: Date
  limit: number
  offset: number
}

export interface NotificationSettings {
  shopName: string
  shopUrl?: string
  emailFrom?: string
  smsFrom?: string
  /** A provider call that takes longer is abandoned and retried. */
  sendTimeoutMs: number
  routes: Record<NotificationChannel, string>
}

/** Settings from the environment: the shop's name and address in messages, and channel routing. */
export function notificationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationSettings {
  return {
    shopName: env.SHOPWRIGHT_SHOP_NAME || 'Shopwright',
    shopUrl: env.SHOPWRIGHT_STORE_URL || undefined,
    emailFrom: env.NOTIFICATION_EMAIL_FROM || undefined,
    smsFrom: env.NOTIFICATION_SMS_FROM || undefined,
    sendTimeoutMs: Number(env.NOTIFICATION_SEND_TIMEOUT_MS) || 30_000,
    routes: {
      email: env.NOTIFICATION_EMAIL_PROVIDER || LOCAL_PROVIDER_ID,
      sms: env.NOTIFICATION_SMS_PROVIDER || LOCAL_PROVIDER_ID,
    },
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+[1-9]\d{6,14}$/

function checkRecipient(channel: NotificationChannel, to: string): void {
  if (channel === 'email' && !(EMAIL.test(to) && to.length <= 191)) {
    throw new InvalidDataError(`"${to}" is not an email address`)
  }
  if (channel === 'sms' && !PHONE.test(to)) {
    throw new InvalidDataError(`"${to}" is not a phone number in E.164 form (e.g. +14155550123)`)
  }
}

function iso(ms: unknown): string {
  return new Date(Number(ms)).toISOString()
}

export function deliveryView(row: Record<string, unknown>): DeliveryView {
  return {
    id: String(row.id),
    idempotency_key: String(row.idempotency_key),
    template: String(row.template),
    channel: row.channel as NotificationChannel,
    locale: String(row.locale),
    recipient: String(row.recipient),
    customer_id: (row.customer_id as string | null) ?? null,
    campaign_id: (row.campaign_id as string | null) ?? null,
    provider_id: String(row.provider_id),
    status: row.status as DeliveryState,
    provider_message_id: (row.provider_message_id as string | null) ?? null,
    attempts: Number(row.attempts),
    last_error: (row.last_error as string | null) ?? null,
    data: (parseJson(row.data) as Record<string, unknown>) ?? {},
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    sent_at: row.sent_at == null ? null : iso(row.sent_at),
  }
}

function deliverJob(deliveryId: string): JobToEnqueue {
  return {
    name: DELIVER_JOB,
    data: { delivery_id: deliveryId },
    options: { key: `notification.${deliveryId}` },
  }
}

/** Gives the event loop a turn in the middle of a long job (the job queue gives one before each job). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** One-click unsubscribe (RFC 8058) on marketing email: mailbox providers show their own button. */
function unsubscribeHeaders(delivery: DeliveryView): { headers?: Record<string, string> } {
  const url = delivery.data.unsubscribe_url
  if (delivery.channel !== 'email' || typeof url !== 'string') return {}
  return {
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentDeliveryError || (error as Error)?.name === 'PermanentDeliveryError'
}

/** Rank of a status: a status webhook never moves a delivery back (delivered stays delivered). */
const RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, delivered: 2, failed: 2 }

export interface NewDelivery {
  id: string
  idempotency_key: string
  template: string
  channel: NotificationChannel
  locale: string
  recipient: string
  customer_id: string | null
  campaign_id: string | null
  data: Record<string, unknown>
}

export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly providers: Providers,
    private readonly templates: TemplateService,
    private readonly logger: Logger,
    readonly settings: NotificationSettings,
  ) {}

  /** Sends a channel's messages through a provider from now on (plugins call this when they register). */
  useProvider(channel: NotificationChannel, providerId: string): void {
    this.settings.routes[channel] = providerId
  }

  providerFor(channel: NotificationChannel): NotificationProvider {
    const provider = this.providers.notification.get(this.settings.routes[channel])
    if (!provider.channels.includes(channel)) {
      throw new InvalidDataError(`The notification provider ${provider.id} does not send ${channel}`)
    }
    return provider
  }

  /**
   * Records a transactional message and queues its delivery. With `em` the delivery is part of the
   * caller's transaction: it is sent only if that commits. The same key, recipient and template is one
   * message however often this is called.
   */
  async sendTransactional(input: SendTransactionalInput, em?: EntityManager): Promise<QueuedDelivery> {
    if (!isTemplateId(input.template)) throw new InvalidDataError(`Unknown template ${input.template}`)
    if (!input.idempotency_key || input.idempotency_key.length > 191) {
      throw new InvalidDataError('idempotency_key must be 1 to 191 characters')
    }
    checkRecipient(input.channel, input.to)
    const delivery: NewDelivery = {
      id: generateId('ndl'),
      idempotency_key: input.idempotency_key,
      template: input.template,
      channel: input.channel,
      locale: input.locale ?? DEFAULT_LOCALE,
      recipient: input.to,
      customer_id: input.customer_id ?? null,
      campaign_id: null,
      data: input.data,
    }
    const [queued] = em
      ? await this.queueDeliveries(knexOf(em), [delivery])
      : await this.db.knex().transaction((trx) => this.queueDeliveries(trx, [delivery]))
    return queued!
  }

  /**
   * Writes deliveries (a duplicate key, recipient and template is skipped) and their jobs. On the
   * embedded queue the jobs commit with the rows; on BullMQ they are added after the commit, and the
   * sweep re-queues any delivery whose job was lost in between.
   */
  async queueDeliveries(db: Knex | Knex.Transaction, deliveries: NewDelivery[]): Promise<QueuedDelivery[]> {
    if (!deliveries.length) return []
    const now = Date.now()
    const rows = deliveries.map((delivery) => ({
      ...delivery,
      provider_id: this.providerFor(delivery.channel).id,
      status: 'queued',
      attempts: 0,
      data: JSON.stringify(delivery.data),
      created_at: now,
      updated_at: now,
    }))
    for (let start = 0; start < rows.length; start += 200) {
      await db('notification_delivery')
        .insert(rows.slice(start, start + 200))
        .onConflict(['idempotency_key', 'recipient', 'template'])
        .ignore()
    }
    const ids = deliveries.map((delivery) => delivery.id)
    const created = new Set<string>()
    for (let start = 0; start < ids.length; start += 500) {
      const found = (await db('notification_delivery')
        .select('id')
        .whereIn('id', ids.slice(start, start + 500))) as Array<{ id: string }>
      for (const row of found) created.add(row.id)
    }
    const jobs = ids.filter((id) => created.has(id)).map(deliverJob)
    await this.enqueueAfterCommit(db, jobs)
    const result: QueuedDelivery[] = []
    for (const delivery of deliveries) {
      if (created.has(delivery.id)) {
        result.push({ id: delivery.id, created: true })
        continue
      }
      const existing = (await db('notification_delivery')
        .select('id')
        .where({
          idempotency_key: delivery.idempotency_key,
          recipient: delivery.recipient,
          template: delivery.template,
        })
        .first()) as { id: string } | undefined
      result.push({ id: existing?.id ?? delivery.id, created: false })
    }
    return result
  }

  private async enqueueAfterCommit(db: Knex | Knex.Transaction, jobs: JobToEnqueue[]): Promise<void> {
    if (!jobs.length) return
    const trx = (db as Knex.Transaction).isTransaction ? (db as Knex.Transaction) : undefined
    if (this.jobs.kind === 'embedded') return this.jobs.enqueue(jobs, trx)
    if (!trx) return this.jobs.enqueue(jobs)
    trx.executionPromise.then(
      () =>
        this.jobs
          .enqueue(jobs)
          .catch((error) => this.logger.warn({ err: error }, 'notification jobs left to the sweep')),
      () => undefined,
    )
  }

  /** The delivery job: renders and sends one message; a message already sent or failed is left alone. */
  async deliver(job: JobRun<{ delivery_id: string }>): Promise<void> {
    const knex = this.db.knex()
    const row = (await knex('notification_delivery').where('id', job.data.delivery_id).first()) as
      | Record<string, unknown>
      | undefined
    if (row?.status !== 'queued') return
    const delivery = deliveryView(row)
    const attempts = delivery.attempts + 1
    const fail = (error: string) =>
      knex('notification_delivery')
        .where({ id: delivery.id, status: 'queued' })
        .update({ status: 'failed', attempts, last_error: error.slice(0, 2000), updated_at: Date.now() })
    if (delivery.campaign_id && (await this.hasUnsubscribed(delivery.customer_id))) {
      await fail('The recipient unsubscribed before the message was sent')
      return
    }
    let provider: NotificationProvider
    let message: { subject?: string; html?: string; text: string }
    try {
      provider = this.providers.notification.get(delivery.provider_id)
      const parts = await this.templates.partsFor(
        delivery.template as TemplateId,
        delivery.channel,
        delivery.locale,
      )
      message = renderMessage(parts, delivery.channel, this.renderData(delivery))
    } catch (error) {
      await fail((error as Error).message)
      return
    }
    try {
      const sent = await withTimeout(
        provider.send({
          id: delivery.id,
          channel: delivery.channel,
          to: delivery.recipient,
          from: delivery.channel === 'email' ? this.settings.emailFrom : this.settings.smsFrom,
          ...message,
          ...unsubscribeHeaders(delivery),
        }),
        this.settings.sendTimeoutMs,
        `The ${provider.id} provider`,
      )
      const now = Date.now()
      await knex('notification_delivery').where({ id: delivery.id, status: 'queued' }).update({
        status: 'sent',
        provider_message_id: sent.provider_message_id,
        attempts,
        last_error: null,
        sent_at: now,
        updated_at: now,
      })
    } catch (error) {
      const text = `${(error as Error).name}: ${(error as Error).message}`
      if (isPermanent(error)) {
        await fail(text)
        return
      }
      const last = job.attempt >= job.maxAttempts
      await knex('notification_delivery')
        .where({ id: delivery.id, status: 'queued' })
        .update({
          status: last ? 'failed' : 'queued',
          attempts,
          last_error: text.slice(0, 2000),
          updated_at: Date.now(),
        })
      throw error
    }
  }

  /** What a template sees: the caller's data, the shop, the locale. */
  renderData(delivery: Pick<DeliveryView, 'data' | 'locale'>): Record<string, unknown> {
    return {
      ...delivery.data,
      shop: { name: this.settings.shopName, url: this.settings.shopUrl, ...(delivery.data.shop as object) },
      locale: delivery.locale,
    }
  }

  private async hasUnsubscribed(customerId: string | null): Promise<boolean> {
    if (!customerId) return false
    const consent = (await this.db
      .knex()('marketing_consent')
      .select('consented')
      .where('customer_id', customerId)
      .first()) as { consented: unknown } | undefined
    return !consent || !Number(consent.consented)
  }

  /** Re-queues deliveries still queued after `olderThanMs` whose job may have been lost (BullMQ after a crash). */
  async sweepQueued(olderThanMs: number): Promise<number> {
    const rows = (await this.db
      .knex()('notification_delivery')
      .select('id')
      .where('status', 'queued')
      .andWhere('updated_at', '<', Date.now() - olderThanMs)
      .limit(1000)) as Array<{ id: string }>
    await this.jobs.enqueue(rows.map((row) => deliverJob(row.id)))
    return rows.length
  }

  /** Applies a provider's status webhook: verified by the provider, then each update moves its delivery forward. */
  async applyStatusWebhook(providerId: string, webhook: StatusWebhook): Promise<number> {
    const provider = this.providers.notification.get(providerId)
    if (!provider.parseStatusWebhook) {
      throw new NotFoundError(`The notification provider ${providerId} takes no status webhooks`)
    }
    const updates = await provider.parseStatusWebhook(webhook)
    let changed = 0
    for (const update of updates) changed += await this.applyStatus(providerId, update)
    return changed
  }

  private async applyStatus(providerId: string, update: DeliveryStatusUpdate): Promise<number> {
    const earlier = (Object.keys(RANK) as DeliveryState[]).filter(
      (status) => RANK[status] < RANK[update.status],
    )
    return this.db
      .knex()('notification_delivery')
      .where({ provider_id: providerId, provider_message_id: update.provider_message_id })
      .whereIn('status', earlier)
      .update({
        status: update.status,
        last_error: update.error ?? null,
        updated_at: Date.now(),
      })
  }

  async listDeliveries(filter: DeliveryFilter): Promise<{ deliveries: DeliveryView[]; count: number }> {
    const query = this.db.knex()('notification_delivery')
    if (filter.status?.length) query.whereIn('status', filter.status)
    if (filter.channel) query.where('channel', filter.channel)
    if (filter.recipient) query.where('recipient', filter.recipient)
    if (filter.template) query.where('template', filter.template)
    if (filter.campaign_id) query.where('campaign_id', filter.campaign_id)
    if (filter.created_after) query.where('created_at', '>=', filter.created_after.getTime())
    if (filter.created_before) query.where('created_at', '<', filter.created_before.getTime())
    const [{ count }] = (await query.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset)
    return { deliveries: rows.map(deliveryView), count: Number(count) }
  }

  async getDelivery(id: string): Promise<DeliveryView> {
    const row = await this.db.knex()('notification_delivery').where('id', id).first()
    if (!row) throw new NotFoundError(`Notification delivery with id: ${id} was not found`)
    return deliveryView(row)
  }

  /** Sends a logged message again, as a new delivery of the same template, data and recipient. */
  async resend(id: string): Promise<DeliveryView> {
    const original = await this.getDelivery(id)
    const copy: NewDelivery = {
      id: generateId('ndl'),
      idempotency_key: `resend.${original.id}.${generateId('r')}`,
      template: original.template,
      channel: original.channel,
      locale: original.locale,
      recipient: original.recipient,
      customer_id: original.customer_id,
      campaign_id: null,
      data: original.data,
    }
    await this.db.knex().transaction((trx) => this.queueDeliveries(trx, [copy]))
    return this.getDelivery(copy.id)
  }

  /** The local provider's stored messages, newest first. */
  async listOutbox(filter: {
    recipient?: string
    channel?: NotificationChannel
    limit: number
    offset: number
  }) {
    const query = this.db.knex()('notification_outbox_message')
    if (filter.recipient) query.where('recipient', filter.recipient)
    if (filter.channel) query.where('channel', filter.channel)
    const [{ count }] = (await query.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset)
    return { messages: rows.map(outboxView), count: Number(count) }
  }

  async getOutboxMessage(id: string): Promise<OutboxMessageView> {
    const row = await this.db.knex()('notification_outbox_message').where('id', id).first()
    if (!row) throw new NotFoundError(`Outbox message with id: ${id} was not found`)
    return outboxView(row)
  }
}

export interface OutboxMessageView {
  id: string
  delivery_id: string
  channel: NotificationChannel
  recipient: string
  sender: string | null
  subject: string | null
  html: string | null
  text: string
  created_at: string
}

function outboxView(row: Record<string, unknown>): OutboxMessageView {
  return {
    id: String(row.id),
    delivery_id: String(row.delivery_id),
    channel: row.channel as NotificationChannel,
    recipient: String(row.recipient),
    sender: (row.sender as string | null) ?? null,
    subject: (row.subject as string | null) ?? null,
    html: (row.html as string | null) ?? null,
    text: String(row.text),
    created_at: iso(row.created_at),
  }
}
