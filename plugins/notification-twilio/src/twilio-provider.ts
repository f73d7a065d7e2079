// Twilio as a Shopwright notification provider: SMS through the Messages API (the twilio SDK), and
// delivery status from Twilio's status callbacks, checked with X-Twilio-Signature.
import {
  type DeliveryStatusUpdate,
  type NotificationChannel,
  type NotificationProvider,
  type OutgoingMessage,
  PermanentDeliveryError,
  type SentMessage,
  type StatusWebhook,
} from '@shopwright/core'
import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient'

export interface TwilioOptions {
  accountSid: string
  authToken: string
  /** The sender: a Twilio number in E.164 form … */
  from?: string
  /** … or a Messaging Service. */
  messagingServiceSid?: string
  /** The public URL of POST /hooks/notifications/twilio: Twilio calls it and signs it. */
  statusCallbackUrl?: string
  /** Another API origin than api.twilio.com: a proxy, or a local fake in tests. */
  apiBaseUrl?: string
  timeoutMs: number
}

/** The SDK's own HTTP client, sending to another origin: Twilio's documented way to customise transport. */
class ForwardingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly origin: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs })
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri)
    return super.request<TData>({
      ...options,
      uri: new URL(`${target.pathname}${target.search}`, this.origin).href,
    })
  }
}

const CALLBACK_STATUS: Record<string, DeliveryStatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
}

interface TwilioError extends Error {
  status?: number
  code?: number
}

export class TwilioNotificationProvider implements NotificationProvider {
  readonly id = 'twilio'
  readonly channels: NotificationChannel[] = ['sms']
  private readonly client: ReturnType<typeof twilio>

  constructor(private readonly options: TwilioOptions) {
    this.client = twilio(options.accountSid, options.authToken, {
      timeout: options.timeoutMs,
      ...(options.apiBaseUrl
        ? { httpClient: new ForwardingRequestClient(options.apiBaseUrl, options.timeoutMs) }
        : {}),
    })
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    try {
      const sent = await this.client.messages.create({
        to: message.to,
        body: message.text,
        ...(this.options.messagingServiceSid
          ? { messagingServiceSid: this.options.messagingServiceSid }
          : { from: message.from ?? this.options.from }),
        ...(this.options.statusCallbackUrl ? { statusCallback: this.options.statusCallbackUrl } : {}),
      })
      return { provider_message_id: sent.sid }
    } catch (error) {
      throw this.translate(error as TwilioError)
    }
  }

  /** A 4xx about the message (an invalid 'To' number, 21211) is permanent; 429, 5xx and timeouts are retried. */
  private translate(error: TwilioError): Error {
    const status = error.status
    if (typeof status !== 'number') return error
    const text = `Twilio answered ${status}${error.code ? ` (error ${error.code})` : ''}: ${error.message}`
    if (status === 429 || status >= 500) return new Error(text)
    if (status === 401 || status === 403)
      return new PermanentDeliveryError(`${text} (check accountSid and authToken)`)
    return new PermanentDeliveryError(text)
  }

  async parseStatusWebhook(webhook: StatusWebhook): Promise<DeliveryStatusUpdate[]> {
    const signature = webhook.headers['x-twilio-signature']
    const params = Object.fromEntries(new URLSearchParams(webhook.rawBody.toString('utf-8')))
    const url = this.options.statusCallbackUrl ?? webhook.url
    if (
      typeof signature !== 'string' ||
      !twilio.validateRequest(this.options.authToken, signature, url, params)
    ) {
      throw new Error('The X-Twilio-Signature is not valid')
    }
    const status = CALLBACK_STATUS[params.MessageStatus ?? '']
    if (!status || !params.MessageSid) return []
    return [
      {
        provider_message_id: params.MessageSid,
        status,
        ...(status === 'failed' ? { error: `Twilio error ${params.ErrorCode ?? 'unknown'}` } : {}),
      },
    ]
  }
}
