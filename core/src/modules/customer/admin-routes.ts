// Admin routes for customers and customer groups.
import { z } from 'zod'
import { currentActor } from '../../http/actor'
import { idListQuery, listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import {
  adminCustomerSchema,
  adminUpdateCustomerSchema,
  customerGroupSchema,
  groupInputSchema,
} from './schemas'
import type { CustomerService } from './service'

const tags = ['Admin: customers']
const customers = (resolve: <T>(name: string) => T) => resolve<CustomerService>('customerService')

export const listCustomers = defineRoute({
  method: 'get',
  path: '/admin/customers',
  summary: 'List customers',
  tags,
  permission: 'customer:read',
  query: listQuery().extend({
    id: idListQuery().optional(),
    email: idListQuery().optional(),
    q: z.string().max(191).optional(),
    has_account: z.stringbool().optional(),
    groups: idListQuery().optional(),
  }),
  response: listResponse('customers', adminCustomerSchema),
  handler: ({ query, resolve }) => customers(resolve).listCustomers(query),
})

export const retrieveCustomer = defineRoute({
  method: 'get',
  path: '/admin/customers/:id',
  summary: 'Get a customer with addresses and groups',
  tags,
  permission: 'customer:read',
  params: idParams,
  response: z.object({ customer: adminCustomerSchema }),
  handler: async ({ params, resolve }) => ({
    customer: await customers(resolve).retrieveAdminCustomer(params.id),
  }),
})

export const updateCustomer = defineRoute({
  method: 'post',
  path: '/admin/customers/:id',
  summary: "Update a customer's profile",
  tags,
  permission: 'customer:write',
  params: idParams,
  body: adminUpdateCustomerSchema,
  response: z.object({ customer: adminCustomerSchema }),
  handler: async ({ params, body, resolve }) => {
    await customers(resolve).updateCustomer(params.id, body)
    return { customer: await customers(resolve).retrieveAdminCustomer(params.id) }
  },
})

export const listGroups = defineRoute({
  method: 'get',
  path: '/admin/customer-groups',
  summary: 'List customer groups',
  tags,
  permission: 'customer_group:read',
  query: listQuery().extend({ q: z.string().max(191).optional() }),
  response: listResponse('customer_groups', customerGroupSchema),
  handler: ({ query, resolve }) => customers(resolve).listGroups(query),
})

export const createGroup = defineRoute({
  method: 'post',
  path: '/admin/customer-groups',
  summary: 'Create a customer group',
  tags,
  permission: 'customer_group:write',
  body: groupInputSchema,
  response: z.object({ customer_group: customerGroupSchema }),
  handler: async ({ body, koa, resolve }) => ({
    customer_group: await customers(resolve).createGroup(body, currentActor(koa)?.id ?? null),
  }),
})

export const retrieveGroup = defineRoute({
  method: 'get',
  path: '/admin/customer-groups/:id',
  summary: 'Get a customer group',
  tags,
  permission: 'customer_group:read',
  params: idParams,
  response: z.object({ customer_group: customerGroupSchema }),
  handler: async ({ params, resolve }) => ({
    customer_group: await customers(resolve).retrieveGroup(params.id),
  }),
})

export const updateGroup = defineRoute({
  method: 'post',
  path: '/admin/customer-groups/:id',
  summary: 'Rename a customer group or change its metadata',
  tags,
  permission: 'customer_group:write',
  params: idParams,
  body: groupInputSchema.partial(),
  response: z.object({ customer_group: customerGroupSchema }),
  handler: async ({ params, body, resolve }) => ({
    customer_group: await customers(resolve).updateGroup(params.id, body),
  }),
})

export const deleteGroup = defineRoute({
  method: 'delete',
  path: '/admin/customer-groups/:id',
  summary: 'Delete a customer group (its customers stay)',
  tags,
  permission: 'customer_group:write',
  params: idParams,
  response: z.object({ id: z.string(), object: z.literal('customer_group'), deleted: z.literal(true) }),
  handler: async ({ params, resolve }) => {
    await customers(resolve).deleteGroup(params.id)
    return { id: params.id, object: 'customer_group' as const, deleted: true as const }
  },
})

export const changeGroupMembers = defineRoute({
  method: 'post',
  path: '/admin/customer-groups/:id/customers',
  summary: 'Add customers to a group and remove others',
  tags,
  permission: 'customer_group:write',
  params: idParams,
  body: z
    .object({
      add: z.array(z.string().max(64)).max(1000).optional(),
      remove: z.array(z.string().max(64)).max(1000).optional(),
    })
    .strict(),
  response: z.object({ customer_group: customerGroupSchema }),
  handler: async ({ params, body, resolve }) => {
    await customers(resolve).changeGroupMembers(params.id, body)
    return { customer_group: await customers(resolve).retrieveGroup(params.id) }
  },
})

export const adminCustomerRoutes = [
  listCustomers,
  retrieveCustomer,
  updateCustomer,
  listGroups,
  createGroup,
  retrieveGroup,
  updateGroup,
  deleteGroup,
  changeGroupMembers,
]
