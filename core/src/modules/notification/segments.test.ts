// Campaign segments answered by the modules that own the data: a customer group (customer module),
// buyers of a product or of a category and customers inactive for N days (order module). Only
// consenting customers in the segment get the offer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestApp } from '../../testing'
import { openTestShop, readyCart, type TestShop } from '../../testing/shop'
import type { CartService } from '../cart/service'
import type { CustomerService } from '../customer/service'
import type { CartCompletion } from '../order/completion'
import type { MarketingService, Segment } from './marketing-service'
import type { NotificationService } from './service'

describe('campaign segments', () => {
  let shop: TestShop
  let app: TestApp
  let marketing: MarketingService

  /** A customer with an account who agreed to marketing. */
  async function consentingCustomer(email: string, first_name?: string): Promise<string> {
    const customers = app.container.resolve<CustomerService>('customerService')
    const { id } = await customers.createAccount({ email, first_name })
    await marketing.setConsent(id, { consented: true, email })
    return id
  }

  /** The customer checks out one shirt. */
  async function buyShirt(customerId: string, email: string): Promise<void> {
    const cart = await readyCart(app, shop.northAmerica, {
      email,
      items: [{ variant_id: shop.shirt.s, quantity: 1 }],
    })
    await app.container.resolve<CartService>('cartService').setCustomer(cart.id, customerId)
    const result = await app.container
      .resolve<CartCompletion>('cartCompletion')
      .completeCart(cart.id, { customerId })
    expect(result.type).toBe('order')
  }

  /** Sends a campaign to the segment; the addresses it reached once every message is out. */
  async function reached(segment: Segment): Promise<string[]> {
    const campaign = await marketing.createCampaign({ name: segment.type, segment })
    await marketing.sendCampaign(campaign.id)
    await eventually(async () => {
      const now = await marketing.getCampaign(campaign.id)
      return now.status === 'queued' && now.progress.queued === 0
    })
    const { deliveries } = await app.container
      .resolve<NotificationService>('notificationService')
      .listDeliveries({ campaign_id: campaign.id, limit: 1000, offset: 0 })
    return deliveries.map((delivery) => delivery.recipient).sort()
  }

  beforeAll(async () => {
    shop = await openTestShop()
    app = shop.app
    marketing = app.container.resolve('marketingService')
  }, 60_000)
  afterAll(() => shop?.close())

  it('reaches a customer who agreed without naming an address at their account email', async () => {
    const customers = app.container.resolve<CustomerService>('customerService')
    const { id } = await customers.createAccount({ email: 'no-address@example.com' })
    await marketing.setConsent(id, { consented: true })
    expect(await marketing.consent(id)).toMatchObject({ consented: true, email: 'no-address@example.com' })
    const group = await customers.createGroup({ name: 'Said yes in the shop' }, null)
    await customers.changeGroupMembers(group.id, { add: [id] })
    expect(await reached({ type: 'customer_group', customer_group_id: group.id })).toEqual([
      'no-address@example.com',
    ])
  })

  it('reaches only the members of a customer group', async () => {
    const customers = app.container.resolve<CustomerService>('customerService')
    const vip = await consentingCustomer('vip@example.com', 'Vera')
    await consentingCustomer('regular@example.com')
    const group = await customers.createGroup({ name: 'VIP' }, null)
    await customers.changeGroupMembers(group.id, { add: [vip] })
    expect(await reached({ type: 'customer_group', customer_group_id: group.id })).toEqual([
      'vip@example.com',
    ])
    const { messages } = await app.container
      .resolve<NotificationService>('notificationService')
      .listOutbox({ recipient: 'vip@example.com', limit: 10, offset: 0 })
    const offer = messages.find((message) => message.subject?.includes('A little something'))
    expect(offer?.text).toContain('Hi Vera,')
  })

  it('reaches the buyers of a product and of its category, and leaves them out of the inactive', async () => {
    const buyer = await consentingCustomer('buyer@example.com')
    await consentingCustomer('browser@example.com')
    await buyShirt(buyer, 'buyer@example.com')
    expect(await reached({ type: 'product_buyers', product_ids: [shop.shirt.product] })).toEqual([
      'buyer@example.com',
    ])
    expect(await reached({ type: 'category_buyers', category_ids: [shop.tops] })).toEqual([
      'buyer@example.com',
    ])
    const inactive = await reached({ type: 'inactive', days: 30 })
    expect(inactive).toContain('browser@example.com')
    expect(inactive).not.toContain('buyer@example.com')
  })
})
