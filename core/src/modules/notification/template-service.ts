// Templates as the merchant sees them: the defaults, their overrides stored per template, channel and
// locale, and a preview rendered with sample data.
import { LRUCache } from 'lru-cache'
import type { Database } from '../../infra/database'
import { generateId } from '../../infra/ids'
import { InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { NotificationChannel } from './provider'
import {
  DEFAULT_LOCALE,
  DEFAULT_TEMPLATES,
  defaultParts,
  isTemplateId,
  type RenderedMessage,
  renderMessage,
  TEMPLATE_IDS,
  type TemplateId,
  type TemplateParts,
  validateTemplateParts,
} from './templates'

export interface TemplateView {
  id: TemplateId
  description: string
  channel: NotificationChannel
  locale: string
  /** True when the merchant's override is in use rather than the default. */
  overridden: boolean
  subject: string | null
  html: string | null
  text: string
  updated_at: string | null
}

export const CHANNELS: NotificationChannel[] = ['email', 'sms']

interface OverrideRow {
  template: string
  channel: string
  locale: string
  subject: string | null
  html: string | null
  text: string
  updated_at: number | string
}

function checkTemplate(id: string): TemplateId {
  if (!isTemplateId(id)) throw new NotFoundError(`Notification template with id: ${id} was not found`)
  return id
}

/** 'de-AT' → ['de-AT', 'de', 'en']: the locales a message falls back through. */
function localeChain(locale: string): string[] {
  const chain = [locale, locale.split('-')[0]!, DEFAULT_LOCALE]
  return [...new Set(chain)]
}

/** How long a process keeps a template's parts: a campaign renders the same one thousands of times. */
const PARTS_CACHE_MS = 2000

export class TemplateService {
  private readonly cached = new LRUCache<string, TemplateParts>({ max: 200, ttl: PARTS_CACHE_MS })

  constructor(private readonly db: Database) {}

  /** The parts a message is rendered from: the closest locale's override, else the default. */
  async partsFor(template: TemplateId, channel: NotificationChannel, locale: string): Promise<TemplateParts> {
    const key = `${template}:${channel}:${locale}`
    const hit = this.cached.get(key)
    if (hit) return hit
    const parts = await this.findParts(template, channel, locale)
    this.cached.set(key, parts)
    return parts
  }

  private async findParts(
    template: TemplateId,
    channel: NotificationChannel,
    locale: string,
  ): Promise<TemplateParts> {
    const chain = localeChain(locale)
    const rows = (await this.db
      .knex()('notification_template')
      .where({ template, channel })
      .whereIn('locale', chain)) as OverrideRow[]
    for (const candidate of chain) {
      const row = rows.find((override) => override.locale === candidate)
      if (row) return { subject: row.subject, html: row.html, text: row.text }
    }
    return defaultParts(template, channel)
  }

  async list(locale?: string): Promise<TemplateView[]> {
    const query = this.db.knex()('notification_template')
    if (locale) query.where('locale', locale)
    const overrides = (await query) as OverrideRow[]
    const views: TemplateView[] = []
    for (const id of TEMPLATE_IDS) {
      for (const channel of CHANNELS) {
        const own = overrides.filter((row) => row.template === id && row.channel === channel)
        for (const row of own) views.push(this.view(id, channel, row.locale, row))
        if (!own.some((row) => row.locale === (locale ?? DEFAULT_LOCALE))) {
          views.push(this.view(id, channel, locale ?? DEFAULT_LOCALE, undefined))
        }
      }
    }
    return views
  }

  async get(id: string, channel: NotificationChannel, locale: string): Promise<TemplateView> {
    const template = checkTemplate(id)
    const row = (await this.db
      .knex()('notification_template')
      .where({ template, channel, locale })
      .first()) as OverrideRow | undefined
    if (row) return this.view(template, channel, locale, row)
    const parts = await this.partsFor(template, channel, locale)
    return { ...this.view(template, channel, locale, undefined), ...this.nullable(parts) }
  }

  /** Stores the merchant's version of a template for a channel and locale; it must compile and render. */
  async override(
    id: string,
    input: { channel: NotificationChannel; locale: string; subject?: string; html?: string; text: string },
  ): Promise<TemplateView> {
    const template = checkTemplate(id)
    if (input.channel === 'email' && (!input.subject || !input.html)) {
      throw new InvalidDataError('An email template needs a subject, an html and a text part')
    }
    const parts: TemplateParts =
      input.channel === 'email'
        ? { subject: input.subject, html: input.html, text: input.text }
        : { text: input.text }
    validateTemplateParts(parts)
    renderMessage(parts, input.channel, DEFAULT_TEMPLATES[template].sample)
    const knex = this.db.knex()
    const row = {
      subject: parts.subject ?? null,
      html: parts.html ?? null,
      text: parts.text,
      updated_at: Date.now(),
    }
    await knex('notification_template')
      .insert({ id: generateId('ntpl'), template, channel: input.channel, locale: input.locale, ...row })
      .onConflict(['template', 'channel', 'locale'])
      .merge(row)
    this.cached.clear()
    return this.get(template, input.channel, input.locale)
  }

  /** Goes back to the default: removes the override (doing it twice changes nothing). */
  async reset(id: string, channel: NotificationChannel, locale: string): Promise<TemplateView> {
    const template = checkTemplate(id)
    await this.db.knex()('notification_template').where({ template, channel, locale }).delete()
    this.cached.clear()
    return this.get(template, channel, locale)
  }

  /** Renders a template (or a draft of it) with the caller's data over the template's sample data. */
  async preview(
    id: string,
    input: {
      channel: NotificationChannel
      locale: string
      data?: Record<string, unknown>
      draft?: TemplateParts
    },
    shop: { name: string; url?: string },
  ): Promise<RenderedMessage> {
    const template = checkTemplate(id)
    if (input.draft) validateTemplateParts(input.draft)
    const parts = input.draft ?? (await this.partsFor(template, input.channel, input.locale))
    return renderMessage(parts, input.channel, {
      ...DEFAULT_TEMPLATES[template].sample,
      ...input.data,
      shop,
      locale: input.locale,
    })
  }

  private nullable(parts: TemplateParts) {
    return { subject: parts.subject ?? null, html: parts.html ?? null, text: parts.text }
  }

  private view(
    id: TemplateId,
    channel: NotificationChannel,
    locale: string,
    row: OverrideRow | undefined,
  ): TemplateView {
    const parts = row ?? defaultParts(id, channel)
    return {
      id,
      description: DEFAULT_TEMPLATES[id].description,
      channel,
      locale,
      overridden: Boolean(row),
      ...this.nullable(parts),
      updated_at: row ? new Date(Number(row.updated_at)).toISOString() : null,
    }
  }
}
