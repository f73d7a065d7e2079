// Transactional triggers: order and account events become messages. Each message's idempotency key
// names what it is about (the order, the shipment, the refund), so a redelivered or repeated event
// never sends twice.
import type { AwilixContainer } from 'awilix'
import type { EventMessage, SubscriberDefinition } from '../../infra/events/event-bus'
import { CustomerEventNames, OrderEventNames } from './events'
import type { MarketingService } from './marketing-service'
import type { NotificationService } from './service'
import type { TemplateId } from './templates'

/** What the order messages read from an order (Medusa's order shape). */
export interface NotificationOrder {
  id: string
  email?: string | null
  customer_id?: string | null
  locale?: string | null
  [field: string]: unknown
}

export interface TrackingInfo {
  number: string
  url?: string | null
  carrier?: string | null
}

interface EventData {
  id: string
  [field: string]: unknown
}

interface RetrievingService<T> {
  retrieve(id: string): Promise<T>
}

/**
 * The event's subject, read through the owning module's service when it is installed; an event may
 * also carry the whole record (plugins that emit their own order events do).
 */
async function load<T extends { id: string }>(
  container: AwilixContainer,
  serviceName: string,
  data: EventData,
  complete: (data: EventData) => boolean,
): Promise<T | undefined> {
  if (complete(data)) return data as unknown as T
  if (!container.hasRegistration(serviceName)) return undefined
  return container.resolve<RetrievingService<T>>(serviceName).retrieve(data.id)
}

const loadOrder = (container: AwilixContainer, data: EventData) =>
  load<NotificationOrder>(container, 'orderService', data, (candidate) => typeof candidate.email === 'string')

/** Tracking numbers from the event (a shipment) or else from the order's fulfillment labels. */
export function trackingOf(data: EventData, order: NotificationOrder): TrackingInfo[] {
  const fromLabels = (labels: unknown): TrackingInfo[] =>
    Array.isArray(labels)
      ? labels
          .map((label: Record<string, unknown>) => ({
            number: String(label.tracking_number ?? label.number ?? ''),
            url: (label.tracking_url ?? label.url ?? null) as string | null,
            carrier: (label.carrier ?? null) as string | null,
          }))
          .filter((label) => label.number)
      : []
  const direct = fromLabels(data.tracking ?? data.labels)
  if (direct.length) return direct
  const fulfillments = (order.fulfillments as Array<Record<string, unknown>> | undefined) ?? []
  const shipment =
    fulfillments.find((fulfillment) => fulfillment.id === data.fulfillment_id) ?? fulfillments.at(-1)
  return fromLabels(shipment?.labels)
}

function orderSubscriber(
  container: AwilixContainer,
  id: string,
  event: string,
  template: TemplateId,
  key: (event: EventMessage<EventData>, order: NotificationOrder) => string,
  extra: (event: EventMessage<EventData>, order: NotificationOrder) => Record<string, unknown> = () => ({}),
): SubscriberDefinition<EventData> {
  return {
    id,
    event,
    handler: async (message) => {
      const order = await loadOrder(container, message.data)
      if (!order?.email) return
      await container.resolve<NotificationService>('notificationService').sendTransactional({
        template,
        channel: 'email',
        to: order.email,
        locale: order.locale ?? undefined,
        customer_id: order.customer_id ?? null,
        idempotency_key: key(message, order),
        data: { order, customer: order.customer ?? { email: order.email }, ...extra(message, order) },
      })
    },
  }
}

export function notificationSubscribers(container: AwilixContainer): SubscriberDefinition[] {
  return [
    orderSubscriber(
      container,
      'notification.order-placed',
      OrderEventNames.placed,
      'order_confirmation',
      (_, order) => `order.${order.id}.placed`,
    ),
    orderSubscriber(
      container,
      'notification.order-shipped',
      OrderEventNames.shipmentCreated,
      'order_shipped',
      (message, order) => `order.${order.id}.shipment.${String(message.data.fulfillment_id ?? message.id)}`,
      (message, order) => ({ tracking: trackingOf(message.data, order) }),
    ),
    orderSubscriber(
      container,
      'notification.order-canceled',
      OrderEventNames.canceled,
      'order_canceled',
      (_, order) => `order.${order.id}.canceled`,
    ),
    orderSubscriber(
      container,
      'notification.order-refunded',
      OrderEventNames.refunded,
      'refund_issued',
      (message, order) => `order.${order.id}.refund.${String(message.data.refund_id ?? message.id)}`,
      (message, order) => ({
        refund: {
          amount: message.data.amount ?? (message.data.refund as Record<string, unknown> | undefined)?.amount,
          currency_code: message.data.currency_code ?? order.currency_code,
          reason: message.data.reason ?? null,
          ...(message.data.refund as object),
        },
      }),
    ),
    {
      id: 'notification.customer-welcome',
      event: CustomerEventNames.created,
      handler: async (message: EventMessage<EventData>) => {
        const customer = await load<
          { id: string; email?: string | null; has_account?: boolean } & Record<string, unknown>
        >(container, 'customerService', message.data, (candidate) => typeof candidate.email === 'string')
        if (!customer?.email || customer.has_account === false) return
        if (customer.accepts_marketing === true || customer.marketing_consent === true) {
          await container
            .resolve<MarketingService>('marketingService')
            .setConsent(customer.id, { consented: true, email: customer.email })
        }
        await container.resolve<NotificationService>('notificationService').sendTransactional({
          template: 'welcome',
          channel: 'email',
          to: customer.email,
          customer_id: customer.id,
          idempotency_key: `customer.${customer.id}.welcome`,
          data: { customer },
        })
      },
    },
  ]
}
