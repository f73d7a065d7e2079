// Transactional triggers: order and account events become messages. Each message's idempotency key
// names what it is about (the order, the shipment, the refund event), so a redelivered or repeated
// event never sends twice.
import type { AwilixContainer } from 'awilix'
import type { EventMessage, SubscriberDefinition } from '../../infra/events/event-bus'
import { CustomerEventNames, OrderEventNames } from './events'
import type { NotificationService } from './service'
import type { TemplateId } from './templates'

/** What the order messages read from an order (the order module's OrderView, Medusa's shape). */
export interface NotificationOrder {
  id: string
  email?: string | null
  customer_id?: string | null
  currency_code?: string
  locale?: string | null
  items?: Array<Record<string, unknown>>
  fulfillments?: Array<{ id: string; tracking_numbers?: string[] } & Record<string, unknown>>
  shipping_address?: { first_name?: string | null } | null
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

interface OrderReader {
  retrieveOrder(id: string): Promise<NotificationOrder>
}

/**
 * The order an event is about, read through the order module's service; an event may instead carry
 * the whole order (a plugin that emits order events of its own).
 */
async function loadOrder(
  container: AwilixContainer,
  data: EventData,
): Promise<NotificationOrder | undefined> {
  if (typeof data.email === 'string' && Array.isArray(data.items)) return data as NotificationOrder
  if (!container.hasRegistration('orderService')) return undefined
  return container.resolve<OrderReader>('orderService').retrieveOrder(data.id)
}

/** Line totals for the message (an order line carries unit price and quantity). */
function forMessage(order: NotificationOrder): NotificationOrder {
  const items = (order.items ?? []).map((item) => ({
    ...item,
    total:
      typeof item.total === 'number' ? item.total : Number(item.unit_price ?? 0) * Number(item.quantity ?? 0),
  }))
  return { ...order, items }
}

/** The shipment's tracking numbers: from the event, else from the fulfillment it names. */
export function trackingOf(data: EventData, order: NotificationOrder): TrackingInfo[] {
  const read = (entries: unknown): TrackingInfo[] =>
    Array.isArray(entries)
      ? entries
          .map((entry: unknown) =>
            typeof entry === 'string'
              ? { number: entry, url: null, carrier: null }
              : {
                  number: String((entry as Record<string, unknown>).tracking_number ?? ''),
                  url: ((entry as Record<string, unknown>).tracking_url ?? null) as string | null,
                  carrier: ((entry as Record<string, unknown>).carrier ?? null) as string | null,
                },
          )
          .filter((entry) => entry.number)
      : []
  const fromEvent = read(data.tracking_numbers ?? data.labels)
  if (fromEvent.length) return fromEvent
  const fulfillment = order.fulfillments?.find((candidate) => candidate.id === data.fulfillment_id)
  return read(fulfillment?.tracking_numbers)
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
      const loaded = await loadOrder(container, message.data)
      if (!loaded?.email) return
      const order = forMessage(loaded)
      await container.resolve<NotificationService>('notificationService').sendTransactional({
        template,
        channel: 'email',
        to: loaded.email,
        locale: order.locale ?? undefined,
        customer_id: order.customer_id ?? null,
        idempotency_key: key(message, order),
        data: {
          order,
          customer: { email: loaded.email, first_name: order.shipping_address?.first_name ?? null },
          ...extra(message, order),
        },
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
      // Each refund is its own event: a redelivery keeps the event's id.
      (message, order) => `order.${order.id}.refund.${message.id}`,
      (message, order) => ({
        refund: {
          amount: message.data.amount,
          currency_code: order.currency_code,
          reason: message.data.note ?? (message.data.return_id ? 'Return received' : null),
        },
      }),
    ),
    {
      id: 'notification.customer-welcome',
      event: CustomerEventNames.created,
      // The customer module's event carries the email and names of an account.
      handler: async (message: EventMessage<EventData>) => {
        const customer = message.data
        if (typeof customer.email !== 'string' || customer.has_account === false) return
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
