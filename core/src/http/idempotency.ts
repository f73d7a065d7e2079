// Idempotency-Key for writes that create orders or move money: the first request with a key runs and
// its answer is kept for a day; a retry with the same key gets that answer again instead of running
// twice. A row claimed by an insert (unique on scope and key) serialises concurrent retries across
// processes: the second one is told to wait (409) rather than run alongside.
import { createHash } from 'node:crypto'
import type { Context } from 'koa'
import { type Database, isUniqueViolation } from '../infra/database'
import { ConflictError, InvalidDataError, ShopwrightError } from '../kernel/errors'

const KEY = /^[\x21-\x7e]{1,191}$/
const KEEP_MS = 24 * 3600 * 1000

interface StoredRecord {
  request_hash: string
  status: 'processing' | 'completed'
  response_status: number | null
  response_body: string | null
  expires_at: number | string
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export class IdempotencyConflictError extends ShopwrightError {
  constructor() {
    super('invalid_data', 'This Idempotency-Key was already used for a different request', 422)
  }
}

export interface IdempotentAnswer {
  status: number
  body: unknown
}

/**
 * Runs `work` once per (route, caller, Idempotency-Key). Without the header it simply runs. Errors are
 * not kept: the work changed nothing, so a retry may run it again.
 */
export async function runIdempotent(
  db: Database,
  ctx: Context,
  routeKey: string,
  work: () => Promise<IdempotentAnswer>,
): Promise<IdempotentAnswer & { replayed: boolean }> {
  const key = ctx.get('idempotency-key')
  if (!key) return { ...(await work()), replayed: false }
  if (!KEY.test(key)) {
    throw new InvalidDataError('Idempotency-Key must be 1 to 191 visible ASCII characters')
  }
  const scope = sha256(
    `${routeKey}\n${ctx.get('authorization') || ctx.get('x-publishable-api-key') || 'guest'}`,
  )
  const requestHash = sha256(`${ctx.method} ${ctx.path}?${ctx.querystring}\n${ctx.request.rawBody ?? ''}`)
  const knex = db.knex()
  const where = { scope, idempotency_key: key }

  for (;;) {
    const now = Date.now()
    try {
      await knex('idempotency_record').insert({
        ...where,
        request_hash: requestHash,
        status: 'processing',
        response_status: null,
        response_body: null,
        created_at: now,
        expires_at: now + KEEP_MS,
      })
      break
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
    const existing = (await knex('idempotency_record').where(where).first()) as StoredRecord | undefined
    if (!existing) continue
    if (Number(existing.expires_at) <= now) {
      await knex('idempotency_record').where(where).andWhere('expires_at', '<=', now).delete()
      continue
    }
    if (existing.request_hash !== requestHash) throw new IdempotencyConflictError()
    if (existing.status === 'processing') {
      throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly')
    }
    return {
      status: existing.response_status ?? 200,
      body: existing.response_body === null ? null : JSON.parse(existing.response_body),
      replayed: true,
    }
  }

  try {
    const answer = await work()
    await knex('idempotency_record')
      .where(where)
      .update({
        status: 'completed',
        response_status: answer.status,
        response_body: JSON.stringify(answer.body),
      })
    return { ...answer, replayed: false }
  } catch (error) {
    await knex('idempotency_record').where(where).delete()
    throw error
  }
}
