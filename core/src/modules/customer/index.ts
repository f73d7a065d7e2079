// The customer module: customers, their addresses, and customer groups.
import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { definePlugin } from '../../kernel/plugin'
import { adminCustomerRoutes } from './admin-routes'
import { Customer, CustomerAddress, CustomerGroup, CustomerGroupMember } from './entities'
import { migrations } from './migrations'
import { CustomerService } from './service'
import { storeCustomerRoutes } from './store-routes'

export const customerModule = definePlugin({
  name: 'core.customer',
  entities: [Customer, CustomerAddress, CustomerGroup, CustomerGroupMember],
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      customerService: asFunction(({ db, events }) => new CustomerService(db, events)).singleton(),
    })
    ctx.addRoutes(...storeCustomerRoutes, ...adminCustomerRoutes)
  },
})
