// Customers, their addresses and groups. Every address read or write names the customer it must
// belong to, so one customer never reaches another's.
import type { Database, EntityManager } from '../../infra/database'
import type { EventBus } from '../../infra/events/event-bus'
import { generateId } from '../../infra/ids'
import { ConflictError, InvalidDataError, NotFoundError } from '../../kernel/errors'
import type { CustomerAccount, CustomerAccounts } from '../auth/messages'
import { Customer, CustomerAddress, CustomerGroup, CustomerGroupMember } from './entities'
import { CustomerEvents } from './events'
import type { AddressInput, AddressView, AdminCustomerView, CustomerView, ProfileInput } from './schemas'

type Row = Record<string, any>

const iso = (date: Date) => date.toISOString()

export class CustomerService implements CustomerAccounts {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  // --- accounts ------------------------------------------------------------------------------------

  async findAccount(by: { email?: string; phone?: string }): Promise<CustomerAccount | null> {
    const where = by.email ? { email: by.email.toLowerCase() } : { phone: by.phone ?? '' }
    const found = await this.db.em().findOne(Customer, { ...where, has_account: true })
    return found ? { id: found.id, email: found.email, phone: found.phone ?? null } : null
  }

  async createAccount(
    input: ProfileInput & { email: string },
    within?: (em: EntityManager, customerId: string) => Promise<void>,
  ): Promise<CustomerAccount> {
    const email = input.email.toLowerCase()
    const id = await this.db.transaction(async (em) => {
      if (await em.findOne(Customer, { email, has_account: true })) {
        throw new ConflictError('An account with this email already exists: sign in instead')
      }
      const customer = em.create(Customer, {
        id: generateId('cus'),
        email,
        first_name: input.first_name ?? null,
        last_name: input.last_name ?? null,
        phone: input.phone ?? null,
        company_name: input.company_name ?? null,
        metadata: input.metadata ?? null,
        has_account: true,
        created_by: null,
      })
      await within?.(em, customer.id)
      this.events.emit(em, CustomerEvents.created, {
        id: customer.id,
        email,
        first_name: customer.first_name ?? null,
        last_name: customer.last_name ?? null,
        has_account: true,
      })
      return customer.id
    })
    return { id, email, phone: input.phone ?? null }
  }

  async updateCustomer(id: string, input: ProfileInput): Promise<void> {
    await this.db.transaction(async (em) => {
      const customer = await em.findOne(Customer, { id })
      if (!customer) throw new NotFoundError(`Customer with id: ${id} was not found`)
      const { email, ...rest } = input
      if (email !== undefined) customer.email = email.toLowerCase()
      for (const [key, value] of Object.entries(rest)) {
        if (value !== undefined) (customer as Record<string, unknown>)[key] = value
      }
      this.events.emit(em, CustomerEvents.updated, { id })
    })
  }

  async retrieveCustomer(id: string): Promise<CustomerView> {
    const em = this.db.em()
    const customer = await em.findOne(Customer, { id })
    if (!customer) throw new NotFoundError(`Customer with id: ${id} was not found`)
    const addresses = await em.find(
      CustomerAddress,
      { customer_id: id },
      { orderBy: { created_at: 'asc', id: 'asc' } },
    )
    return this.view(customer, addresses)
  }

  /** The customer as staff see it (the notification module reads customers through this). */
  retrieve(id: string): Promise<AdminCustomerView> {
    return this.retrieveAdminCustomer(id)
  }

  async retrieveAdminCustomer(id: string): Promise<AdminCustomerView> {
    const { customers } = await this.listCustomers({ limit: 1, offset: 0, id: [id] })
    if (!customers[0]) throw new NotFoundError(`Customer with id: ${id} was not found`)
    return customers[0]
  }

