// Payment providers per region: staff list the installed providers (GET /admin/payments/payment-providers,
// as Medusa), choose which a region offers (the region's `payment_providers`), and the Store API
// follows: a provider turned off in a region is neither listed there nor usable to pay there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, seedSmallShop } from '../../testing/shop'
import { TestPaymentProvider, testPaymentPlugin } from '../order/fixtures/test-payment-plugin'

describe('payment providers per region', () => {
  let app: TestApp
  let shop: SmallShop
  let store: Record<string, string>

  beforeAll(async () => {
    app = await createTestApp({ plugins: [testPaymentPlugin(new TestPaymentProvider('whsec_regions'))] })
    shop = await seedSmallShop(app)
    store = shop.store
  })
  afterAll(async () => {
    await app?.close()
  })

  const storeProviders = async (region: string) => {
    const answer = await app.request('GET', `/store/payment-providers?region_id=${region}`, {
      headers: store,
    })
    expect(answer.status).toBe(200)
    return answer.body.payment_providers.map((provider: { id: string }) => provider.id)
  }

  /** A shopper's cart in the region with its payment collection, and a try at paying with `provider`. */
  const startPaying = async (region: string, provider: string) => {
    const cart = (await app.request('POST', '/store/carts', { body: { region_id: region }, headers: store }))
      .body.cart
    await app.request('POST', `/store/carts/${cart.id}/line-items`, {
      body: { variant_id: shop.variant, quantity: 1 },
      headers: store,
    })
    const collection = (
      await app.request('POST', '/store/payment-collections', { body: { cart_id: cart.id }, headers: store })
    ).body.payment_collection
    return app.request('POST', `/store/payment-collections/${collection.id}/payment-sessions`, {
      body: { provider_id: provider },
      headers: store,
    })
  }

  it('lists the installed providers to staff who may read payments, in Medusa’s shape', async () => {
    const listed = await admin(app, 'GET', '/admin/payments/payment-providers')
    expect(listed).toEqual({
      payment_providers: [
        { id: 'pp_system_default', is_enabled: true },
        { id: 'pp_test', is_enabled: true },
      ],
      count: 2,
      offset: 0,
      limit: 50,
    })
    const one = await admin(app, 'GET', '/admin/payments/payment-providers?id=pp_test')
    expect(one.payment_providers).toEqual([{ id: 'pp_test', is_enabled: true }])

    const orders = await app.createStaff('orders')
    expect(
      (await app.request('GET', '/admin/payments/payment-providers', { headers: orders.headers })).status,
    ).toBe(200)
    const catalog = await app.createStaff('catalog')
    const refused = await app.request('GET', '/admin/payments/payment-providers', {
      headers: catalog.headers,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.message).toMatch(/payment:read/)
    expect((await app.request('GET', '/admin/payments/payment-providers')).status).toBe(401)
  })

  it('sorts the installed providers by id either way with Medusa’s `order`, and refuses another field', async () => {
    const ids = async (order: string) =>
      (await admin(app, 'GET', `/admin/payments/payment-providers?order=${order}`)).payment_providers.map(
        (provider: { id: string }) => provider.id,
      )

    expect(await ids('id')).toEqual(['pp_system_default', 'pp_test'])
    expect(await ids('-id')).toEqual(['pp_test', 'pp_system_default'])
    const refused = await adminCall(app, 'GET', '/admin/payments/payment-providers?order=created_at')
    expect(refused.status).toBe(400)
    expect(refused.body.message).toMatch(/order/)
  })

  it('offers every installed provider in a region until a merchant turns one off', async () => {
    const { region } = await admin(app, 'GET', `/admin/regions/${shop.us}`)
    expect(region.payment_providers).toEqual([
      { id: 'pp_system_default', is_enabled: true },
      { id: 'pp_test', is_enabled: true },
    ])
    expect(await storeProviders(shop.us)).toEqual(['pp_system_default', 'pp_test'])
  })

  it('stops listing a provider turned off in a region, and refuses to start paying with it there', async () => {
    // Given the EU region offers only the system provider
    const { region } = await admin(app, 'POST', `/admin/regions/${shop.eu}`, {
      payment_providers: ['pp_system_default'],
    })
    expect(region.payment_providers.map((provider: { id: string }) => provider.id)).toEqual([
      'pp_system_default',
    ])

    // Then the Store lists only it for the EU, and the US still offers both
    expect(await storeProviders(shop.eu)).toEqual(['pp_system_default'])
    expect(await storeProviders(shop.us)).toEqual(['pp_system_default', 'pp_test'])

    // And a shopper in the EU cannot start paying with the provider turned off
    const refused = await startPaying(shop.eu, 'pp_test')
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ type: 'invalid_data' })
    expect(refused.body.message).toMatch(/pp_test is not offered in the cart's region/)
    const euPaying = await startPaying(shop.eu, 'pp_system_default')
    const usPaying = await startPaying(shop.us, 'pp_test')
    expect(euPaying.status).toBe(200)
    expect(usPaying.status).toBe(200)

    // And each cart's payment collection offers its own region's providers
    expect(euPaying.body.payment_collection.payment_providers).toEqual([{ id: 'pp_system_default' }])
    expect(usPaying.body.payment_collection.payment_providers).toEqual([
      { id: 'pp_system_default' },
      { id: 'pp_test' },
    ])

    // When the merchant turns it back on, the EU offers it again
    await admin(app, 'POST', `/admin/regions/${shop.eu}`, {
      payment_providers: ['pp_system_default', 'pp_test'],
    })
    expect(await storeProviders(shop.eu)).toEqual(['pp_system_default', 'pp_test'])
    expect((await startPaying(shop.eu, 'pp_test')).status).toBe(200)
  })

  it('creates a region offering only the providers it names', async () => {
    const { region } = await admin(app, 'POST', '/admin/regions', {
      name: 'Nordics',
      currency_code: 'sek',
      countries: ['se'],
      payment_providers: ['pp_test'],
    })
    expect(region.payment_providers).toEqual([{ id: 'pp_test', is_enabled: true }])
    expect(await storeProviders(region.id)).toEqual(['pp_test'])
    await admin(app, 'DELETE', `/admin/regions/${region.id}`)
    expect(await storeProviders(region.id)).toEqual([])
  })

  it('refuses a provider id nobody installed, and changes nothing', async () => {
    const unknown = await adminCall(app, 'POST', `/admin/regions/${shop.us}`, {
      payment_providers: ['pp_system_default', 'pp_nowhere'],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toMatch(/pp_nowhere/)
    expect(unknown.body.issues).toEqual([{ field: 'payment_providers', message: expect.any(String) }])
    expect(await storeProviders(shop.us)).toEqual(['pp_system_default', 'pp_test'])

    const paying = await startPaying(shop.us, 'pp_nowhere')
    expect(paying.status).toBe(404)
    expect(paying.body.message).toMatch(/pp_nowhere/)
  })

  it('lets only staff who may change regions choose their providers', async () => {
    const catalog = await app.createStaff('catalog')
    const refused = await app.request('POST', `/admin/regions/${shop.us}`, {
      body: { payment_providers: ['pp_test'] },
      headers: catalog.headers,
    })
    expect(refused.status).toBe(403)
    expect(await storeProviders(shop.us)).toEqual(['pp_system_default', 'pp_test'])
  })

  it('lists no providers for a region that does not exist, as Medusa does', async () => {
    expect(await storeProviders('reg_missing')).toEqual([])
  })
})
