// Properties many entities share, declared once.
import { p } from '@mikro-orm/core'

/** created_at and updated_at, kept by MikroORM. */
export function timestamps() {
  return {
    created_at: p.datetime().onCreate(() => new Date()),
    updated_at: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }
}
