// /store/customers, as Medusa answers them: registration with the token from
// /auth/customer/emailpass/register, then the signed-in customer's own profile and addresses. Like
// every /store route, each needs the storefront's x-publishable-api-key.
import type { Context } from 'koa'
import { z } from 'zod'
import { currentAuthentication, requireCustomerId } from '../../http/actor'
import { listQuery, listResponse } from '../../http/list'
import { requirePublishableKey } from '../../http/publishable-key'
import { defineRoute } from '../../http/route'
import { InvalidDataError, UnauthorizedError } from '../../kernel/errors'
import type { AuthService } from '../auth/service'
import type { SalesChannelService } from '../sales-channel/service'
import {
  addressInputSchema,
  addressSchema,
  customerSchema,
  storeCreateCustomerSchema,
  storeUpdateCustomerSchema,
} from './schemas'
import type { CustomerService } from './service'

const tags = ['Store: customers']
const customerResponse = z.object({ customer: customerSchema })
const addressParams = z.object({ address_id: z.string().max(64) })
const fieldsQuery = z.object({ fields: z.string().max(2000).optional() })

type Resolve = <T>(name: string) => T
const customers = (resolve: Resolve) => resolve<CustomerService>('customerService')

/** The signed-in customer's id, once the request carries a valid publishable key. */
async function signedInCustomer(koa: Context, resolve: Resolve): Promise<string> {
  await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
  return requireCustomerId(koa)
}

export const createStoreCustomer = defineRoute({
  method: 'post',
  path: '/store/customers',
  summary: 'Register a customer, with the registration token as Authorization: Bearer',
  tags,
  body: storeCreateCustomerSchema,
  response: customerResponse,
  handler: async ({ body, koa, resolve }) => {
    await requirePublishableKey(koa, resolve<SalesChannelService>('salesChannelService'))
    const authentication = currentAuthentication(koa)
    if (!authentication?.auth_identity_id || authentication.actor_type !== 'customer') {
      throw new UnauthorizedError(
        koa.state.authError ?? 'Send the registration token as Authorization: Bearer',
      )
    }
    if (authentication.actor) throw new InvalidDataError('This token already belongs to a customer')
    const auth = resolve<AuthService>('authService')
    const identity = await auth.pendingIdentity(authentication.auth_identity_id, 'customer')
    // The account's email is the one the password was registered with, not another one.
    if (body.email && identity.email && body.email.toLowerCase() !== identity.email) {
      throw new InvalidDataError('The email must be the one you registered with', [
        { field: 'email', message: 'must match the registered email' },
      ])
    }
    const email = identity.email ?? body.email
    if (!email) throw new InvalidDataError('email is required', [{ field: 'email', message: 'Required' }])
    const account = await customers(resolve).createAccount({ ...body, email }, (em, customerId) =>
      auth.linkActor(identity.id, 'customer', customerId, em),
    )
    await auth.sendEmailVerification(identity.id, account)
    return { customer: await customers(resolve).retrieveCustomer(account.id) }
  },
})

export const retrieveMe = defineRoute({
  method: 'get',
  path: '/store/customers/me',
  summary: 'The signed-in customer',
  tags,
  query: fieldsQuery,
  response: customerResponse,
  handler: async ({ koa, resolve }) => ({
    customer: await customers(resolve).retrieveCustomer(await signedInCustomer(koa, resolve)),
  }),
})

export const updateMe = defineRoute({
  method: 'post',
  path: '/store/customers/me',
  summary: "Update the signed-in customer's profile",
  tags,
  query: fieldsQuery,
  body: storeUpdateCustomerSchema,
  response: customerResponse,
  handler: async ({ body, koa, resolve }) => {
    const id = await signedInCustomer(koa, resolve)
    await customers(resolve).updateCustomer(id, body)
    return { customer: await customers(resolve).retrieveCustomer(id) }
  },
})

export const listMyAddresses = defineRoute({
  method: 'get',
  path: '/store/customers/me/addresses',
  summary: "The signed-in customer's addresses",
  tags,
  query: listQuery().extend({ fields: z.string().max(2000).optional() }),
  response: listResponse('addresses', addressSchema),
  handler: async ({ query, koa, resolve }) =>
    customers(resolve).listAddresses(await signedInCustomer(koa, resolve), {
      limit: query.limit,
      offset: query.offset,
    }),
})

export const createMyAddress = defineRoute({
  method: 'post',
  path: '/store/customers/me/addresses',
  summary: 'Add an address; answers the customer',
  tags,
  query: fieldsQuery,
  body: addressInputSchema,
  response: customerResponse,
  handler: async ({ body, koa, resolve }) => {
    const id = await signedInCustomer(koa, resolve)
    await customers(resolve).addAddress(id, body)
    return { customer: await customers(resolve).retrieveCustomer(id) }
  },
})

export const retrieveMyAddress = defineRoute({
  method: 'get',
  path: '/store/customers/me/addresses/:address_id',
  summary: "One of the signed-in customer's addresses",
  tags,
  params: addressParams,
  query: fieldsQuery,
  response: z.object({ address: addressSchema }),
  handler: async ({ params, koa, resolve }) => ({
    address: await customers(resolve).retrieveAddress(
      await signedInCustomer(koa, resolve),
      params.address_id,
    ),
  }),
})

export const updateMyAddress = defineRoute({
  method: 'post',
  path: '/store/customers/me/addresses/:address_id',
  summary: 'Change an address; answers the customer',
  tags,
  params: addressParams,
  query: fieldsQuery,
  body: addressInputSchema,
  response: customerResponse,
  handler: async ({ params, body, koa, resolve }) => {
    const id = await signedInCustomer(koa, resolve)
    await customers(resolve).updateAddress(id, params.address_id, body)
    return { customer: await customers(resolve).retrieveCustomer(id) }
  },
})

export const deleteMyAddress = defineRoute({
  method: 'delete',
  path: '/store/customers/me/addresses/:address_id',
  summary: 'Remove an address',
  tags,
  params: addressParams,
  query: fieldsQuery,
  response: z.object({
    id: z.string(),
    object: z.literal('address'),
    deleted: z.literal(true),
    parent: customerSchema,
  }),
  handler: async ({ params, koa, resolve }) => {
    const id = await signedInCustomer(koa, resolve)
    await customers(resolve).deleteAddress(id, params.address_id)
    return {
      id: params.address_id,
      object: 'address' as const,
      deleted: true as const,
      parent: await customers(resolve).retrieveCustomer(id),
    }
  },
})

export const storeCustomerRoutes = [
  createStoreCustomer,
  retrieveMe,
  updateMe,
  listMyAddresses,
  createMyAddress,
  retrieveMyAddress,
  updateMyAddress,
  deleteMyAddress,
]
