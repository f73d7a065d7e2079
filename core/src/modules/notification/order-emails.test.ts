// Order emails from the real order module: placing an order through the Store API puts
// exactly one confirmation in the outbox even when order.placed is delivered again, and
// shipping it sends the shipped email with the tracking number; a new account gets one welcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, type TestApp } from '../../testing'
import { openTestShop, placeOrder as placeOrderIn, type TestShop } from '../../testing/shop'
import type { CustomerService } from '../customer/service'
import type { OrderService } from '../order/service'
import type { NotificationService } from './service'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('order emails', () => {
  let app: TestApp
  let shop: TestShop
  let notifications: NotificationService

  const emailsTo = async (recipient: string, template: string) =>
    (await notifications.listDeliveries({ recipient, template, limit: 50, offset: 0 })).deliveries
  const outboxFor = async (recipient: string) =>
    (await notifications.listOutbox({ recipient, limit: 50, offset: 0 })).messages

  /** A guest checks out two shirts with the built-in payment provider. */
  async function placeOrder(email: string): Promise<string> {
    const items = [{ variant_id: shop.shirt.m, quantity: 2 }]
    return (await placeOrderIn<{ id: string }>(app, shop.northAmerica, { email, items })).id
  }

  beforeAll(async () => {
    shop = await openTestShop()
    app = shop.app
    notifications = app.container.resolve('notificationService')
  }, 120_000)
  afterAll(() => shop?.close())

  it('sends exactly one confirmation for a placed order, even when order.placed is delivered twice', async () => {
    const orderId = await placeOrder('buyer@example.com')
    const [message] = await eventually(async () => {
      const messages = await outboxFor('buyer@example.com')
      return messages.length ? messages : undefined
    })
    const event = (await app.db.knex()('event_outbox').where({ name: 'order.placed' }).first()) as {
      id: string
    }
    await app.jobs.enqueue([
      {
        name: 'event.deliver',
        data: { event_id: event.id, subscriber: 'notification.order-placed' },
        options: { key: `again.${event.id}` },
      },
    ])
    await sleep(500)
    expect(await outboxFor('buyer@example.com')).toHaveLength(1)
    expect(await emailsTo('buyer@example.com', 'order_confirmation')).toHaveLength(1)
    const order = await app.container.resolve<OrderService>('orderService').retrieveOrder(orderId)
    expect(message!.subject).toContain(`order #${order.display_id} is confirmed`)
    expect(message!.html).toContain(order.items[0]!.title)
  })

  it('sends the shipped email with the tracking number', async () => {
    const orderId = await placeOrder('shipped-buyer@example.com')
    const orders = app.container.resolve<OrderService>('orderService')
    const fulfilled = await orders.createFulfillment(orderId)
    await orders.createShipment(orderId, fulfilled.fulfillments[0]!.id, ['1Z999AA10123456784'])
    const shipped = await eventually(async () => {
      const messages = (await outboxFor('shipped-buyer@example.com')).filter((m) =>
        m.subject?.includes('on its way'),
      )
      return messages.length ? messages : undefined
    })
    expect(shipped).toHaveLength(1)
    expect(shipped[0]!.html).toContain('1Z999AA10123456784')
    expect(shipped[0]!.text).toContain('tracking number: 1Z999AA10123456784')
  })
})

describe('account emails', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(() => app?.close())

  it('welcomes a customer who creates an account, once', async () => {
    const customers = app.container.resolve<CustomerService>('customerService')
    const { id } = await customers.createAccount({ email: 'new@example.com', first_name: 'Grace' })
    const notifications = app.container.resolve<NotificationService>('notificationService')
    const [welcome] = await eventually(async () => {
      const { messages } = await notifications.listOutbox({
        recipient: 'new@example.com',
        limit: 10,
        offset: 0,
      })
      return messages.length ? messages : undefined
    })
    expect(welcome!.subject).toBe('Welcome to Shopwright')
    expect(welcome!.text).toContain('Hi Grace,')
    const { deliveries } = await notifications.listDeliveries({
      recipient: 'new@example.com',
      limit: 10,
      offset: 0,
    })
    expect(deliveries).toMatchObject([{ template: 'welcome', customer_id: id, status: 'sent' }])
  })
})
