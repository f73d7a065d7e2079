// Prefixed sortable ids (`evt_01J…`), as Medusa uses.
import { monotonicFactory } from 'ulid'

const nextUlid = monotonicFactory()

export function generateId(prefix: string): string {
  return `${prefix}_${nextUlid()}`
}
