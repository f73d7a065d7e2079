// Events, nothing lost: emit() writes the event to the outbox in the caller's transaction; after the
// commit a relay turns each outbox row into one delivery job per subscriber; the job queue delivers
// at least once, retrying with backoff, and dead-letters a delivery that keeps failing.
import { randomInt } from 'node:crypto'
import type { EntityManager, Knex } from '@mikro-orm/knex'
import type { Logger } from 'pino'
import { type Database, isUniqueViolation, knexOf } from '../database'
import { OutboxEvent } from '../entities'
import { generateId } from '../ids'
import type { JobQueue, JobRun } from '../jobs/queue'
import { parseJson } from '../json'

export interface EventMessage<Data = unknown> {
  /** Stable across redeliveries: subscribers use it to do their work once. */
  id: string
  name: string
  data: Data
  metadata: Record<string, unknown>
  occurredAt: Date
  /** 1 on first delivery to this subscriber. */
  attempt: number
  /** True when this subscriber may have seen this event before (a retry, a crash, a replay). */
  redelivered: boolean
}

export interface SubscriberDefinition<Data = any> {
  /** Unique and stable: deliveries and receipts are recorded under it. */
  id: string
  event: string | string[]
  handler: (event: EventMessage<Data>) => Promise<void>
}

export interface EventBusOptions {
  maxAttempts: number
  backoffMs: number
  relayIntervalMs: number
}

const DELIVER_JOB = 'event.deliver'
const RELAY_BATCH = 200
const RELAY_LEASE_MS = 30_000

interface DeliveryData {
  event_id: string
  subscriber: string
}

function deliveryKey(eventId: string, subscriber: string): string {
  return `${eventId}.${subscriber}`
}

