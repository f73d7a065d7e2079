// The job queue contract: the embedded queue (a database table) and BullMQ (Redis) both implement it,
// and both pass the same tests.
import type { Knex } from '@mikro-orm/knex'

export interface JobRun<Data = unknown> {
  /** The job's key: the same key enqueued twice is one job. */
  key: string
  name: string
  data: Data
  /** 1 on the first run; higher on a retry, or when a worker died mid-run and the job runs again. */
  attempt: number
  maxAttempts: number
}

export interface JobDefinition<Data = any> {
  name: string
  /** Runs before the job is dead-lettered; default 3. */
  attempts?: number
  /** First retry delay; each further retry doubles it. Default 1000 ms. */
  backoffMs?: number
  handler: (job: JobRun<Data>) => Promise<void>
}

export interface ScheduledJobDefinition {
  name: string
  /** A cron pattern, e.g. `0 3 * * *`. */
  cron: string
  handler: () => Promise<void>
}

export interface EnqueueOptions {
  key?: string
  delayMs?: number
  attempts?: number
  backoffMs?: number
}

export interface JobToEnqueue {
  name: string
  data: unknown
  options?: EnqueueOptions
}

export interface JobQueue {
  readonly kind: 'embedded' | 'bullmq'
  define(definition: JobDefinition): void
  schedule(definition: ScheduledJobDefinition): void
  /**
   * Adds jobs; a key already present is skipped. The embedded queue writes them in `trx` when given,
   * so they commit or roll back with the caller's change.
   */
  enqueue(jobs: JobToEnqueue[], trx?: Knex.Transaction): Promise<void>
  /** Starts running jobs in this process (worker and all roles). */
  start(): Promise<void>
  /** Stops taking jobs and waits for those running to finish. */
  stop(): Promise<void>
}

export const DEFAULT_ATTEMPTS = 3
export const DEFAULT_BACKOFF_MS = 1000

export function cronJobName(name: string): string {
  return `cron.${name}`
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
