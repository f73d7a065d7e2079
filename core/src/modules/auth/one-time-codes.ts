// One-time codes (sign-in by email or SMS, email verification): 6 digits, valid 10 minutes, kept in
// the key-value store only as an HMAC, at most 5 checks per code, and a cooldown between sends.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { KeyValueStore } from '../../infra/kv'
import { TooManyRequestsError, UnauthorizedError } from '../../kernel/errors'
import { sha256 } from './tokens'

export const CODE_TTL_MS = 10 * 60_000
export const MAX_CODE_CHECKS = 5
export const RESEND_COOLDOWN_MS = 30_000

interface StoredCode {
  id: string
  hmac: string
  payload: Record<string, string>
}

export interface IssuedCode {
  /** Unique per code: the notification's idempotency key. */
  id: string
  code: string
}

export class OneTimeCodes {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly secret: Uint8Array,
  ) {}

  private keys(purpose: string, address: string) {
    const base = `otp:${purpose}:${sha256(address.toLowerCase())}`
    return { code: base, checks: `${base}:checks`, cooldown: `${base}:cooldown` }
  }

  private hmac(code: string): string {
    return createHmac('sha256', this.secret).update(code).digest('hex')
  }

  /** Makes a new code (replacing any earlier one); 429 while the last send is within the cooldown. */
  async issue(purpose: string, address: string, payload: Record<string, string>): Promise<IssuedCode> {
    const keys = this.keys(purpose, address)
    if (!(await this.kv.setIfAbsent(keys.cooldown, '1', RESEND_COOLDOWN_MS))) {
      const left = (await this.kv.ttl(keys.cooldown)) ?? RESEND_COOLDOWN_MS
      throw new TooManyRequestsError(
        Math.max(1, Math.ceil(left / 1000)),
        'A code was sent a moment ago; wait before asking for another',
      )
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const stored: StoredCode = { id: randomUUID(), hmac: this.hmac(code), payload }
    await this.kv.delete(keys.checks)
    await this.kv.set(keys.code, JSON.stringify(stored), CODE_TTL_MS)
    return { id: stored.id, code }
  }

  /** Spends the code and returns what it was issued with; 401 for a wrong, expired or used-up code. */
  async consume(purpose: string, address: string, code: string): Promise<Record<string, string>> {
    const keys = this.keys(purpose, address)
    const raw = await this.kv.get(keys.code)
    if (!raw) throw new UnauthorizedError('The code is wrong or has expired')
    const stored = JSON.parse(raw) as StoredCode
    const checks = await this.kv.increment(keys.checks, CODE_TTL_MS)
    if (checks > MAX_CODE_CHECKS) {
      await this.kv.delete(keys.code)
      throw new UnauthorizedError('Too many wrong codes: this code no longer works, ask for a new one')
    }
    const expected = Buffer.from(stored.hmac, 'hex')
    const actual = Buffer.from(this.hmac(code), 'hex')
    if (!timingSafeEqual(expected, actual)) {
      throw new UnauthorizedError(
        checks === MAX_CODE_CHECKS
          ? 'Too many wrong codes: this code no longer works, ask for a new one'
          : 'The code is wrong or has expired',
      )
    }
    // Single use, even when two requests present the right code at once.
    if (!(await this.kv.setIfAbsent(`${keys.code}:used:${stored.id}`, '1', CODE_TTL_MS))) {
      throw new UnauthorizedError('The code is wrong or has expired')
    }
    await this.kv.delete(keys.code)
    return stored.payload
  }
}