export class EventBus {
  private readonly subscribers = new Map<string, SubscriberDefinition>()
  private readonly byEvent = new Map<string, SubscriberDefinition[]>()
  private timer: NodeJS.Timeout | undefined
  private relaying: Promise<void> | undefined
  private relayAgain = false
  private stopCommitListener: (() => void) | undefined
  private running = false

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly options: EventBusOptions,
  ) {
    jobs.define({
      name: DELIVER_JOB,
      attempts: options.maxAttempts,
      backoffMs: options.backoffMs,
      handler: (job) => this.deliver(job as JobRun<DeliveryData>),
    })
  }

  subscribe(definition: SubscriberDefinition): void {
    if (!/^[\w.-]+$/.test(definition.id)) {
      throw new Error(`Subscriber id "${definition.id}" may hold only letters, digits, '_', '.' and '-'`)
    }
    if (this.subscribers.has(definition.id)) {
      throw new Error(`A subscriber with the id ${definition.id} is already registered`)
    }
    this.subscribers.set(definition.id, definition)
    for (const name of [definition.event].flat()) {
      this.byEvent.set(name, [...(this.byEvent.get(name) ?? []), definition])
    }
  }

  /** Records an event in the caller's transaction: it is delivered only if that transaction commits. */
  emit(em: EntityManager, name: string, data: unknown, metadata: Record<string, unknown> = {}): string {
    const id = generateId('evt')
    em.persist(em.create(OutboxEvent, { id, name, data, metadata, created_at: Date.now() }))
    return id
  }

  /** Emits an event on its own, for events not tied to a change of state. */
  async publish(name: string, data: unknown, metadata?: Record<string, unknown>): Promise<string> {
    return this.db.transaction(async (em) => this.emit(em, name, data, metadata))
  }

  /**
   * Records that a subscriber handled an event, in the subscriber's own transaction; false when it
   * already had, so a redelivered event changes nothing twice.
   */
  async claimOnce(em: EntityManager, subscriber: string, eventId: string): Promise<boolean> {
    try {
      await knexOf(em)('event_receipt').insert({ subscriber, event_id: eventId, processed_at: Date.now() })
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  /** Starts relaying committed events: at once after each commit in this process, and on a timer. */
  start(): void {
    if (this.running) return
    this.running = true
    this.stopCommitListener = this.db.onCommit(() => this.wake())
    this.wake()
  }

  async stop(): Promise<void> {
    this.running = false
    this.stopCommitListener?.()
    clearTimeout(this.timer)
    await this.relaying
  }

  wake(): void {
    if (!this.running) return
    if (this.relaying) {
      this.relayAgain = true
      return
    }
    clearTimeout(this.timer)
    this.relaying = this.relay()
      .then(() => undefined)
      .catch((error) => this.logger.error({ err: error }, 'event relay failed'))
      .finally(() => {
        this.relaying = undefined
        if (!this.running) return
        if (this.relayAgain) {
          this.relayAgain = false
          setImmediate(() => this.wake())
        } else {
          this.timer = setTimeout(() => this.wake(), this.options.relayIntervalMs)
          this.timer.unref()
        }
      })
  }

  /** Turns committed outbox rows into delivery jobs; a row is claimed first so two relays do not race. */
  async relay(): Promise<number> {
    const knex = this.db.knex()
    const now = Date.now()
    const unclaimed = (query: Knex.QueryBuilder) =>
      query
        .whereNull('relayed_at')
        .andWhere((lock) => lock.whereNull('relay_locked_until').orWhere('relay_locked_until', '<', now))
    const candidates = (await unclaimed(knex('event_outbox').select('id'))
      .orderBy('created_at')
      .limit(RELAY_BATCH)) as Array<{ id: string }>
    if (!candidates.length) return 0
    // Claim the batch with one update; the lease value (a time plus a random part) tells our rows
    // from another relay's. Should two relays ever claim the same row, the job keys keep it one delivery.
    const lease = now + RELAY_LEASE_MS + randomInt(1, 1_000_000)
    const ids = candidates.map((row) => row.id)
    await unclaimed(knex('event_outbox').whereIn('id', ids)).update({ relay_locked_until: lease })
    const rows = (await knex('event_outbox')
      .select('id', 'name')
      .whereIn('id', ids)
      .where('relay_locked_until', lease)
      .orderBy('created_at')) as Array<{ id: string; name: string }>
    const deliveries = rows.flatMap((row) =>
      (this.byEvent.get(row.name) ?? []).map((subscriber) => ({
        name: DELIVER_JOB,
        data: { event_id: row.id, subscriber: subscriber.id } satisfies DeliveryData,
        options: { key: deliveryKey(row.id, subscriber.id) },
      })),
    )
    const markRelayed = (db: Knex | Knex.Transaction) =>
      db('event_outbox')
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .update({ relayed_at: Date.now(), relay_locked_until: null })
    if (this.jobs.kind === 'embedded') {
      await knex.transaction(async (trx) => {
        await this.jobs.enqueue(deliveries, trx)
        await markRelayed(trx)
      })
    } else {
      // Redis and the database cannot share a transaction: the job keys make a repeated relay harmless.
      await this.jobs.enqueue(deliveries)
      await markRelayed(knex)
    }
    if (candidates.length === RELAY_BATCH) this.relayAgain = true
    return rows.length
  }

  private async deliver(job: JobRun<DeliveryData>): Promise<void> {
    const { event_id: eventId, subscriber: subscriberId } = job.data
    const subscriber = this.subscribers.get(subscriberId)
    if (!subscriber) {
      this.logger.warn(
        { eventId, subscriber: subscriberId },
        'event delivery skipped: subscriber no longer registered',
      )
      return
    }
    const row = (await this.db.knex()('event_outbox').where('id', eventId).first()) as
      | { id: string; name: string; data: unknown; metadata: unknown; created_at: number | string }
      | undefined
    if (!row) {
      this.logger.warn(
        { eventId, subscriber: subscriberId },
        'event delivery skipped: event no longer in the outbox',
      )
      return
    }
    await subscriber.handler({
      id: row.id,
      name: row.name,
      data: parseJson(row.data),
      metadata: (parseJson(row.metadata) as Record<string, unknown> | null) ?? {},
      occurredAt: new Date(Number(row.created_at)),
      attempt: job.attempt,
      redelivered: job.attempt > 1 || job.key !== deliveryKey(eventId, subscriberId),
    })
  }
}
