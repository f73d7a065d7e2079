// Stock stays right under concurrency: 100 shoppers racing for 10 units reserve exactly 10.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing'
import { InsufficientStockError, type InventoryService } from './service'

describe('inventory', () => {
  let app: TestApp
  let inventory: InventoryService
  let warehouse: string

  beforeAll(async () => {
    app = await createTestApp({ listen: false })
    inventory = app.container.resolve<InventoryService>('inventoryService')
    warehouse = (await inventory.createLocation({ name: 'Warehouse' })).id
  })
  afterAll(() => app.close())

  it('reserves exactly the stock there is when 100 shoppers race for 10 units', async () => {
    await inventory.adjustStock('variant_race', warehouse, 10)
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        app.db.transaction((em) => inventory.reserve(em, 'variant_race', warehouse, 1)),
      ),
    )
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled')
    const lost = attempts.filter((attempt) => attempt.status === 'rejected')
    expect(won).toHaveLength(10)
    for (const attempt of lost)
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientStockError)
    const [level] = await inventory.levels(['variant_race'])
    expect(level).toMatchObject({ stocked_quantity: 10, reserved_quantity: 10, available_quantity: 0 })
  })

  it('rolls a reservation back with its transaction, and releases one', async () => {
    await inventory.adjustStock('variant_rollback', warehouse, 3)
    await expect(
      app.db.transaction(async (em) => {
        await inventory.reserve(em, 'variant_rollback', warehouse, 2)
        throw new Error('payment declined')
      }),
    ).rejects.toThrow('payment declined')
    expect((await inventory.levels(['variant_rollback']))[0]!.reserved_quantity).toBe(0)
    await app.db.transaction((em) => inventory.reserve(em, 'variant_rollback', warehouse, 2))
    await app.db.transaction((em) => inventory.release(em, 'variant_rollback', warehouse, 2))
    expect((await inventory.levels(['variant_rollback']))[0]).toMatchObject({
      reserved_quantity: 0,
      available_quantity: 3,
    })
  })

  it('never removes stock below what is reserved', async () => {
    await inventory.adjustStock('variant_held', warehouse, 5)
    await app.db.transaction((em) => inventory.reserve(em, 'variant_held', warehouse, 4))
    await expect(inventory.adjustStock('variant_held', warehouse, -2)).rejects.toThrow(
      /below the quantity already reserved/,
    )
    expect((await inventory.adjustStock('variant_held', warehouse, -1)).stocked_quantity).toBe(4)
  })
})
