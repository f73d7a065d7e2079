// A signed-in customer's cart and order belong to them: another signed-in customer gets 404 for
// both, and sees none of them in their own order list. Driven with the Medusa JS SDK, one per shopper.
import Medusa from '@medusajs/js-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestShop, type TestShop } from '../../testing/shop'

describe("a customer's cart and orders", () => {
  let shop: TestShop
  let alice: Medusa
  let mallory: Medusa
  let cartId: string
  let orderId: string

  async function signedUp(email: string): Promise<Medusa> {
    const sdk = new Medusa({
      baseUrl: shop.app.url(),
      publishableKey: shop.key,
      auth: { type: 'jwt', jwtTokenStorageMethod: 'memory' },
    })
    await sdk.auth.register('customer', 'emailpass', { email, password: 'a long password' })
    await sdk.store.customer.create({ email })
    await sdk.auth.login('customer', 'emailpass', { email, password: 'a long password' })
    return sdk
  }

  beforeAll(async () => {
    shop = await openTestShop()
    alice = await signedUp('alice@example.com')
    mallory = await signedUp('mallory@example.com')
    const { cart } = await alice.store.cart.create({ region_id: shop.us })
    cartId = cart.id
    await alice.store.cart.createLineItem(cart.id, { variant_id: shop.shirt.s, quantity: 1 })
    await alice.store.cart.update(cart.id, {
      email: 'alice@example.com',
      shipping_address: { first_name: 'Alice', address_1: '1 Main St', city: 'Austin', country_code: 'us' },
    })
    await alice.store.cart.addShippingMethod(cart.id, { option_id: shop.standardUs })
    const { cart: priced } = await alice.store.cart.retrieve(cart.id)
    await alice.store.payment.initiatePaymentSession(priced, { provider_id: 'pp_system_default' })
    const completed = await alice.store.cart.complete(cart.id)
    expect(completed.type).toBe('order')
    orderId = (completed as { order: { id: string } }).order.id
  })
  afterAll(async () => {
    await shop?.close()
  })

  it('gives the owner their cart and order, tied to their account', async () => {
    const { order } = await alice.store.order.retrieve(orderId)
    expect(order.email).toBe('alice@example.com')
    const { orders } = await alice.store.order.list()
    expect(orders.map((listed) => listed.id)).toEqual([orderId])
  })

  it('answers another customer 404 for the cart and the order, and lists none of them', async () => {
    await expect(mallory.store.cart.retrieve(cartId)).rejects.toMatchObject({ status: 404 })
    await expect(
      mallory.store.cart.createLineItem(cartId, { variant_id: shop.mug.variant, quantity: 1 }),
    ).rejects.toMatchObject({ status: 404 })
    await expect(mallory.store.order.retrieve(orderId)).rejects.toMatchObject({ status: 404 })
    const { orders, count } = await mallory.store.order.list()
    expect(count).toBe(0)
    expect(orders).toEqual([])
  })
})
