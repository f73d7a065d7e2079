// Marketing: who consented, signed unsubscribe links, and campaigns (a template, a promotion code and a
// segment) queued in batches by a job so that a large audience never holds up the API.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Knex } from '@mikro-orm/knex'
import type { Database } from '../../infra/database'
import { generateId } from '../../infra/ids'
import type { JobQueue, JobRun } from '../../infra/jobs/queue'
import { parseJson } from '../../infra/json'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import { type NewDelivery, type NotificationService, yieldToEventLoop } from './service'
import { isTemplateId } from './templates'

export const CAMPAIGN_BATCH_JOB = 'notification.campaign-batch'
export const CAMPAIGN_BATCH_SIZE = 500
/** A batch waits while this many of the campaign's messages are still queued: the job queue stays short. */
const MAX_QUEUED_PER_CAMPAIGN = 1000
const BATCH_WAIT_MS = 250

export type Segment =
  | { type: 'all' }
  | { type: 'customer_group'; customer_group_id: string }
  | { type: 'product_buyers'; product_ids: string[] }
  | { type: 'category_buyers'; category_ids: string[] }
  | { type: 'inactive'; days: number }

/**
 * Narrows a batch of consenting customers to those in a segment. The module that owns the data (customer
 * groups, orders) answers, through its service: segments are never read from another module's tables.
 */
export type SegmentResolver = (segment: Segment, customerIds: string[]) => Promise<string[]>

/** Names and such of campaign recipients, for the greeting: answered by the customer module. */
export type RecipientProfiles = (customerIds: string[]) => Promise<Map<string, Record<string, unknown>>>

export interface CampaignInput {
  name: string
  template?: string
  locale?: string
  promotion_code?: string | null
  segment: Segment
  /** Extra template variables, e.g. a headline and a message. */
  data?: Record<string, unknown>
}

export interface CampaignView {
  id: string
  name: string
  template: string
  locale: string
  promotion_code: string | null
  segment: Segment
  data: Record<string, unknown>
  status: 'draft' | 'queueing' | 'queued'
  recipients: number
  progress: { queued: number; sent: number; delivered: number; failed: number }
  created_at: string
  sent_at: string | null
}

export interface ConsentView {
  customer_id: string
  email: string | null
  phone: string | null
  consented: boolean
  unsubscribed_at: string | null
}

interface CampaignRow {
  id: string
  name: string
  template: string
  locale: string
  promotion_code: string | null
  segment: unknown
  data: unknown
  status: CampaignView['status']
  recipients: number
  created_at: number | string
  sent_at: number | string | null
}

const TOKEN_PURPOSE = 'marketing-unsubscribe'

