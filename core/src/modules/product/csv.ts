// Product import and export as CSV, streamed: one row per variant, rows of one product consecutive.
// An import checks every row and writes all of them or none; its report names each bad row.
import type { Readable } from 'node:stream'
import type { EntityManager } from '@mikro-orm/knex'
import { CsvError, parse } from 'csv-parse'
import { stringify } from 'csv-stringify'
import { z } from 'zod'
import { type Database, knexOf } from '../../infra/database'
import { InvalidDataError } from '../../kernel/errors'
import type { PriceInput } from '../pricing/service'
import type { ProductInput, ProductService } from './service'

export const CSV_COLUMNS = [
  'handle',
  'title',
  'description',
  'status',
  'collection_handle',
  'category_handles',
  'tags',
  'option_name',
  'option_value',
  'variant_title',
  'sku',
] as const
const PRICE_COLUMN = /^price_([a-z]{3})$/
const MAX_REPORTED = 100
const FLUSH_EVERY = 200

const list = z
  .string()
  .optional()
  .transform((value) =>
    value
      ? value
          .split('|')
          .map((item) => item.trim())
          .filter(Boolean)
      : [],
  )

const rowSchema = z.object({
  handle: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes')
    .max(191),
  title: z.string().min(1, 'is required').max(255),
  description: z.string().max(100_000).optional(),
  status: z.enum(['draft', 'proposed', 'published', 'rejected']).default('draft'),
  collection_handle: z.string().max(191).optional(),
  category_handles: list,
  tags: list,
  option_name: z.string().max(191).optional(),
  option_value: z.string().max(191).optional(),
  variant_title: z.string().min(1, 'is required').max(255),
  sku: z.string().max(191).optional(),
})

export interface ImportReport {
  created: number
}

export class ProductCsv {
  constructor(
    private readonly db: Database,
    private readonly products: ProductService,
  ) {}

  /** Reads the CSV as it arrives; throws InvalidDataError naming each bad line, having written nothing. */
  async importProducts(input: Readable): Promise<ImportReport> {
    const parser = input.pipe(
      parse({
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        bom: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
      }),
    )
    // The parser may fail before the transaction starts reading it; the loop below reports that error.
    parser.on('error', () => undefined)
    const issues: Array<{ field: string; message: string }> = []
    const report = (line: number, message: string) => {
      if (issues.length < MAX_REPORTED) issues.push({ field: `line ${line}`, message })
    }
    let created = 0
    try {
      await this.db.transaction(async (em) => {
        const seen = new Set<string>()
        const lookups = new HandleLookups(em)
        let current: (ProductInput & { handle: string; optionName?: string; line: number }) | undefined
        const flush = async () => {
          if (!current) return
          if (!issues.length) {
            try {
              const { line: _, optionName: __, ...product } = current
              await this.products.insertProduct(em, product)
            } catch (error) {
              if (!(error instanceof InvalidDataError)) throw error
              report(current.line, error.message)
              current = undefined
              return
            }
            created++
            // Keep memory flat: write what is pending and forget it; the transaction still holds it.
            if (created % FLUSH_EVERY === 0) {
              await em.flush()
              em.clear()
            }
          }
          current = undefined
        }
        try {
          for await (const { record, info } of parser as AsyncIterable<{
            record: Record<string, string>
            info: { lines: number }
          }>) {
            const line = info.lines
            const parsed = rowSchema.safeParse(emptyToUndefined(record))
            const prices = this.prices(record, line, report)
            if (!parsed.success) {
              for (const issue of parsed.error.issues)
                report(line, `${issue.path.join('.') || 'row'} ${issue.message}`)
              continue
            }
            const row = parsed.data
            if (current?.handle !== row.handle) {
              await flush()
              if (seen.has(row.handle)) {
                report(line, `handle ${row.handle}: the rows of one product must be consecutive`)
                continue
              }
              seen.add(row.handle)
              const collection_id = row.collection_handle
                ? await lookups.collection(row.collection_handle, line, report)
                : undefined
              const category_ids = await lookups.categories(row.category_handles, line, report)
              current = {
                line,
                handle: row.handle,
                title: row.title,
                description: row.description ?? null,
                status: row.status,
                collection_id: collection_id ?? null,
                category_ids,
                tags: row.tags,
                options: row.option_name ? [{ title: row.option_name, values: [] }] : [],
                optionName: row.option_name,
                variants: [],
              }
            }
            if (row.option_name !== current.optionName) {
              report(line, `option_name must be the same on every row of ${row.handle}`)
              continue
            }
            if (row.option_name && !row.option_value) {
              report(line, 'option_value is required when option_name is set')
              continue
            }
            const option = current.options![0]
            if (option && row.option_value && !option.values.includes(row.option_value))
              option.values.push(row.option_value)
            current.variants!.push({
              title: row.variant_title,
              sku: row.sku ?? null,
              options: option && row.option_value ? { [option.title]: row.option_value } : {},
              prices,
            })
          }
        } catch (error) {
          if (error instanceof CsvError)
            report((error as CsvError & { lines?: number }).lines ?? 0, `malformed CSV: ${error.message}`)
          else throw error
        }
        await flush()
        if (issues.length) throw new CsvRejected()
      })
    } catch (error) {
      if (error instanceof CsvRejected) {
        throw new InvalidDataError(
          `The CSV has ${issues.length}${issues.length === MAX_REPORTED ? '+' : ''} invalid row(s); nothing was imported`,
          issues,
        )
      }
      if (error instanceof InvalidDataError && !error.details?.issues) {
        throw new InvalidDataError(`The CSV could not be imported; nothing was imported: ${error.message}`)
      }
      throw error
    }
    await this.products.catalogChanged()
    return { created }
  }

