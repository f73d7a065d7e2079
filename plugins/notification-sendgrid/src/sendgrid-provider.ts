// SendGrid as a Shopwright notification provider: email through the v3 Mail Send API (@sendgrid/mail),
// and delivery status from SendGrid's signed Event Webhook (@sendgrid/eventwebhook).
import { Client } from '@sendgrid/client'
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook'
import { MailService } from '@sendgrid/mail'
import {
  type DeliveryStatusUpdate,
  type NotificationChannel,
  type NotificationProvider,
  type OutgoingMessage,
  PermanentDeliveryError,
  type SentMessage,
  type StatusWebhook,
} from '@shopwright/core'

export interface SendgridOptions {
  apiKey: string
  /** The sender of every email, e.g. `Linen & Co <orders@linen.example>`. */
  from: string
  /** The Event Webhook's verification key (Mail Settings → Event Webhook → Signature Verification). */
  webhookPublicKey?: string
  /** Another API host: SendGrid's EU host, or a local fake in tests. */
  apiBaseUrl?: string
  timeoutMs: number
}

interface SendgridError extends Error {
  code?: number
  response?: { body?: { errors?: Array<{ message?: string; field?: string | null }> } }
}

/** SendGrid's events that change a delivery's status; the others (opens, clicks) are ignored. */
const EVENT_STATUS: Record<string, DeliveryStatusUpdate['status']> = {
  processed: 'sent',
  delivered: 'delivered',
  bounce: 'failed',
  dropped: 'failed',
}

function asPem(key: string): string {
  const trimmed = key.trim()
  if (trimmed.startsWith('-----BEGIN')) return trimmed
  const body =
    trimmed
      .replace(/\s+/g, '')
      .match(/.{1,64}/g)
      ?.join('\n') ?? ''
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`
}

function header(headers: StatusWebhook['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

export class SendgridNotificationProvider implements NotificationProvider {
  readonly id = 'sendgrid'
  readonly channels: NotificationChannel[] = ['email']
  private readonly mail = new MailService()
  private readonly webhook = new EventWebhook()

  constructor(private readonly options: SendgridOptions) {
    const client = new Client()
    client.setApiKey(options.apiKey)
    // setApiKey sets the host, so another host is set after it.
    if (options.apiBaseUrl) client.setDefaultRequest('baseUrl', options.apiBaseUrl)
    this.mail.setClient(client)
    this.mail.setTimeout(options.timeoutMs)
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    try {
      const [response] = await this.mail.send({
        to: message.to,
        from: message.from ?? this.options.from,
        subject: message.subject ?? '',
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        customArgs: { shopwright_delivery_id: message.id },
      })
      const messageId = response.headers['x-message-id'] as string | undefined
      return { provider_message_id: messageId ?? message.id }
    } catch (error) {
      throw this.translate(error as SendgridError)
    }
  }

  /** 400 and 413 (the message itself is wrong) and 401/403 (the key is refused) are not retried; 429 and 5xx are. */
  private translate(error: SendgridError): Error {
    const status = error.code
    if (typeof status !== 'number') return error
    const details = (error.response?.body?.errors ?? [])
      .map((entry) => (entry.field ? `${entry.field}: ${entry.message}` : entry.message))
      .join('; ')
    const text = `SendGrid answered ${status}${details ? `: ${details}` : ''}`
    if (status === 400 || status === 413) return new PermanentDeliveryError(text)
    if (status === 401 || status === 403) {
      return new PermanentDeliveryError(`${text} (check the plugin's apiKey)`)
    }
    return new Error(text)
  }

  async parseStatusWebhook(webhook: StatusWebhook): Promise<DeliveryStatusUpdate[]> {
    if (!this.options.webhookPublicKey) throw new Error('No webhookPublicKey is configured for SendGrid')
    const signature = header(webhook.headers, EventWebhookHeader.SIGNATURE())
    const timestamp = header(webhook.headers, EventWebhookHeader.TIMESTAMP())
    if (!signature || !timestamp) throw new Error('The SendGrid signature headers are missing')
    let valid = false
    try {
      const key = this.webhook.convertPublicKeyToECDSA(asPem(this.options.webhookPublicKey))
      valid = this.webhook.verifySignature(key, webhook.rawBody, signature, timestamp)
    } catch {
      valid = false
    }
    if (!valid) throw new Error('The SendGrid event webhook signature is not valid')
    const events = JSON.parse(webhook.rawBody.toString('utf-8')) as Array<Record<string, unknown>>
    if (!Array.isArray(events)) return []
    return events.flatMap((event) => {
      const status = EVENT_STATUS[String(event.event)]
      const messageId =
        typeof event.sg_message_id === 'string' ? event.sg_message_id.split('.')[0] : undefined
      if (!status || !messageId) return []
      const reason = typeof event.reason === 'string' ? event.reason : undefined
      return [
        {
          provider_message_id: messageId,
          status,
          ...(status === 'failed' && reason ? { error: reason } : {}),
        },
      ]
    })
  }
}
