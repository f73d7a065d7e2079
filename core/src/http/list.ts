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
