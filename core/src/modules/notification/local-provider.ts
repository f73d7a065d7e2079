// The default provider: sends nothing outside, stores each rendered message in a table that the admin
// UI, developers and tests read. Both channels.
import type { Database } from '../../infra/database'
import { isUniqueViolation } from '../../infra/database'
import { generateId } from '../../infra/ids'
import type { NotificationChannel, NotificationProvider, OutgoingMessage, SentMessage } from './provider'

export const LOCAL_PROVIDER_ID = 'local'

export class LocalNotificationProvider implements NotificationProvider {
  readonly id = LOCAL_PROVIDER_ID
  readonly channels: NotificationChannel[] = ['email', 'sms']

  constructor(private readonly db: () => Database) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const knex = this.db().knex()
    try {
      const id = generateId('nmsg')
      await knex('notification_outbox_message').insert({
        id,
        delivery_id: message.id,
        channel: message.channel,
        recipient: message.to,
        sender: message.from ?? null,
        subject: message.subject ?? null,
        html: message.html ?? null,
        text: message.text,
        created_at: Date.now(),
      })
      return { provider_message_id: id }
    } catch (error) {
      // A retry after the row was written (a lost answer): the message is already in the outbox.
      if (!isUniqueViolation(error)) throw error
      const row = (await knex('notification_outbox_message').where('delivery_id', message.id).first()) as {
        id: string
      }
      return { provider_message_id: row.id }
    }
  }
}
