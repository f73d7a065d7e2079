// Jobs that failed every attempt land here, where an admin can list them and replay them.
import type { Knex } from '@mikro-orm/knex'
import { NotFoundError } from '../../kernel/errors'
import type { Database } from '../database'
import { generateId } from '../ids'
import { parseJson } from '../json'
import type { JobQueue } from './queue'

export interface DeadLetterEntry {
  id: string
  job_name: string
  job_key: string
  data: unknown
  error: string
  attempts: number
  failed_at: number
  replayed_at: number | null
  replay_count: number
}

export class DeadLetters {
  constructor(private readonly db: Database) {}

  async record(
    entry: { jobName: string; jobKey: string; data: unknown; error: string; attempts: number },
    trx?: Knex.Transaction,
  ): Promise<void> {
    await (trx ?? this.db.knex())('dead_letter').insert({
      id: generateId('dlq'),
      job_name: entry.jobName,
      job_key: entry.jobKey,
      data: JSON.stringify(entry.data ?? null),
      error: entry.error,
      attempts: entry.attempts,
      failed_at: Date.now(),
      replayed_at: null,
      replay_count: 0,
    })
  }

  async list(options: { limit: number; offset: number; includeReplayed?: boolean; jobName?: string }) {
    const query = this.db.knex()('dead_letter')
    if (!options.includeReplayed) query.whereNull('replayed_at')
    if (options.jobName) query.where('job_name', options.jobName)
    const [{ count }] = (await query.clone().count({ count: '*' })) as [{ count: number | string }]
    const rows = (await query
      .orderBy('failed_at', 'desc')
      .limit(options.limit)
      .offset(options.offset)) as Array<DeadLetterEntry & { data: unknown }>
    return {
      dead_letters: rows.map((row) => ({
        ...row,
        data: parseJson(row.data),
        failed_at: Number(row.failed_at),
      })),
      count: Number(count),
      limit: options.limit,
      offset: options.offset,
    }
  }

  /** Runs the job again from its first attempt, under a new key so that the failed run is kept apart. */
  async replay(id: string, queue: JobQueue): Promise<void> {
    const knex = this.db.knex()
    const row = (await knex('dead_letter').where('id', id).first()) as DeadLetterEntry | undefined
    if (!row) throw new NotFoundError(`Dead letter with id ${id} was not found`)
    const replay = row.replay_count + 1
    await queue.enqueue([
      { name: row.job_name, data: parseJson(row.data), options: { key: `${row.job_key}.r${replay}` } },
    ])
    await knex('dead_letter').where('id', id).update({ replayed_at: Date.now(), replay_count: replay })
  }
}
