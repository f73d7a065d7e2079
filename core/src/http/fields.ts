// Medusa's `fields` query parameter: a comma-separated selection such as
// `*variants.calculated_price,+variants.inventory_quantity`. Each entry is a dotted path of names,
// optionally prefixed with `+` (add), `-` (remove) or `*` (a whole relation); anything else is a 400.
import { z } from 'zod'

const FIELD = /^[+\-*]?(?:[A-Za-z_][A-Za-z0-9_]*|\*)(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|\*))*$/

export const fieldsQuery = z
  .string()
  .max(2000)
  .refine((fields) => fields.split(',').every((field) => field === '' || FIELD.test(field.trim())), {
    message: 'must be a comma-separated list of field names such as +variants.inventory_quantity',
  })

/** Whether a `fields` selection asks for this path (`path`, `+path` or `*path`). */
export function selectsField(fields: string | undefined, path: string): boolean {
  if (!fields) return false
  return fields.split(',').some((field) => field.trim().replace(/^[+*]/, '') === path)
}
