// Passwords: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). A missing account is
// checked against a dummy hash, so the answer takes as long as for a real one.
import { hash, verify } from '@node-rs/argon2'
import { InvalidDataError } from '../../kernel/errors'

const OPTIONS = {
  algorithm: 2 /* Argon2id (a const enum in the typings) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export const MIN_PASSWORD_LENGTH = 8
const MAX_PASSWORD_LENGTH = 256

let dummyHash: Promise<string> | undefined

export function checkPasswordRules(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidDataError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long`, [
      { field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ])
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidDataError(`The password must be at most ${MAX_PASSWORD_LENGTH} characters long`, [
      { field: 'password', message: `must be at most ${MAX_PASSWORD_LENGTH} characters` },
    ])
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

/** True when the password matches; with no hash (no such account) it spends the same work and fails. */
export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('no account has this password')
    await verify(await dummyHash, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}
