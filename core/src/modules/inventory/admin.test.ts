// Stock through the Admin API: locations, incoming stock, levels listed by variant and location, and
// a location that still holds stock cannot be deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { addStock, admin, adminCall, stockLocation } from '../../testing/shop'

describe('inventory through the Admin API', () => {
  let app: TestApp
  let north: string
  let south: string

  beforeAll(async () => {
    app = await createTestApp()
    north = await stockLocation(app, 'North')
    south = await stockLocation(app, 'South')
    await addStock(app, north, 'variant_a', 5)
    await addStock(app, north, 'variant_b', 2)
    await addStock(app, south, 'variant_a', 7)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('records incoming stock beside what is stocked and reserved', async () => {
    const { inventory_level } = await admin(app, 'POST', '/admin/inventory/incoming', {
      variant_id: 'variant_a',
      location_id: north,
      incoming_quantity: 40,
    })
    expect(inventory_level).toMatchObject({
      stocked_quantity: 5,
      reserved_quantity: 0,
      incoming_quantity: 40,
      available_quantity: 5,
    })
    const fresh = await admin(app, 'POST', '/admin/inventory/incoming', {
      variant_id: 'variant_c',
      location_id: south,
      incoming_quantity: 12,
    })
    expect(fresh.inventory_level).toMatchObject({ stocked_quantity: 0, incoming_quantity: 12 })
    const negative = await adminCall(app, 'POST', '/admin/inventory/incoming', {
      variant_id: 'variant_a',
      location_id: north,
      incoming_quantity: -1,
    })
    expect(negative.status).toBe(400)
  })

  it('lists levels by variant, by location, or both, a page at a time', async () => {
    const atNorth = await admin(app, 'GET', `/admin/inventory/levels?location_id=${north}`)
    expect(atNorth.inventory_levels.map((level: { variant_id: string }) => level.variant_id)).toEqual([
      'variant_a',
      'variant_b',
    ])
    const ofA = await admin(app, 'GET', '/admin/inventory/levels?variant_id=variant_a&limit=1')
    expect([ofA.count, ofA.inventory_levels.length]).toEqual([2, 1])
    const both = await admin(app, 'GET', `/admin/inventory/levels?variant_id=variant_a&location_id=${south}`)
    expect(both.inventory_levels).toEqual([
      expect.objectContaining({ stocked_quantity: 7, location_id: south }),
    ])
  })

  it('renames and lists locations, refuses to delete one holding stock (409), deletes an empty one', async () => {
    await admin(app, 'POST', `/admin/stock-locations/${south}`, { name: 'South depot' })
    expect(
      (await admin(app, 'GET', '/admin/stock-locations?name=South%20depot')).stock_locations,
    ).toHaveLength(1)
    const refused = await adminCall(app, 'DELETE', `/admin/stock-locations/${south}`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('still holds stock')
    const empty = (await admin(app, 'POST', '/admin/stock-locations', { name: 'Empty' })).stock_location.id
    await admin(app, 'DELETE', `/admin/stock-locations/${empty}`)
    expect((await adminCall(app, 'GET', `/admin/stock-locations/${empty}`)).status).toBe(404)
  })
})
