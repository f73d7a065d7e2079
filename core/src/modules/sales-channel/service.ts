// Sales channels and publishable keys.
import { randomBytes } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/knex'
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

  async listSalesChannels(query: {
    limit: number
    offset: number
    id?: string[]
    name?: string[]
    is_disabled?: boolean
  }) {
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.name) where.name = { $in: query.name }
    if (query.is_disabled !== undefined) where.is_disabled = query.is_disabled
    const [sales_channels, count] = await this.db.em().findAndCount(SalesChannel, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    return {
      sales_channels: sales_channels.map(channelView),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  async retrieveSalesChannel(id: string) {
    const channel = await this.db.em().findOne(SalesChannel, { id })
    if (!channel) throw new NotFoundError(`Sales channel with id: ${id} was not found`)
    return channelView(channel)
  }

  async updateSalesChannel(id: string, input: Partial<SalesChannelInput>) {
    const updated = await this.db.transaction(async (em) => {
      const channel = await em.findOne(SalesChannel, { id })
      if (!channel) throw new NotFoundError(`Sales channel with id: ${id} was not found`)
      em.assign(channel, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)))
      this.events.emit(em, SalesChannelEvents.updated, { id })
      return channel
    })
    // A disabled channel stops showing through its keys at once.
    forgetPublishableKeys()
    return channelView(updated)
  }

  /** Deletes a channel; its keys no longer show it (the product module drops its products' links). */
  async deleteSalesChannel(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const channel = await em.findOne(SalesChannel, { id })
      if (!channel) throw new NotFoundError(`Sales channel with id: ${id} was not found`)
      await em.nativeDelete(PublishableKeyChannel, { sales_channel_id: id })
      em.remove(channel)
      this.events.emit(em, SalesChannelEvents.deleted, { id })
    })
    forgetPublishableKeys()
  }

  async listPublishableKeys(query: { limit: number; offset: number; id?: string[]; revoked?: boolean }) {
    const em = this.db.em()
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.revoked !== undefined) where.revoked_at = query.revoked ? { $ne: null } : null
    const [keys, count] = await em.findAndCount(PublishableKey, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'asc', id: 'asc' },
    })
    const links = keys.length
      ? await em.find(PublishableKeyChannel, { publishable_key_id: { $in: keys.map((key) => key.id) } })
      : []
    return {
      publishable_keys: keys.map((key) => ({
        id: key.id,
        token: key.token,
        title: key.title,
        revoked_at: key.revoked_at?.toISOString() ?? null,
        created_at: key.created_at.toISOString(),
        sales_channel_ids: links
          .filter((link) => link.publishable_key_id === key.id)
          .map((link) => link.sales_channel_id),
      })),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  async retrievePublishableKey(id: string) {
    const { publishable_keys } = await this.listPublishableKeys({ id: [id], limit: 1, offset: 0 })
    if (!publishable_keys[0]) throw new NotFoundError(`Publishable key with id ${id} was not found`)
    return publishable_keys[0]
  }

  /** Renames a key or gives it another set of channels. */
  async updatePublishableKey(id: string, input: { title?: string; sales_channel_ids?: string[] }) {
    await this.db.transaction(async (em) => {
      const key = await em.findOne(PublishableKey, { id })
      if (!key) throw new NotFoundError(`Publishable key with id ${id} was not found`)
      if (input.title) key.title = input.title
      if (input.sales_channel_ids) {
        await this.assertChannels(em, input.sales_channel_ids)
        await em.nativeDelete(PublishableKeyChannel, { publishable_key_id: id })
        for (const sales_channel_id of new Set(input.sales_channel_ids))
          em.create(PublishableKeyChannel, { publishable_key_id: id, sales_channel_id })
      }
      this.events.emit(em, SalesChannelEvents.publishableKeyUpdated, { id })
    })
    forgetPublishableKeys()
    return this.retrievePublishableKey(id)
  }

  async deletePublishableKey(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const key = await em.findOne(PublishableKey, { id })
      if (!key) throw new NotFoundError(`Publishable key with id ${id} was not found`)
      await em.nativeDelete(PublishableKeyChannel, { publishable_key_id: id })
      em.remove(key)
      this.events.emit(em, SalesChannelEvents.publishableKeyDeleted, { id })
    })
    forgetPublishableKeys()
  }

  /** Refuses ids of channels that do not exist. */
  async assertChannels(em: EntityManager | undefined, ids: string[]): Promise<void> {
    if (!ids.length) return
    const found = await (em ?? this.db.em()).find(SalesChannel, { id: { $in: ids } }, { fields: ['id'] })
    const missing = ids.filter((id) => !found.some((channel) => channel.id === id))
    if (missing.length) throw new NotFoundError(`Sales channels not found: ${missing.join(', ')}`)
  }

  /** A new publishable key for the given channels; its token is what a storefront sends. */
  async createPublishableKey(input: { title: string; sales_channel_ids: string[] }) {
    return this.db.transaction(async (em) => {
      await this.assertChannels(em, input.sales_channel_ids)
      const channels = await em.find(SalesChannel, { id: { $in: input.sales_channel_ids } })
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
