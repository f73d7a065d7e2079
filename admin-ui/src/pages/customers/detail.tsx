// One customer: profile, addresses, groups (join or leave) and their orders.
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, queryString } from '../../api'
import { formatDate, formatMoney } from '../../format'
import { useChange, useResource, useRoutes } from '../../hooks'
import type { Customer, CustomerGroup, ListPage, Order } from '../../types'
import { type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'
import { nameOf } from './list'

export function CustomerDetailPage() {
  const { id } = useParams() as { id: string }
  const customer = useResource<{ customer: Customer }>(`/admin/customers/${id}`)
  if (customer.error && !customer.data) return <ErrorNotice error={customer.error} />
  if (!customer.data) return <Loading />
  return <CustomerView customer={customer.data.customer} reload={customer.reload} />
}

function CustomerView({ customer, reload }: { customer: Customer; reload: () => Promise<void> }) {
  return (
    <>
      <PageHeader
        title={nameOf(customer)}
        subtitle={
          <>
            {customer.email} · {customer.has_account ? 'has an account' : 'guest'} · since{' '}
            {formatDate(customer.created_at)} · <Link to="/customers">Back to customers</Link>
          </>
        }
      />
      <div className="two-columns">
        <div>
          <CustomerOrders customer={customer} />
          <Section title="Addresses">
            {customer.addresses.length === 0 ? (
              <p className="muted">No saved addresses.</p>
            ) : (
              <ul className="address-list">
                {customer.addresses.map((address) => (
                  <li key={address.id}>
                    <address>
                      {[
                        [address.first_name, address.last_name].filter(Boolean).join(' '),
                        address.company,
                        address.address_1,
                        address.address_2,
                        [address.postal_code, address.city].filter(Boolean).join(' '),
                        address.country_code?.toUpperCase(),
                        address.phone,
                      ]
                        .filter(Boolean)
                        .map((line) => (
                          <span key={line} className="block">
                            {line}
                          </span>
                        ))}
                    </address>
                    {address.is_default_shipping && <span className="muted small">Default shipping</span>}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
        <div>
          <ProfileForm customer={customer} reload={reload} />
          <GroupsForm customer={customer} reload={reload} />
        </div>
      </div>
    </>
  )
}

function CustomerOrders({ customer }: { customer: Customer }) {
  const routes = useRoutes()
  const orders = useResource<ListPage & { orders: Order[] }>(
    routes?.has('GET /admin/orders')
      ? `/admin/orders${queryString({ customer_id: [customer.id], limit: 20 })}`
      : null,
  )
  if (!routes?.has('GET /admin/orders')) return null
  return (
    <Section title={`Orders${orders.data ? ` (${orders.data.count})` : ''}`}>
      <ErrorNotice error={orders.error} />
      {orders.data?.count === 0 && <EmptyState title="No orders yet" />}
      {orders.data && orders.data.count > 0 && (
        <DataTable
          columns={['Order', { label: 'Date', wide: true }, 'Status', { label: 'Total', numeric: true }]}
        >
          {orders.data.orders.map((order) => (
            <tr key={order.id}>
              <td>
                <Link to={`/orders/${order.id}`}>#{order.display_id}</Link>
              </td>
              <td className="hide-sm">{formatDate(order.created_at)}</td>
              <td>
                <Badge value={order.fulfillment_status} />
              </td>
              <td className="numeric">{formatMoney(order.total, order.currency_code)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  )
}

function ProfileForm({ customer, reload }: { customer: Customer; reload: () => Promise<void> }) {
  const form = useForm()
  const [firstName, setFirstName] = useState(customer.first_name ?? '')
  const [lastName, setLastName] = useState(customer.last_name ?? '')
  const [phone, setPhone] = useState(customer.phone ?? '')
  const [company, setCompany] = useState(customer.company_name ?? '')
  const [saved, setSaved] = useState(false)

  function check(): FieldErrors {
    return phone.trim() && !/^\+?[\d\s()-]{5,31}$/.test(phone.trim())
      ? { phone: 'Enter a phone number, e.g. +44 20 7946 0000.' }
      : {}
  }

  async function send() {
    await api('POST', `/admin/customers/${customer.id}`, {
      first_name: firstName.trim() || null,
      last_name: lastName.trim() || null,
      phone: phone.trim() || null,
      company_name: company.trim() || null,
    })
    setSaved(true)
    await reload()
  }

  return (
    <Section title="Profile">
      <form noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <TextField label="First name" {...form.field('first_name', firstName, setFirstName)} />
        <TextField label="Last name" {...form.field('last_name', lastName, setLastName)} />
        <TextField label="Phone" type="tel" {...form.field('phone', phone, setPhone)} />
        <TextField label="Company" {...form.field('company_name', company, setCompany)} />
        <FormError message={form.formError} />
        {saved && !form.formError && (
          <p className="notice" role="status">
            Profile saved.
          </p>
        )}
        <button type="submit" className="full" disabled={form.busy}>
          Save profile
        </button>
      </form>
    </Section>
  )
}

function GroupsForm({ customer, reload }: { customer: Customer; reload: () => Promise<void> }) {
  const groups = useResource<ListPage & { customer_groups: CustomerGroup[] }>(
    '/admin/customer-groups?limit=200',
  )
  const form = useForm()
  const member = new Set(customer.groups.map((group) => group.id))
  const joinable = (groups.data?.customer_groups ?? []).filter((group) => !member.has(group.id))
  const [chosen, setChosen] = useState('')
  const { problem, run: change } = useChange(reload)
  const target = chosen || joinable[0]?.id || ''

  async function leave(group: CustomerGroup) {
    await change(() => api('POST', `/admin/customer-groups/${group.id}/customers`, { remove: [customer.id] }))
  }

  return (
    <Section title="Groups">
      <ErrorNotice error={problem} />
      {customer.groups.length === 0 ? (
        <p className="muted">In no group.</p>
      ) : (
        <ul className="chips">
          {customer.groups.map((group) => (
            <li key={group.id}>
              {group.name}
              <button type="button" className="link small" onClick={() => void leave(group)}>
                Remove<span className="visually-hidden"> from {group.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {joinable.length > 0 && (
        <form
          noValidate
          className="inline"
          onSubmit={(event) =>
            form.submit(
              event,
              () => ({}),
              async () => {
                await api('POST', `/admin/customer-groups/${target}/customers`, { add: [customer.id] })
                setChosen('')
                await reload()
              },
            )
          }
        >
          <SelectField
            label="Add to group"
            name="group"
            value={target}
            options={joinable.map((group) => ({ value: group.id, label: group.name }))}
            onChange={(event) => setChosen(event.target.value)}
          />
          <button type="submit" disabled={form.busy}>
            Add
          </button>
          <FormError message={form.formError} />
        </form>
      )}
    </Section>
  )
}
