// Sales channels and publishable keys.
import { randomBytes } from 'node:crypto'
import {
  forgetPublishableKeys,
  type PublishableKeyResolver,
  type PublishableKeyScope,
} from '../../http/publishable-key'
import { type Database, knexOf } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { NotFoundError } from '../../kernel/errors'
import { PublishableKey, PublishableKeyChannel, SalesChannel } from './entities'
import { SalesChannelEvents } from './events'

export interface SalesChannelInput {
  name: string
  description?: string | null
  is_disabled?: boolean
}

type SalesChannelRow = {
  id: string
  name: string
  description?: string | null
  is_disabled: boolean
  created_at: Date
  updated_at: Date
}

function channelView(channel: SalesChannelRow) {
  return {
    id: channel.id,
    name: channel.name,
    description: channel.description ?? null,
    is_disabled: channel.is_disabled,
    created_at: channel.created_at.toISOString(),
    updated_at: channel.updated_at.toISOString(),
  }
}

export class SalesChannelService implements PublishableKeyResolver {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async createSalesChannel(input: SalesChannelInput) {
    return this.db
      .transaction(async (em) => {
        const channel = em.create(SalesChannel, {
          id: generateId('sc'),
          name: input.name,
          description: input.description ?? null,
          is_disabled: input.is_disabled ?? false,
        })
        this.events.emit(em, SalesChannelEvents.created, { id: channel.id })
        return channel
      })
      .then(channelView)
  }

  async listSalesChannels(page: { limit: number; offset: number }) {
    const [sales_channels, count] = await this.db
      .em()
      .findAndCount(
        SalesChannel,
        {},
        { limit: page.limit, offset: page.offset, orderBy: { created_at: 'asc' } },
      )
    return { sales_channels: sales_channels.map(channelView), count, ...page }
  }

  /** A new publishable key for the given channels; its token is what a storefront sends. */
  async createPublishableKey(input: { title: string; sales_channel_ids: string[] }) {
    return this.db.transaction(async (em) => {
      const channels = await em.find(SalesChannel, { id: { $in: input.sales_channel_ids } })
      const missing = input.sales_channel_ids.filter((id) => !channels.some((channel) => channel.id === id))
      if (missing.length) throw new NotFoundError(`Sales channels not found: ${missing.join(', ')}`)
      const key = em.create(PublishableKey, {
        id: generateId('apk'),
        token: `pk_${randomBytes(24).toString('hex')}`,
        title: input.title,
        revoked_at: null,
      })
      for (const channel of channels) {
        em.create(PublishableKeyChannel, { publishable_key_id: key.id, sales_channel_id: channel.id })
      }
      this.events.emit(em, SalesChannelEvents.publishableKeyCreated, { id: key.id })
      return { ...key, sales_channel_ids: channels.map((channel) => channel.id) }
    })
  }

  async revokePublishableKey(id: string) {
    await this.db.transaction(async (em) => {
      const key = await em.findOne(PublishableKey, { id })
      if (!key) throw new NotFoundError(`Publishable key with id ${id} was not found`)
      key.revoked_at = new Date()
      this.events.emit(em, SalesChannelEvents.publishableKeyRevoked, { id })
    })
    forgetPublishableKeys()
  }

  /** The oldest key that is not revoked: what `shopwright start` gives the starter storefront. */
  async firstActivePublishableKey(): Promise<string | undefined> {
    const key = await this.db
      .em()
      .findOne(PublishableKey, { revoked_at: null }, { orderBy: { created_at: 'asc', id: 'asc' } })
    return key?.token
  }

  async resolvePublishableKey(token: string): Promise<PublishableKeyScope | undefined> {
    const knex = knexOf(this.db.em())
    const key = (await knex('publishable_key')
      .select('id')
      .where({ token })
      .whereNull('revoked_at')
      .first()) as { id: string } | undefined
    if (!key) return undefined
    const links = (await knex('publishable_key_sales_channel as link')
      .join('sales_channel as channel', 'channel.id', 'link.sales_channel_id')
      .where({ 'link.publishable_key_id': key.id, 'channel.is_disabled': false })
      .select('link.sales_channel_id')) as Array<{ sales_channel_id: string }>
    return { id: key.id, sales_channel_ids: links.map((link) => link.sales_channel_id) }
  }
}
