// The one pagination shape for list endpoints: `limit`/`offset` in, `{ <items>, count, offset, limit }` out.
import { z } from 'zod'

export const MAX_LIST_LIMIT = 1000

export function listQuery(defaultLimit = 50) {
  return z.object({
    limit: z.coerce.number().int().min(0).max(MAX_LIST_LIMIT).default(defaultLimit),
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
}

export function listResponse<Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  return z.object({
    [key]: z.array(item),
    count: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  } as { [K in Key]: z.ZodArray<Item> } & {
    count: z.ZodNumber
    offset: z.ZodNumber
    limit: z.ZodNumber
  })
}

/** A filter that takes one id or many (`id=a` or `id[]=a&id[]=b`), always given to the handler as a list. */
export function idListQuery() {
  return z
    .union([z.string().max(64), z.array(z.string().max(64)).max(200)])
    .transform((value) => [value].flat())
}

/**
 * Medusa's `order` for a list: one of `fields`, ascending, or with a leading `-` descending
 * (`order=id`, `order=-id`); given to the handler as the field and its direction.
 */
export function orderQuery<Field extends string>(...fields: [Field, ...Field[]]) {
  const choices = fields.flatMap((field) => [field, `-${field}`])
  return z
    .string()
    .refine((value) => choices.includes(value), { message: `must be one of: ${choices.join(', ')}` })
    .transform((value) => ({
      field: value.replace(/^-/, '') as Field,
      descending: value.startsWith('-'),
    }))
}

/** The items in the order an `orderQuery` asked for (a copy; the input is left as it was). */
export function sortedBy<Item extends Record<Field, string | number>, Field extends string>(
  items: Item[],
  order: { field: Field; descending: boolean } | undefined,
): Item[] {
  if (!order) return items
  const direction = order.descending ? -1 : 1
  return [...items].sort((a, b) => {
    const [left, right] = [a[order.field], b[order.field]]
    return (left < right ? -1 : left > right ? 1 : 0) * direction
  })
}
