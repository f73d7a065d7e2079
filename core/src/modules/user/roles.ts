// Built-in staff roles and what they grant. Permissions are `resource:action` (read or write);
// `*`, `resource:*` and `*:read` are wildcards. Custom roles are stored and grant what they list.
export const BUILT_IN_ROLES: Record<string, { description: string; permissions: string[] }> = {
  owner: { description: 'Everything, including other owners', permissions: ['*'] },
  admin: { description: 'Everything except making or removing owners', permissions: ['*'] },
  catalog: {
    description: 'Products, categories, collections, prices and stock',
    permissions: [
      'product:*',
      'category:*',
      'collection:*',
      'inventory:*',
      'stock_location:*',
      'price_list:*',
      'promotion:read',
      'file:write',
      'sales_channel:read',
      'region:read',
      'publishable_key:read',
    ],
  },
  orders: {
    description: 'Orders, fulfilment, payments and returns',
    permissions: [
      'order:*',
      'fulfillment:*',
      'payment:*',
      'return:*',
      'customer:read',
      'inventory:read',
      'stock_location:read',
      'product:read',
      'region:read',
      'tax:read',
      'promotion:read',
    ],
  },
  support: {
    description: 'Customers, and reading their orders',
    permissions: ['customer:*', 'customer_group:read', 'order:read', 'product:read', 'notification:read'],
  },
  analyst: { description: 'Reads everything, changes nothing', permissions: ['*:read'] },
}

export const PERMISSION_PATTERN = /^(\*|[a-z_]+:(\*|read|write)|\*:(read|write))$/

/** The permission every staff member has: reading and changing their own profile. */
export const OWN_PROFILE = 'profile:self'
