// Core modules, loaded before the config's plugins through the same plugin API.
import type { PluginDefinition } from '../kernel/plugin'
import { cartModule } from './cart'
import { fulfillmentModule } from './fulfillment'
import { inventoryModule } from './inventory'
import { pricingModule } from './pricing'
import { productModule } from './product'
import { promotionModule } from './promotion'
import { regionModule } from './region'
import { salesChannelModule } from './sales-channel'
import { searchModule } from './search'
import { systemModule } from './system'
import { taxModule } from './tax'

export const CORE_MODULES: PluginDefinition<any>[] = [
  systemModule,
  regionModule,
  salesChannelModule,
  productModule,
  pricingModule,
  inventoryModule,
  searchModule,
  taxModule,
  fulfillmentModule,
  promotionModule,
  cartModule,
]
