// The route table: every screen under /app, the permissions it needs, and its menu entry. The router
// (app.tsx, which gives each path its page) and the menu both read it, so a screen someone may not
// open is neither in their menu nor reachable. Plain data, so tests can check it against the API.
export const MENU_GROUPS = ['Shop', 'Settings', 'System'] as const

/** One permission (`order:write`), or several that are all needed. */
export type Needed = string | readonly string[]

export interface Screen {
  /** Under /app; '' is the home screen. */
  path: string
  /** What opening it needs: the permission its Admin API reads state. Without, a no-access page. */
  permission?: Needed
  /**
   * For screens whose every control is a change: what the changes need. Staff without it see the
   * screen with its controls disabled and the reason.
   */
  changes?: Needed
  menu?: {
    group: (typeof MENU_GROUPS)[number]
    label: string
    /** The Admin API route the screen is built on: the entry hides on a server without it. */
    requires?: string
  }
}

const TABLE = [
  { path: '', menu: { group: 'Shop', label: 'Home' } },
  {
    path: 'orders',
    permission: 'order:read',
    menu: { group: 'Shop', label: 'Orders', requires: 'GET /admin/orders' },
  },
  { path: 'orders/:id', permission: 'order:read', changes: 'order:write' },
  {
    path: 'products',
    permission: 'product:read',
    menu: { group: 'Shop', label: 'Products', requires: 'GET /admin/products' },
  },
  { path: 'products/new', permission: 'product:write' },
  { path: 'products/:id', permission: 'product:read', changes: 'product:write' },
  {
    path: 'categories',
    permission: 'category:read',
    changes: 'category:write',
    menu: { group: 'Shop', label: 'Categories', requires: 'GET /admin/product-categories' },
  },
  {
    path: 'collections',
    permission: 'collection:read',
    changes: 'collection:write',
    menu: { group: 'Shop', label: 'Collections', requires: 'GET /admin/collections' },
  },
  {
    path: 'price-lists',
    permission: 'price_list:read',
    changes: 'price_list:write',
    menu: { group: 'Shop', label: 'Price lists', requires: 'GET /admin/price-lists' },
  },
  { path: 'price-lists/:id', permission: 'price_list:read', changes: 'price_list:write' },
  {
    path: 'customers',
    permission: ['customer:read', 'customer_group:read'],
    menu: { group: 'Shop', label: 'Customers', requires: 'GET /admin/customers' },
  },
  {
    path: 'customers/:id',
    permission: ['customer:read', 'customer_group:read'],
  },
  {
    path: 'promotions',
    permission: 'promotion:read',
    changes: 'promotion:write',
    menu: { group: 'Shop', label: 'Promotions', requires: 'GET /admin/promotions' },
  },
  {
    path: 'store',
    permission: 'store:read',
    changes: 'store:write',
    menu: { group: 'Settings', label: 'Store', requires: 'GET /admin/stores' },
  },
  {
    path: 'regions',
    permission: 'region:read',
    changes: 'region:write',
    menu: { group: 'Settings', label: 'Regions', requires: 'GET /admin/regions' },
  },
  {
    path: 'shipping-options',
    permission: 'fulfillment:read',
    changes: 'fulfillment:write',
    menu: { group: 'Settings', label: 'Shipping options', requires: 'GET /admin/shipping-options' },
  },
  {
    path: 'tax-rates',
    permission: 'tax:read',
    changes: 'tax:write',
    menu: { group: 'Settings', label: 'Tax rates', requires: 'GET /admin/tax-regions' },
  },
  {
    path: 'payment-providers',
    permission: ['payment:read', 'region:read'],
    changes: 'region:write',
    menu: {
      group: 'Settings',
      label: 'Payment providers',
      requires: 'GET /admin/payments/payment-providers',
    },
  },
  {
    path: 'sales-channels',
    permission: 'sales_channel:read',
    changes: ['sales_channel:write', 'publishable_key:write'],
    menu: { group: 'Settings', label: 'Sales channels', requires: 'GET /admin/sales-channels' },
  },
  {
    path: 'stock-locations',
    permission: 'stock_location:read',
    changes: 'stock_location:write',
    menu: { group: 'Settings', label: 'Stock locations', requires: 'GET /admin/stock-locations' },
  },
  {
    path: 'staff',
    permission: ['user:read', 'role:read'],
    changes: 'user:write',
    menu: { group: 'Settings', label: 'Staff', requires: 'GET /admin/users' },
  },
  {
    path: 'roles',
    permission: 'role:read',
    changes: 'role:write',
    menu: { group: 'Settings', label: 'Roles', requires: 'GET /admin/roles' },
  },
  {
    path: 'api-keys',
    permission: ['api_key:read', 'role:read'],
    changes: 'api_key:write',
    menu: { group: 'Settings', label: 'API keys', requires: 'GET /admin/secret-keys' },
  },
  {
    path: 'notifications',
    permission: 'notification:read',
    menu: { group: 'System', label: 'Notifications', requires: 'GET /admin/notifications' },
  },
  {
    path: 'notifications/templates',
    permission: 'notification_template:read',
  },
  {
    path: 'notifications/templates/:id',
    permission: 'notification_template:read',
  },
  { path: 'notifications/campaigns', permission: 'campaign:read' },
  {
    path: 'deliveries',
    permission: 'dead_letter:read',
    menu: { group: 'System', label: 'Failed deliveries', requires: 'GET /admin/dead-letters' },
  },
] as const satisfies readonly Screen[]

export type ScreenPath = (typeof TABLE)[number]['path']

export const SCREENS: ReadonlyArray<Screen & { path: ScreenPath }> = TABLE
