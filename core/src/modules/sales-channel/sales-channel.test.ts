// Sales channels decide what a publishable key shows: products join and leave channels, a disabled or
// deleted channel shows nothing, and a key can be pointed at other channels or deleted.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../testing'
import { admin, adminCall, type SmallShop, withSmallShop } from '../../testing/shop'

describe('sales channels and publishable keys', () => {
  let app: TestApp
  let shop: SmallShop

  const visible = async (key: string) => {
    const response = await app.request('GET', '/store/products', {
      headers: { 'x-publishable-api-key': key },
    })
    return response.status === 200
      ? response.body.products.map((product: { id: string }) => product.id)
      : response.status
  }
  const newChannel = async (name: string) =>
    (await admin(app, 'POST', '/admin/sales-channels', { name })).sales_channel.id as string
  const newKey = async (channel: string) =>
    (await admin(app, 'POST', '/admin/publishable-keys', { title: 'Key', sales_channel_ids: [channel] }))
      .publishable_key

  withSmallShop((given) => {
    app = given.app
    shop = given.shop
  })

  it('shows a product in a channel once added, and not once removed', async () => {
    const stall = await newChannel('Market stall')
    const key = (await newKey(stall)).token
    expect(await visible(key)).toEqual([])
    await admin(app, 'POST', `/admin/sales-channels/${stall}/products`, { add: [shop.product] })
    expect(await visible(key)).toEqual([shop.product])
    await admin(app, 'POST', `/admin/sales-channels/${stall}/products`, { remove: [shop.product] })
    expect(await visible(key)).toEqual([])
    const unknown = await adminCall(app, 'POST', `/admin/sales-channels/${stall}/products`, {
      add: ['prod_ghost'],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toContain('prod_ghost')
  })

  it('shows nothing through a disabled channel, and its products again once enabled', async () => {
    const popup = await newChannel('Pop-up')
    const key = (await newKey(popup)).token
    await admin(app, 'POST', `/admin/sales-channels/${popup}/products`, { add: [shop.product] })
    await admin(app, 'POST', `/admin/sales-channels/${popup}`, { is_disabled: true })
    expect(await visible(key)).toEqual([])
    expect(
      (await admin(app, 'GET', '/admin/sales-channels?is_disabled=true')).sales_channels.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([popup])
    await admin(app, 'POST', `/admin/sales-channels/${popup}`, { is_disabled: false, name: 'Summer pop-up' })
    expect(await visible(key)).toEqual([shop.product])
    expect((await admin(app, 'GET', `/admin/sales-channels/${popup}`)).sales_channel.name).toBe(
      'Summer pop-up',
    )
  })

  it('deletes a channel: its products leave it and its keys show nothing', async () => {
    const outlet = await newChannel('Outlet')
    const key = (await newKey(outlet)).token
    await admin(app, 'POST', `/admin/sales-channels/${outlet}/products`, { add: [shop.product] })
    await admin(app, 'DELETE', `/admin/sales-channels/${outlet}`)
    expect(await visible(key)).toEqual([])
    expect((await adminCall(app, 'GET', `/admin/sales-channels/${outlet}`)).status).toBe(404)
    expect(await visible(shop.key)).toEqual([shop.product])
  })

  it('points a key at other channels, lists keys, and refuses a deleted key (400)', async () => {
    const empty = await newChannel('Empty')
    const key = await newKey(empty)
    expect(await visible(key.token)).toEqual([])
    const moved = await admin(app, 'POST', `/admin/publishable-keys/${key.id}`, {
      title: 'Web too',
      sales_channel_ids: [shop.channel],
    })
    expect(moved.publishable_key).toMatchObject({
      title: 'Web too',
      sales_channel_ids: [shop.channel],
      revoked_at: null,
    })
    expect(await visible(key.token)).toEqual([shop.product])
    const listed = await admin(app, 'GET', `/admin/publishable-keys?id=${key.id}`)
    expect(listed.publishable_keys.map((listedKey: { token: string }) => listedKey.token)).toEqual([
      key.token,
    ])

    const bad = await adminCall(app, 'POST', `/admin/publishable-keys/${key.id}`, {
      sales_channel_ids: ['sc_ghost'],
    })
    expect(bad.status).toBe(404)
    expect(bad.body.message).toContain('sc_ghost')

    await admin(app, 'DELETE', `/admin/publishable-keys/${key.id}`)
    expect(await visible(key.token)).toBe(400)
  })
})