  private prices(
    record: Record<string, string>,
    line: number,
    report: (line: number, message: string) => void,
  ): PriceInput[] {
    const prices: PriceInput[] = []
    for (const [column, value] of Object.entries(record)) {
      const currency = PRICE_COLUMN.exec(column)?.[1]
      if (!currency || value === '') continue
      if (!/^\d{1,12}$/.test(value)) {
        report(line, `${column} must be a whole number of the currency's minor unit (cents), got "${value}"`)
        continue
      }
      prices.push({ currency_code: currency, amount: Number(value) })
    }
    return prices
  }

  /** Every product, one row per variant, read a page at a time. */
  exportProducts(): Readable {
    const knex = knexOf(this.db.em())
    const output = stringify()
    const write = async () => {
      const currencies = (
        (await knex('price').distinct('currency_code').orderBy('currency_code')) as Array<{
          currency_code: string
        }>
      ).map((row) => row.currency_code)
      output.write([...CSV_COLUMNS, ...currencies.map((code) => `price_${code}`)])
      let after = ''
      for (;;) {
        const products = await knex('product').where('id', '>', after).orderBy('id').limit(500)
        if (!products.length) break
        after = products[products.length - 1].id
        const ids = products.map((product) => product.id)
        const [variants, values, options, categories, collections, tags] = await Promise.all([
          knex('product_variant').whereIn('product_id', ids).orderBy(['product_id', 'variant_rank']),
          knex('product_variant_option as vo')
            .join('product_option_value as v', 'v.id', 'vo.option_value_id')
            .whereIn('v.product_id', ids)
            .select('vo.variant_id', 'v.value', 'v.option_id'),
          knex('product_option').whereIn('product_id', ids),
          knex('product_category_link as l')
            .join('product_category as c', 'c.id', 'l.category_id')
            .whereIn('l.product_id', ids)
            .select('l.product_id', 'c.handle'),
          knex('product_collection').whereIn(
            'id',
            products.map((product) => product.collection_id).filter(Boolean),
          ),
          knex('product_tag_link as l')
            .join('product_tag as t', 't.id', 'l.tag_id')
            .whereIn('l.product_id', ids)
            .select('l.product_id', 't.value'),
        ])
        const prices = await this.products.variantPrices(variants.map((variant) => variant.id))
        for (const product of products) {
          const option = options.find((candidate) => candidate.product_id === product.id)
          for (const variant of variants.filter((candidate) => candidate.product_id === product.id)) {
            const value = values.find((candidate) => candidate.variant_id === variant.id)
            const row = [
              product.handle,
              product.title,
              product.description ?? '',
              product.status,
              collections.find((collection) => collection.id === product.collection_id)?.handle ?? '',
              categories
                .filter((link) => link.product_id === product.id)
                .map((link) => link.handle)
                .join('|'),
              tags
                .filter((link) => link.product_id === product.id)
                .map((link) => link.value)
                .join('|'),
              option?.title ?? '',
              value?.value ?? '',
              variant.title,
              variant.sku ?? '',
              ...currencies.map(
                (code) =>
                  prices.find(
                    (price) =>
                      price.variant_id === variant.id && price.currency_code === code && !price.region_id,
                  )?.amount ?? '',
              ),
            ]
            // Respect back-pressure: wait when the client reads slower than we write.
            if (!output.write(row)) await new Promise((resolve) => output.once('drain', resolve))
          }
        }
      }
      output.end()
    }
    write().catch((error) => {
      output.destroy(error)
    })
    return output
  }
}

class CsvRejected extends Error {}

function emptyToUndefined(record: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, value === '' ? undefined : value]),
  )
}

/** Handle → id, asked once per handle in an import. */
class HandleLookups {
  private readonly cache = new Map<string, string | undefined>()

  constructor(private readonly em: EntityManager) {}

  private async find(table: string, handle: string): Promise<string | undefined> {
    const key = `${table}:${handle}`
    if (!this.cache.has(key)) {
      const row = (await knexOf(this.em)(table).where({ handle }).first('id')) as { id: string } | undefined
      this.cache.set(key, row?.id)
    }
    return this.cache.get(key)
  }

  async collection(handle: string, line: number, report: (line: number, message: string) => void) {
    const id = await this.find('product_collection', handle)
    if (!id) report(line, `collection_handle ${handle} does not exist`)
    return id
  }

  async categories(handles: string[], line: number, report: (line: number, message: string) => void) {
    const ids: string[] = []
    for (const handle of handles) {
      const id = await this.find('product_category', handle)
      if (id) ids.push(id)
      else report(line, `category ${handle} does not exist`)
    }
    return ids
  }
}
