// The BullMQ job queue, used when REDIS_URL is set: API processes only add jobs, worker processes run them.
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq'
import type { RedisOptions } from 'ioredis'
import type { Logger } from 'pino'
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

export interface BullJobQueueOptions {
  redisUrl: string
  prefix: string
  concurrency: number
  queueName?: string
}

const KEEP_COMPLETED = { age: 7 * 24 * 3600 }
const KEEP_FAILED = { age: 30 * 24 * 3600 }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

// BullMQ reserves ':' in job ids.
function jobId(key: string): string {
  return key.replaceAll(':', '_')
}

export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq'
  private readonly definitions = new Map<string, JobDefinition>()
  private readonly schedules: ScheduledJobDefinition[] = []
  private opened: Queue | undefined
  private worker: Worker | undefined

  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly logger: Logger,
    private readonly options: BullJobQueueOptions,
  ) {}

  /** Opened on first use, so that a short-lived process (a CLI command) never opens one. */
  private get queue(): Queue {
    if (!this.opened) {
      this.opened = new Queue(this.options.queueName ?? 'jobs', {
        connection: this.connection(),
        prefix: `${this.options.prefix}:bull`,
      })
      this.opened.on('error', (error) => this.logger.warn({ err: error }, 'job queue error'))
    }
    return this.opened
  }

  /** Connection options rather than a client: BullMQ then opens and closes its connections itself. */
  private connection(): RedisOptions {
    const url = new URL(this.options.redisUrl)
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      db: Number(url.pathname.slice(1) || 0),
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    }
  }

  define(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition)
  }

  schedule(definition: ScheduledJobDefinition): void {
    this.schedules.push(definition)
    this.define({ name: cronJobName(definition.name), attempts: 1, handler: () => definition.handler() })
  }

  async enqueue(jobs: JobToEnqueue[]): Promise<void> {
    if (jobs.length === 0) return
    await this.queue.addBulk(
      jobs.map(({ name, data, options = {} }) => {
        const definition = this.definitions.get(name)
        return {
          name,
          data: data ?? null,
          opts: {
            jobId: options.key ? jobId(options.key) : undefined,
            delay: options.delayMs,
            attempts: options.attempts ?? definition?.attempts ?? DEFAULT_ATTEMPTS,
            backoff: {
              type: 'exponential',
              delay: options.backoffMs ?? definition?.backoffMs ?? DEFAULT_BACKOFF_MS,
            },
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        }
      }),
    )
  }

  async start(): Promise<void> {
    if (this.worker) return
    for (const schedule of this.schedules) {
      await this.queue.upsertJobScheduler(
        cronJobName(schedule.name),
        { pattern: schedule.cron },
        {
          name: cronJobName(schedule.name),
          data: {},
          opts: { attempts: 1, removeOnComplete: KEEP_COMPLETED },
        },
      )
    }
    this.worker = new Worker(this.queue.name, (job) => this.run(job), {
      connection: this.connection(),
      prefix: `${this.options.prefix}:bull`,
      concurrency: this.options.concurrency,
    })
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'job worker error'))
    await this.worker.waitUntilReady()
  }

  private async run(job: Job): Promise<void> {
    const definition = this.definitions.get(job.name)
    if (!definition) throw new UnrecoverableError(`No job is defined with the name ${job.name}`)
    const maxAttempts = job.opts.attempts ?? 1
    // attemptsStarted also counts a run whose worker died (a stalled job), so that too is a retry.
    const attempt = Math.max(job.attemptsMade + 1, job.attemptsStarted)
    try {
      await definition.handler({ key: job.id ?? '', name: job.name, data: job.data, attempt, maxAttempts })
    } catch (error) {
      if (job.attemptsMade + 1 >= maxAttempts) {
        this.logger.error({ err: error, job: job.name, key: job.id }, 'job failed its last attempt')
        await this.deadLetters.record({
          jobName: job.name,
          jobKey: job.id ?? '',
          data: job.data,
          error: errorText(error),
          attempts: job.attemptsMade + 1,
        })
      } else {
        this.logger.warn({ err: error, job: job.name, key: job.id }, 'job failed, will retry')
      }
      throw error
    }
  }

  async stop(): Promise<void> {
    await this.worker?.close()
    this.worker = undefined
    if (this.opened) {
      // Closing a queue whose connection is still opening makes BullMQ emit an unhandled error.
      await Promise.race([this.opened.waitUntilReady().catch(() => undefined), sleep(2000)])
      await this.opened.close()
      this.opened = undefined
    }
  }
}
