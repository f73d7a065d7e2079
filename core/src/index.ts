// @shopwright/core: the public API for plugin authors and store projects.

export type { Actor, Authentication, CallerIdentifier } from './http/actor'
export { currentActor, currentAuthentication, currentCustomerId, requireCustomerId } from './http/actor'
export type { AdminAuthorizer, Permission } from './http/admin-auth'
export { grants } from './http/admin-auth'
export { listQuery, listResponse, MAX_LIST_LIMIT } from './http/list'
export type { PageHandler } from './http/pages'
export { servePages } from './http/pages'
export type { AnyRoute, RouteContext, RouteDefinition } from './http/route'
export { defineRoute, idParams } from './http/route'
export type { Cache } from './infra/cache'
export type { Dialect, EntityManager, MigrationSet } from './infra/database'
export { Database, describeDatabaseUrl, isUniqueViolation, knexOf } from './infra/database'
export type { EventBus, EventMessage, SubscriberDefinition } from './infra/events/event-bus'
export { generateId } from './infra/ids'
export type { DeadLetters } from './infra/jobs/dead-letters'
export type { JobDefinition, JobQueue, JobRun, ScheduledJobDefinition } from './infra/jobs/queue'
export type { KeyValueStore } from './infra/kv'
export type { Locks } from './infra/locks'
export { generateMigrations, generatePluginMigrations } from './infra/migration-generator'
export {
  allocate,
  currencyExponent,
  formatMoney,
  percentOf,
  roundMinor,
  taxIncluded,
  toMajorUnits,
} from './infra/money'
export type { RateLimiter, RateLimits } from './infra/rate-limits'
export type { ShopwrightConfig, ShopwrightConfigInput } from './kernel/config'
export {
  CONFIG_ENV,
  defineConfig,
  loadConfigFile,
  renderConfigReference,
  resolveConfig,
} from './kernel/config'
export * from './kernel/errors'
export type { PluginContext, PluginDefinition, PluginEntry } from './kernel/plugin'
export { definePlugin, loadPlugins } from './kernel/plugin'
export type { Provider, ProviderKind, Providers } from './kernel/providers'
export { PROVIDER_KINDS, ProviderRegistry, UnknownProviderError } from './kernel/providers'
export type { CreateShopwrightOptions, Role, Shopwright } from './kernel/shopwright'
export { createShopwright, ROLES } from './kernel/shopwright'
export { CORE_MODULES } from './modules'
export type { EmailVerified } from './modules/auth/events'
export { AuthEvents } from './modules/auth/events'
export type {
  CustomerAccount,
  CustomerAccounts,
  TransactionalMessage,
  TransactionalSender,
} from './modules/auth/messages'
export type {
  AuthorizationRequest,
  AuthProvider,
  CallbackInput,
  ExternalIdentity,
} from './modules/auth/provider'
export { authProviderOptionsSchema, identityFromClaims } from './modules/auth/provider'
export type { AuthService } from './modules/auth/service'
export type { CartView } from './modules/cart/schemas'
export type { CartCaller, CartService } from './modules/cart/service'
export { CartCompletedError } from './modules/cart/service'
export type { CustomerService } from './modules/customer/service'
export type { FulfillmentService, ShippingContext } from './modules/fulfillment/service'
export { MANUAL_PROVIDER_ID } from './modules/fulfillment/service'
export type { InventoryService, LevelView } from './modules/inventory/service'
export type {
  CampaignView,
  ConsentView,
  MarketingService,
  Segment,
  SegmentResolver,
} from './modules/notification/marketing-service'
export type {
  DeliveryStatus,
  DeliveryStatusUpdate,
  NotificationChannel,
  NotificationProvider,
  OutgoingMessage,
  SentMessage,
  StatusWebhook,
} from './modules/notification/provider'
export { PermanentDeliveryError } from './modules/notification/provider'
export type {
  DeliveryView,
  NotificationService,
  QueuedDelivery,
  SendTransactionalInput,
} from './modules/notification/service'
export type { TemplateId } from './modules/notification/templates'
export { TEMPLATE_IDS } from './modules/notification/templates'
export type {
  CaptureResult,
  InitiatePaymentInput,
  InitiatePaymentResult,
  PaymentAmountInput,
  PaymentBrowserConfig,
  PaymentCallContext,
  PaymentCallInput,
  PaymentData,
  PaymentProvider,
  PaymentResult,
  PaymentSessionStatus,
  WebhookAction,
  WebhookActionResult,
  WebhookPayload,
} from './modules/payment/provider'
export {
  PaymentDeclinedError,
  PaymentProviderUnavailableError,
  WebhookSignatureError,
} from './modules/payment/provider'
export type {
  CalculatedPrice,
  PriceListView,
  PricingContext,
  PricingService,
} from './modules/pricing/service'
export type { ProductInput, ProductService } from './modules/product/service'
export type { PromotionService, PromotionUser } from './modules/promotion/service'
export { PromotionLimitError } from './modules/promotion/service'
export type { RegionService } from './modules/region/service'
export type { SalesChannelService } from './modules/sales-channel/service'
export type { SearchDocument, SearchProvider, SearchQuery, SearchResult } from './modules/search/provider'
export type { SearchService } from './modules/search/service'
export type { StoreService, StoreView } from './modules/store/service'
export type { TaxService } from './modules/tax/service'
export { BUILT_IN_ROLES } from './modules/user/roles'
export type { UserService } from './modules/user/service'
export { isEmptyStore, seedDemo, seedGeneratedProducts, staticDir } from './seed/demo'
