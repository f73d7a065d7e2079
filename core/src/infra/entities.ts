// Tables the kernel itself owns: the event outbox, the embedded job queue, dead letters, event receipts.
// Times are epoch milliseconds, so the same queries work on SQLite and MySQL.
import { defineEntity, p } from '@mikro-orm/core'

export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  tableName: 'event_outbox',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    data: p.json<unknown>(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    created_at: p.bigint('number'),
    /** Set once every subscriber's delivery job exists; null means the relay still owes it. */
    relayed_at: p.bigint('number').nullable(),
    /** A relay working on this row holds it until then, so two relays do not race. */
    relay_locked_until: p.bigint('number').nullable(),
  },
  indexes: [{ properties: ['relayed_at', 'created_at'] }],
})

export const JobRecord = defineEntity({
  name: 'JobRecord',
  tableName: 'job',
  properties: {
    id: p.string().length(40).primary(),
    name: p.string().length(191),
    /** Deduplicates enqueues: the same key is one job. */
    job_key: p.string().length(191).unique(),
    data: p.json<unknown>(),
    status: p.string().length(16),
    attempts: p.integer(),
    max_attempts: p.integer(),
    backoff_ms: p.integer(),
    run_at: p.bigint('number'),
    locked_until: p.bigint('number').nullable(),
    last_error: p.text().nullable(),
    created_at: p.bigint('number'),
    updated_at: p.bigint('number'),
  },
  indexes: [{ properties: ['status', 'run_at'] }],
})

export const DeadLetter = defineEntity({
  name: 'DeadLetter',
  tableName: 'dead_letter',
  properties: {
    id: p.string().length(40).primary(),
    job_name: p.string().length(191),
    job_key: p.string().length(191),
    data: p.json<unknown>(),
    error: p.text(),
    attempts: p.integer(),
    failed_at: p.bigint('number'),
    replayed_at: p.bigint('number').nullable(),
    replay_count: p.integer().default(0),
  },
  indexes: [{ properties: ['replayed_at', 'failed_at'] }],
})

export const EventReceipt = defineEntity({
  name: 'EventReceipt',
  tableName: 'event_receipt',
  properties: {
    subscriber: p.string().length(191).primary(),
    event_id: p.string().length(40).primary(),
    processed_at: p.bigint('number'),
  },
})

/** A write made with an Idempotency-Key: while it runs, and then its answer, replayed to a retry. */
export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  properties: {
    scope: p.string().length(191).primary(),
    idempotency_key: p.string().length(191).primary(),
    request_hash: p.string().length(64),
    status: p.string().length(16),
    response_status: p.integer().nullable(),
    response_body: p.text().nullable(),
    created_at: p.bigint('number'),
    expires_at: p.bigint('number').index(),
  },
})

export const kernelEntities = [OutboxEvent, JobRecord, DeadLetter, EventReceipt, IdempotencyRecord]