export class MarketingService {
  private readonly segments = new Map<Segment['type'], SegmentResolver>()
  private profiles: RecipientProfiles | undefined
  private secret: Promise<Buffer> | undefined

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationService,
    private readonly publicUrl: string,
    private readonly configuredSecret: string | undefined,
  ) {
    this.segments.set('all', async (_segment, customerIds) => customerIds)
  }

  /** Lets the module that owns the data (customer groups, orders) answer a kind of segment. */
  defineSegment(type: Segment['type'], resolver: SegmentResolver): void {
    this.segments.set(type, resolver)
  }

  /** Lets the customer module give each recipient's name to the offer's greeting. */
  useRecipientProfiles(profiles: RecipientProfiles): void {
    this.profiles = profiles
  }

  /** A 404 for an id that names no customer (the customer module, when there, tells). */
  async assertCustomer(customerId: string): Promise<void> {
    if (this.profiles && !(await this.profiles([customerId])).has(customerId)) {
      throw new NotFoundError(`Customer with id: ${customerId} was not found`)
    }
  }

  async setConsent(
    customerId: string,
    input: { consented: boolean; email?: string | null; phone?: string | null },
  ): Promise<ConsentView> {
    const knex = this.db.knex()
    const email =
      input.email !== undefined ? input.email : await this.defaultEmail(customerId, input.consented)
    const contact = {
      ...(email !== undefined ? { email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
    }
    const row = { consented: input.consented ? 1 : 0, updated_at: Date.now(), ...contact }
    await knex.transaction(async (trx) => {
      await trx('marketing_consent')
        .insert({ customer_id: customerId, email: null, phone: null, ...row })
        .onConflict('customer_id')
        .merge(row)
      // Consenting again after an unsubscribe lifts it.
      if (input.consented) await trx('marketing_unsubscribe').where('customer_id', customerId).delete()
    })
    return this.consent(customerId)
  }

  /**
   * Where offers go when a customer consents without naming an address: their own email, unless an
   * address is already on record (campaigns skip a consent with no email at all).
   */
  private async defaultEmail(customerId: string, consented: boolean): Promise<string | undefined> {
    if (!consented || !this.profiles) return undefined
    const stored = (await this.db
      .knex()('marketing_consent')
      .where('customer_id', customerId)
      .first('email')) as { email: string | null } | undefined
    if (stored?.email) return undefined
    const profile = (await this.profiles([customerId])).get(customerId)
    return typeof profile?.email === 'string' ? profile.email : undefined
  }

  async consent(customerId: string): Promise<ConsentView> {
    const knex = this.db.knex()
    const row = (await knex('marketing_consent').where('customer_id', customerId).first()) as
      | { email: string | null; phone: string | null; consented: unknown }
      | undefined
    const unsubscribed = (await knex('marketing_unsubscribe').where('customer_id', customerId).first()) as
      | { unsubscribed_at: number | string }
      | undefined
    return {
      customer_id: customerId,
      email: row?.email ?? null,
      phone: row?.phone ?? null,
      consented: Boolean(Number(row?.consented ?? 0)),
      unsubscribed_at: unsubscribed ? new Date(Number(unsubscribed.unsubscribed_at)).toISOString() : null,
    }
  }

  /** A link token naming one customer, signed so nobody can make one for another customer. */
  async unsubscribeToken(customerId: string): Promise<string> {
    const subject = Buffer.from(customerId).toString('base64url')
    return `${subject}.${await this.sign(subject)}`
  }

  async unsubscribeUrl(customerId: string): Promise<string> {
    const token = await this.unsubscribeToken(customerId)
    return `${this.publicUrl}/store/notifications/unsubscribe?token=${encodeURIComponent(token)}`
  }

  /** Unsubscribes the customer the token names; a second time changes nothing. */
  async unsubscribe(token: string, campaignId?: string): Promise<{ customer_id: string }> {
    const [subject, signature] = token.split('.')
    if (!subject || !signature || !(await this.verify(subject, signature))) {
      throw new InvalidDataError('This unsubscribe link is not valid')
    }
    const customerId = Buffer.from(subject, 'base64url').toString()
    const now = Date.now()
    await this.db.knex().transaction(async (trx) => {
      await trx('marketing_unsubscribe')
        .insert({ customer_id: customerId, campaign_id: campaignId ?? null, unsubscribed_at: now })
        .onConflict('customer_id')
        .ignore()
      await trx('marketing_consent')
        .insert({ customer_id: customerId, consented: 0, updated_at: now })
        .onConflict('customer_id')
        .merge({ consented: 0, updated_at: now })
    })
    return { customer_id: customerId }
  }

  private async sign(subject: string): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(`${TOKEN_PURPOSE}:${subject}`)
      .digest('base64url')
  }

  private async verify(subject: string, signature: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(subject))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }

  /** SHOPWRIGHT_SECRET when set; otherwise a random key made once and kept in the database for every process. */
  private key(): Promise<Buffer> {
    this.secret ??= (async () => {
      if (this.configuredSecret) return Buffer.from(this.configuredSecret)
      const knex = this.db.knex()
      await knex('notification_secret')
        .insert({ id: 'unsubscribe', secret: randomBytes(48).toString('base64url') })
        .onConflict('id')
        .ignore()
      const row = (await knex('notification_secret').where('id', 'unsubscribe').first()) as { secret: string }
      return Buffer.from(row.secret)
    })()
    return this.secret
  }

  async createCampaign(input: CampaignInput): Promise<CampaignView> {
    const template = input.template ?? 'offer'
    if (!isTemplateId(template)) throw new InvalidDataError(`Unknown template ${template}`)
    if (!this.segments.has(input.segment.type)) {
      throw new InvalidDataError(
        `Segment ${input.segment.type} is not available: the module that knows it is not installed`,
      )
    }
    const now = Date.now()
    const id = generateId('camp')
    await this.db
      .knex()('notification_campaign')
      .insert({
        id,
        name: input.name,
        template,
        locale: input.locale ?? 'en',
        promotion_code: input.promotion_code ?? null,
        segment: JSON.stringify(input.segment),
        data: JSON.stringify(input.data ?? {}),
        status: 'draft',
        recipients: 0,
        created_at: now,
        updated_at: now,
        sent_at: null,
      })
    return this.getCampaign(id)
  }

  async listCampaigns(page: { limit: number; offset: number }) {
    const knex = this.db.knex()
    const [{ count }] = (await knex('notification_campaign').count({ count: '*' })) as [
      { count: number | string },
    ]
    const rows = (await knex('notification_campaign')
      .orderBy('created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)) as CampaignRow[]
    const campaigns = await Promise.all(rows.map((row) => this.view(row)))
    return { campaigns, count: Number(count) }
  }

  async getCampaign(id: string): Promise<CampaignView> {
    const row = (await this.db.knex()('notification_campaign').where('id', id).first()) as
      | CampaignRow
      | undefined
    if (!row) throw new NotFoundError(`Campaign with id: ${id} was not found`)
    return this.view(row)
  }

  /** Starts sending: the first batch job is queued and the answer returns at once. Only a draft can be sent. */
  async sendCampaign(id: string): Promise<CampaignView> {
    const knex = this.db.knex()
    await this.getCampaign(id)
    const now = Date.now()
    await knex.transaction(async (trx) => {
      const started = await trx('notification_campaign')
        .where({ id, status: 'draft' })
        .update({ status: 'queueing', sent_at: now, updated_at: now })
      if (started !== 1) throw new ConflictError(`Campaign ${id} has already been sent`)
      await this.enqueueBatch(trx, id, null)
    })
    return this.getCampaign(id)
  }

  private async enqueueBatch(
    db: Knex | Knex.Transaction,
    campaignId: string,
    after: string | null,
    wait = 0,
  ): Promise<void> {
    const job = {
      name: CAMPAIGN_BATCH_JOB,
      data: { campaign_id: campaignId, after, wait },
      options: {
        key: `campaign.${campaignId}.${after ?? 'start'}${wait ? `.wait${wait}` : ''}`,
        delayMs: wait ? BATCH_WAIT_MS : 0,
      },
    }
    const trx = (db as Knex.Transaction).isTransaction ? (db as Knex.Transaction) : undefined
    if (this.jobs.kind === 'embedded' || !trx) return this.jobs.enqueue([job], trx)
    trx.executionPromise.then(
      () => this.jobs.enqueue([job]),
      () => undefined,
    )
  }

  /**
   * One batch: the next consenting customers after `after` (by id), narrowed to the segment, each get a
   * delivery (idempotent per campaign and recipient), then the next batch is queued. A repeated batch
   * adds nothing twice.
   */
  async queueCampaignBatch(
    job: JobRun<{ campaign_id: string; after: string | null; wait?: number }>,
  ): Promise<void> {
    const { campaign_id: campaignId, after, wait = 0 } = job.data
    const knex = this.db.knex()
    const campaign = (await knex('notification_campaign').where('id', campaignId).first()) as
      | CampaignRow
      | undefined
    if (campaign?.status !== 'queueing') return
    const [{ queued }] = (await knex('notification_delivery')
      .where({ campaign_id: campaignId, status: 'queued' })
      .count({ queued: '*' })) as [{ queued: number | string }]
    if (Number(queued) >= MAX_QUEUED_PER_CAMPAIGN) {
      await this.enqueueBatch(knex, campaignId, after, wait + 1)
      return
    }
    const segment = parseJson(campaign.segment) as Segment
    const data = (parseJson(campaign.data) as Record<string, unknown> | null) ?? {}
    const resolver = this.segments.get(segment.type)
    if (!resolver) throw new Error(`Segment ${segment.type} is not available`)
    const query = knex('marketing_consent')
      .select('customer_id', 'email')
      .where('consented', 1)
      .whereNotNull('email')
      .orderBy('customer_id')
      .limit(CAMPAIGN_BATCH_SIZE)
    if (after) query.where('customer_id', '>', after)
    const candidates = (await query) as Array<{ customer_id: string; email: string }>
    const chosen = new Set(
      await resolver(
        segment,
        candidates.map((candidate) => candidate.customer_id),
      ),
    )
    const profiles = this.profiles && chosen.size ? await this.profiles([...chosen]) : new Map()
    const deliveries: NewDelivery[] = []
    for (const candidate of candidates) {
      if (!chosen.has(candidate.customer_id)) continue
      deliveries.push({
        id: generateId('ndl'),
        idempotency_key: `campaign.${campaignId}`,
        template: campaign.template,
        channel: 'email',
        locale: campaign.locale,
        recipient: candidate.email,
        customer_id: candidate.customer_id,
        campaign_id: campaignId,
        data: {
          ...data,
          customer: {
            ...profiles.get(candidate.customer_id),
            id: candidate.customer_id,
            email: candidate.email,
          },
          promotion_code: campaign.promotion_code,
          unsubscribe_url: await this.unsubscribeUrl(candidate.customer_id),
        },
      })
    }
    await yieldToEventLoop()
    const last = candidates.at(-1)?.customer_id
    await knex.transaction(async (trx) => {
      await this.notifications.queueDeliveries(trx, deliveries)
      if (candidates.length === CAMPAIGN_BATCH_SIZE && last) {
        await this.enqueueBatch(trx, campaignId, last)
        return
      }
      const [{ count }] = (await trx('notification_delivery')
        .where('campaign_id', campaignId)
        .count({ count: '*' })) as [{ count: number | string }]
      await trx('notification_campaign')
        .where({ id: campaignId, status: 'queueing' })
        .update({ status: 'queued', recipients: Number(count), updated_at: Date.now() })
    })
  }

  private async view(row: CampaignRow): Promise<CampaignView> {
    const counts = (await this.db
      .knex()('notification_delivery')
      .select('status')
      .count({ count: '*' })
      .where('campaign_id', row.id)
      .groupBy('status')) as Array<{ status: string; count: number | string }>
    const progress = { queued: 0, sent: 0, delivered: 0, failed: 0 }
    for (const { status, count } of counts) {
      if (status in progress) progress[status as keyof typeof progress] = Number(count)
    }
    const segment = parseJson(row.segment) as Segment
    const data = (parseJson(row.data) as Record<string, unknown> | null) ?? {}
    const total = progress.queued + progress.sent + progress.delivered + progress.failed
    return {
      id: row.id,
      name: row.name,
      template: row.template,
      locale: row.locale,
      promotion_code: row.promotion_code,
      segment,
      data,
      status: row.status,
      recipients: row.status === 'queued' ? Number(row.recipients) : total,
      progress,
      created_at: new Date(Number(row.created_at)).toISOString(),
      sent_at: row.sent_at == null ? null : new Date(Number(row.sent_at)).toISOString(),
    }
  }
}
