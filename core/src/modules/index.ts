// Core modules, loaded before the config's plugins through the same plugin API.
import type { PluginDefinition } from '../kernel/plugin'
import { authModule } from './auth'
import { cartModule } from './cart'
import { customerModule } from './customer'
import { fileModule } from './file'
import { fulfillmentModule } from './fulfillment'
import { inventoryModule } from './inventory'
import { notificationModule } from './notification'
import { orderModule } from './order'
import { paymentModule } from './payment'
import { pricingModule } from './pricing'
import { productModule } from './product'
import { promotionModule } from './promotion'
import { regionModule } from './region'
import { salesChannelModule } from './sales-channel'
import { searchModule } from './search'
import { storeModule } from './store'
import { systemModule } from './system'
import { taxModule } from './tax'
import { userModule } from './user'

export const CORE_MODULES: PluginDefinition<any>[] = [
  systemModule,
  storeModule,
  regionModule,
  salesChannelModule,
  productModule,
  pricingModule,
  inventoryModule,
  paymentModule,
  orderModule,
  searchModule,
  taxModule,
  fulfillmentModule,
  promotionModule,
  cartModule,
  notificationModule,
  fileModule,
  authModule,
  customerModule,
  userModule,
]
