// The embedded job queue: jobs are rows in the `job` table, claimed by an atomic conditional update,
// so several processes sharing the database never run one job twice at once, and a job whose
// worker died is run again when its lease runs out.
import type { Knex } from '@mikro-orm/knex'
import { Cron } from 'croner'
import type { Logger } from 'pino'
import type { Database } from '../database'
import { generateId } from '../ids'
import { parseJson } from '../json'
import type { DeadLetters } from './dead-letters'
import {
  cronJobName,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  errorText,
  type JobDefinition,
  type JobQueue,
  type JobToEnqueue,
  type ScheduledJobDefinition,
} from './queue'

interface JobRow {
  id: string
  name: string
  job_key: string
  data: unknown
  attempts: number
  max_attempts: number
  backoff_ms: number
}

export interface EmbeddedQueueOptions {
  concurrency: number
  pollIntervalMs: number
  leaseMs: number
}

export class EmbeddedJobQueue implements JobQueue {
  readonly kind = 'embedded'
  private readonly definitions = new Map<string, JobDefinition>()
  private readonly schedules: ScheduledJobDefinition[] = []
  private readonly crons: Cron[] = []
  private readonly running = new Set<Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private polling: Promise<void> | undefined
  private pollAgain = false
  private started = false

  constructor(
    private readonly db: Database,
    private readonly deadLetters: DeadLetters,
    private readonly logger: Logger,
    private readonly options: EmbeddedQueueOptions,
  ) {}

  define(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition)
  }

  schedule(definition: ScheduledJobDefinition): void {
    this.schedules.push(definition)
    this.define({ name: cronJobName(definition.name), attempts: 1, handler: () => definition.handler() })
  }

  async enqueue(jobs: JobToEnqueue[], trx?: Knex.Transaction): Promise<void> {
    if (jobs.length === 0) return
    const now = Date.now()
    const rows = jobs.map(({ name, data, options = {} }) => {
      const definition = this.definitions.get(name)
      const id = generateId('job')
      return {
        id,
        name,
        job_key: options.key ?? id,
        data: JSON.stringify(data ?? null),
        status: 'pending',
        attempts: 0,
        max_attempts: options.attempts ?? definition?.attempts ?? DEFAULT_ATTEMPTS,
        backoff_ms: options.backoffMs ?? definition?.backoffMs ?? DEFAULT_BACKOFF_MS,
        run_at: now + (options.delayMs ?? 0),
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      }
    })
    // Chunks keep each statement under the databases' limits on bound values.
    for (let start = 0; start < rows.length; start += 200) {
      await (trx ?? this.db.knex())('job')
        .insert(rows.slice(start, start + 200))
        .onConflict('job_key')
        .ignore()
    }
    if (trx)
      trx.executionPromise.then(
        () => this.wake(),
        () => undefined,
      )
    else this.wake()
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    for (const schedule of this.schedules) {
      const cron = new Cron(schedule.cron, { protect: true }, async (self: Cron) => {
        // One job per tick, whichever process saw the tick first: the key names the tick.
        const tick = self.currentRun()?.toISOString() ?? new Date().toISOString()
        await this.enqueue([
          { name: cronJobName(schedule.name), data: {}, options: { key: `cron.${schedule.name}.${tick}` } },
        ])
      })
      this.crons.push(cron)
    }
    this.wake()
  }

  async stop(): Promise<void> {
    this.started = false
    for (const cron of this.crons.splice(0)) cron.stop()
    clearTimeout(this.timer)
    await this.polling
    await Promise.allSettled([...this.running])
  }

  private wake(): void {
    if (!this.started) return
    if (this.polling) {
      this.pollAgain = true
      return
    }
    clearTimeout(this.timer)
    this.polling = this.poll()
      .catch((error) => this.logger.error({ err: error }, 'job queue poll failed'))
      .finally(() => {
        this.polling = undefined
        if (!this.started) return
        if (this.pollAgain) {
          this.pollAgain = false
          this.wake()
        } else {
          this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs)
          this.timer.unref()
        }
      })
  }

  private due(query: Knex.QueryBuilder, now: number): Knex.QueryBuilder {
    return query.where((due) =>
      due
        .where((pending) => pending.where('status', 'pending').andWhere('run_at', '<=', now))
        .orWhere((abandoned) => abandoned.where('status', 'running').andWhere('locked_until', '<', now)),
    )
  }

  private async poll(): Promise<void> {
    const free = this.options.concurrency - this.running.size
    if (free <= 0 || this.definitions.size === 0) return
    const knex = this.db.knex()
    const now = Date.now()
    const names = [...this.definitions.keys()]
    const candidates = (await this.due(knex('job').select('id').whereIn('name', names), now)
      .orderBy('run_at')
      .limit(free)) as Array<{ id: string }>
    for (const { id } of candidates) {
      const claimed = await this.due(knex('job').where('id', id), now).update({
        status: 'running',
        attempts: knex.raw('attempts + 1'),
        locked_until: now + this.options.leaseMs,
        updated_at: now,
      })
      if (claimed !== 1) continue
      const row = (await knex('job').where('id', id).first()) as JobRow
      const run = this.run(row).finally(() => {
        this.running.delete(run)
        this.wake()
      })
      this.running.add(run)
    }
    if (candidates.length === free) this.pollAgain = true
  }

  private async run(row: JobRow): Promise<void> {
    const definition = this.definitions.get(row.name)
    const knex = this.db.knex()
    // Keep the lease while the job runs, so a long job is not taken for abandoned and run twice.
    const renewal = setInterval(() => {
      knex('job')
        .where({ id: row.id, status: 'running' })
        .update({ locked_until: Date.now() + this.options.leaseMs })
        .catch((error) => this.logger.warn({ err: error, job: row.name }, 'could not renew a job lease'))
    }, this.options.leaseMs / 3)
    renewal.unref()
    try {
      if (!definition) throw new Error(`No job is defined with the name ${row.name}`)
      // SQLite answers synchronously, so a run of jobs would be one long chain of microtasks: each job
      // gives the event loop a turn first, so thousands of queued jobs never hold up HTTP requests.
      await new Promise<void>((resolve) => setImmediate(resolve))
      await definition.handler({
        key: row.job_key,
        name: row.name,
        data: parseJson(row.data),
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
      })
      await knex('job')
        .where('id', row.id)
        .update({ status: 'done', locked_until: null, last_error: null, updated_at: Date.now() })
    } catch (error) {
      const message = errorText(error)
      const now = Date.now()
      if (row.attempts >= row.max_attempts) {
        this.logger.error({ err: error, job: row.name, key: row.job_key }, 'job failed its last attempt')
        await knex.transaction(async (trx) => {
          await trx('job')
            .where('id', row.id)
            .update({ status: 'dead', locked_until: null, last_error: message, updated_at: now })
          await this.deadLetters.record(
            {
              jobName: row.name,
              jobKey: row.job_key,
              data: parseJson(row.data),
              error: message,
              attempts: row.attempts,
            },
            trx,
          )
        })
      } else {
        const delay = row.backoff_ms * 2 ** (row.attempts - 1)
        this.logger.warn(
          { err: error, job: row.name, key: row.job_key, retryInMs: delay },
          'job failed, will retry',
        )
        await knex('job')
          .where('id', row.id)
          .update({
            status: 'pending',
            run_at: now + delay,
            locked_until: null,
            last_error: message,
            updated_at: now,
          })
      }
    } finally {
      clearInterval(renewal)
    }
  }
}
