import { fileURLToPath } from 'node:url'
import { asFunction } from 'awilix'
import { NotFoundError } from '../../kernel/errors'
import { definePlugin } from '../../kernel/plugin'
import type { CustomerService } from '../customer/service'
import type { PaymentService } from '../payment/service'
import { cartEntities } from './entities'
import { migrations } from './migrations'
import { CartService, type CartServiceDeps } from './service'
import { cartStoreRoutes } from './store-routes'

export const cartModule = definePlugin({
  name: 'core.cart',
  entities: cartEntities,
  migrations,
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(ctx) {
    ctx.container.register({
      cartService: asFunction((deps: CartServiceDeps) => {
        const carts = new CartService(deps)
        // The cart shows its payment collection once the payment module has made one.
        if (ctx.container.hasRegistration('paymentService')) {
          const payments = () => ctx.container.resolve<PaymentService>('paymentService')
          carts.usePaymentCollections((cart) => payments().collectionOfCart(cart))
        }
        if (ctx.container.hasRegistration('customerService')) {
          const customers = () => ctx.container.resolve<CustomerService>('customerService')
          carts.useCustomerEmails((customerId) =>
            customers()
              .retrieveCustomer(customerId)
              .then(
                (customer) => customer.email,
                (error: unknown) => {
                  if (error instanceof NotFoundError) return null
                  throw error
                },
              ),
          )
        }
        return carts
      }).singleton(),
    })
    ctx.addRoutes(...cartStoreRoutes)
  },
})