  async listCustomers(query: {
    limit: number
    offset: number
    id?: string[]
    email?: string[]
    q?: string
    has_account?: boolean
    groups?: string[]
  }) {
    const em = this.db.em()
    const where: Record<string, unknown> = {}
    if (query.id) where.id = { $in: query.id }
    if (query.email) where.email = { $in: query.email.map((email) => email.toLowerCase()) }
    if (query.has_account !== undefined) where.has_account = query.has_account
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, (char) => `\\${char}`)}%`
      where.$or = [
        { email: { $like: like } },
        { first_name: { $like: like } },
        { last_name: { $like: like } },
      ]
    }
    if (query.groups) {
      const members = await em.find(CustomerGroupMember, { customer_group_id: { $in: query.groups } })
      where.id = { $in: [...new Set(members.map((member) => member.customer_id))] }
    }
    const [customers, count] = await em.findAndCount(Customer, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { created_at: 'desc', id: 'desc' },
    })
    const ids = customers.map((customer) => customer.id)
    const [addresses, memberships] = ids.length
      ? await Promise.all([
          em.find(
            CustomerAddress,
            { customer_id: { $in: ids } },
            { orderBy: { created_at: 'asc', id: 'asc' } },
          ),
          em.find(CustomerGroupMember, { customer_id: { $in: ids } }),
        ])
      : [[], []]
    const groupIds = [...new Set(memberships.map((member) => member.customer_group_id))]
    const groups = groupIds.length ? await em.find(CustomerGroup, { id: { $in: groupIds } }) : []
    return {
      customers: customers.map((customer) => ({
        ...this.view(
          customer,
          addresses.filter((address) => address.customer_id === customer.id),
        ),
        has_account: customer.has_account,
        created_by: customer.created_by ?? null,
        groups: memberships
          .filter((member) => member.customer_id === customer.id)
          .flatMap((member) => groups.filter((group) => group.id === member.customer_group_id))
          .map((group) => ({ id: group.id, name: group.name })),
      })),
      count,
      offset: query.offset,
      limit: query.limit,
    }
  }

  // --- addresses -----------------------------------------------------------------------------------

  async listAddresses(customerId: string, query: { limit: number; offset: number }) {
    const [addresses, count] = await this.db
      .em()
      .findAndCount(
        CustomerAddress,
        { customer_id: customerId },
        { limit: query.limit, offset: query.offset, orderBy: { created_at: 'asc', id: 'asc' } },
      )
    return { addresses: addresses.map((address) => this.addressView(address)), count, ...query }
  }

  async retrieveAddress(customerId: string, addressId: string): Promise<AddressView> {
    const address = await this.db.em().findOne(CustomerAddress, { id: addressId, customer_id: customerId })
    if (!address) throw new NotFoundError(`Address with id: ${addressId} was not found`)
    return this.addressView(address)
  }

  async addAddress(customerId: string, input: AddressInput): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await em.findOne(Customer, { id: customerId }))) {
        throw new NotFoundError(`Customer with id: ${customerId} was not found`)
      }
      const address = em.create(CustomerAddress, {
        id: generateId('cuaddr'),
        customer_id: customerId,
        ...this.addressFields(input),
        is_default_shipping: input.is_default_shipping ?? false,
        is_default_billing: input.is_default_billing ?? false,
      })
      await this.keepOneDefault(em, customerId, address.id, input)
      this.events.emit(em, CustomerEvents.updated, { id: customerId })
    })
  }

  async updateAddress(customerId: string, addressId: string, input: AddressInput): Promise<void> {
    await this.db.transaction(async (em) => {
      const address = await em.findOne(CustomerAddress, { id: addressId, customer_id: customerId })
      if (!address) throw new NotFoundError(`Address with id: ${addressId} was not found`)
      Object.assign(address, this.addressFields(input))
      if (input.is_default_shipping !== undefined) address.is_default_shipping = input.is_default_shipping
      if (input.is_default_billing !== undefined) address.is_default_billing = input.is_default_billing
      await this.keepOneDefault(em, customerId, address.id, input)
      this.events.emit(em, CustomerEvents.updated, { id: customerId })
    })
  }

  async deleteAddress(customerId: string, addressId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const removed = await em.nativeDelete(CustomerAddress, { id: addressId, customer_id: customerId })
      if (!removed) throw new NotFoundError(`Address with id: ${addressId} was not found`)
      this.events.emit(em, CustomerEvents.updated, { id: customerId })
    })
  }

  private addressFields(input: AddressInput): Record<string, unknown> {
    const { is_default_billing: _billing, is_default_shipping: _shipping, ...fields } = input
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
  }

  /** A customer has at most one default shipping and one default billing address. */
  private async keepOneDefault(
    em: EntityManager,
    customerId: string,
    addressId: string,
    input: AddressInput,
  ): Promise<void> {
    await em.flush()
    for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
      if (input[flag]) {
        await em.nativeUpdate(
          CustomerAddress,
          { customer_id: customerId, id: { $ne: addressId }, [flag]: true },
          { [flag]: false },
        )
      }
    }
  }

  // --- groups --------------------------------------------------------------------------------------

  async createGroup(
    input: { name: string; metadata?: Record<string, unknown> | null },
    createdBy: string | null,
  ) {
    const id = await this.db.transaction(async (em) => {
      if (await em.findOne(CustomerGroup, { name: input.name })) {
        throw new ConflictError(`A customer group named ${input.name} already exists`)
      }
      const group = em.create(CustomerGroup, {
        id: generateId('cusgroup'),
        name: input.name,
        metadata: input.metadata ?? null,
        created_by: createdBy,
      })
      this.events.emit(em, CustomerEvents.groupCreated, { id: group.id })
      return group.id
    })
    return this.retrieveGroup(id)
  }

  async updateGroup(id: string, input: { name?: string; metadata?: Record<string, unknown> | null }) {
    await this.db.transaction(async (em) => {
      const group = await em.findOne(CustomerGroup, { id })
      if (!group) throw new NotFoundError(`Customer group with id: ${id} was not found`)
      if (input.name !== undefined) group.name = input.name
      if (input.metadata !== undefined) group.metadata = input.metadata
      this.events.emit(em, CustomerEvents.groupUpdated, { id })
    })
    return this.retrieveGroup(id)
  }

  async deleteGroup(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const removed = await em.nativeDelete(CustomerGroup, { id })
      if (!removed) throw new NotFoundError(`Customer group with id: ${id} was not found`)
      await em.nativeDelete(CustomerGroupMember, { customer_group_id: id })
      this.events.emit(em, CustomerEvents.groupDeleted, { id })
    })
  }

  async retrieveGroup(id: string) {
    const group = await this.db.em().findOne(CustomerGroup, { id })
    if (!group) throw new NotFoundError(`Customer group with id: ${id} was not found`)
    return this.groupView(group)
  }

  async listGroups(query: { limit: number; offset: number; q?: string }) {
    const where = query.q ? { name: { $like: `%${query.q.replace(/[%_\\]/g, (char) => `\\${char}`)}%` } } : {}
    const [groups, count] = await this.db.em().findAndCount(CustomerGroup, where, {
      limit: query.limit,
      offset: query.offset,
      orderBy: { name: 'asc' },
    })
    return { customer_groups: groups.map((group) => this.groupView(group)), count, ...query }
  }

  /** Adds and removes members; unknown customers are refused, adding a member twice is a no-op. */
  async changeGroupMembers(groupId: string, change: { add?: string[]; remove?: string[] }): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await em.findOne(CustomerGroup, { id: groupId }))) {
        throw new NotFoundError(`Customer group with id: ${groupId} was not found`)
      }
      const add = [...new Set(change.add ?? [])]
      if (add.length) {
        const found = await em.find(Customer, { id: { $in: add } }, { fields: ['id'] })
        const missing = add.filter((id) => !found.some((customer) => customer.id === id))
        if (missing.length) throw new InvalidDataError(`Customers not found: ${missing.join(', ')}`)
        const present = await em.find(CustomerGroupMember, {
          customer_group_id: groupId,
          customer_id: { $in: add },
        })
        for (const customerId of add) {
          if (!present.some((member) => member.customer_id === customerId)) {
            em.create(CustomerGroupMember, { customer_group_id: groupId, customer_id: customerId })
          }
        }
      }
      if (change.remove?.length) {
        await em.nativeDelete(CustomerGroupMember, {
          customer_group_id: groupId,
          customer_id: { $in: change.remove },
        })
      }
      this.events.emit(em, CustomerEvents.groupUpdated, { id: groupId })
    })
  }

  /** The groups a customer belongs to (for prices and promotions by group). */
  async groupIdsOf(customerId: string): Promise<string[]> {
    const members = await this.db.em().find(CustomerGroupMember, { customer_id: customerId })
    return members.map((member) => member.customer_group_id)
  }

  // --- views ---------------------------------------------------------------------------------------

  private groupView(group: Row) {
    return {
      id: group.id,
      name: group.name,
      metadata: group.metadata ?? null,
      created_at: iso(group.created_at),
      updated_at: iso(group.updated_at),
    }
  }

  private addressView(address: Row): AddressView {
    return {
      id: address.id,
      address_name: address.address_name ?? null,
      is_default_shipping: address.is_default_shipping,
      is_default_billing: address.is_default_billing,
      customer_id: address.customer_id,
      company: address.company ?? null,
      first_name: address.first_name ?? null,
      last_name: address.last_name ?? null,
      address_1: address.address_1 ?? null,
      address_2: address.address_2 ?? null,
      city: address.city ?? null,
      country_code: address.country_code ?? null,
      province: address.province ?? null,
      postal_code: address.postal_code ?? null,
      phone: address.phone ?? null,
      metadata: address.metadata ?? null,
      created_at: iso(address.created_at),
      updated_at: iso(address.updated_at),
    }
  }

  private view(customer: Row, addresses: Row[]): CustomerView {
    const views = addresses.map((address) => this.addressView(address))
    return {
      id: customer.id,
      email: customer.email,
      default_billing_address_id: views.find((address) => address.is_default_billing)?.id ?? null,
      default_shipping_address_id: views.find((address) => address.is_default_shipping)?.id ?? null,
      company_name: customer.company_name ?? null,
      first_name: customer.first_name ?? null,
      last_name: customer.last_name ?? null,
      phone: customer.phone ?? null,
      metadata: customer.metadata ?? null,
      addresses: views,
      created_at: iso(customer.created_at),
      updated_at: iso(customer.updated_at),
      deleted_at: null,
    }
  }
}
