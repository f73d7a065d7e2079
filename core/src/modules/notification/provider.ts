// The notification contract: what every delivery provider (the local outbox, SendGrid, Twilio, …)
// implements. A provider sends one rendered message on one channel and may parse its delivery-status
// webhooks.
import type { Provider } from '../../kernel/providers'

export type NotificationChannel = 'email' | 'sms'

export interface OutgoingMessage {
  /** Core's delivery id: stable across retries, passed on where the provider takes one. */
  id: string
  channel: NotificationChannel
  /** An email address or an E.164 phone number. */
  to: string
  from?: string
  subject?: string
  html?: string
  text: string
  /** Extra email headers, e.g. List-Unsubscribe on marketing messages (providers that cannot set headers ignore them). */
  headers?: Record<string, string>
}

export interface SentMessage {
  provider_message_id: string
}

export type DeliveryStatus = 'sent' | 'delivered' | 'failed'

export interface DeliveryStatusUpdate {
  provider_message_id: string
  status: DeliveryStatus
  error?: string
}

export interface StatusWebhook {
  /** The exact bytes received: signatures are checked over them. */
  rawBody: Buffer
  headers: Record<string, string | string[] | undefined>
  /** The full URL the provider called (Twilio signs it). */
  url: string
}

export interface NotificationProvider extends Provider {
  readonly id: string
  readonly channels: NotificationChannel[]
  /** Throws PermanentDeliveryError when retrying cannot help; any other error is retried with backoff. */
  send(message: OutgoingMessage): Promise<SentMessage>
  /** Verifies the signature (throws when it is wrong) and reads the status updates. */
  parseStatusWebhook?(webhook: StatusWebhook): Promise<DeliveryStatusUpdate[]>
}

/** The provider refused the message for good (an invalid number, a rejected address): not retried. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError'
}
