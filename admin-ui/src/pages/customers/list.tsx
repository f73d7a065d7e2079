// Customers: search, filter by account and group, pages from the server; and the customer groups.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, queryString } from '../../api'
import { formatDate } from '../../format'
import { useChange, useDebounced, useListParams, useResource } from '../../hooks'
import type { Customer, CustomerGroup, ListPage } from '../../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Pagination, Section } from '../../ui/page'

const PAGE_SIZE = 20

export function nameOf(customer: Pick<Customer, 'first_name' | 'last_name' | 'email'>): string {
  return [customer.first_name, customer.last_name].filter(Boolean).join(' ') || customer.email
}

export function CustomerListPage() {
  const navigate = useNavigate()
  const { params, offset, update } = useListParams()
  const [search, setSearch] = useState(params.get('q') ?? '')
  const q = useDebounced(search.trim())
  const account = params.get('has_account') ?? ''
  const group = params.get('group') ?? ''

  const customers = useResource<ListPage & { customers: Customer[] }>(
    `/admin/customers${queryString({
      q,
      limit: PAGE_SIZE,
      offset,
      has_account: account || undefined,
      groups: group ? [group] : undefined,
    })}`,
  )
  const groups = useResource<ListPage & { customer_groups: CustomerGroup[] }>(
    '/admin/customer-groups?limit=200',
  )
  const page = customers.data
  const filtered = Boolean(q || account || group)

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle={page ? `${page.count.toLocaleString()} customers` : undefined}
      />
      <search className="filters">
        <TextField
          label="Search"
          type="search"
          placeholder="Name or email"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value)
            if (offset) update({ offset: '' })
          }}
        />
        <SelectField
          label="Account"
          value={account}
          options={[
            { value: '', label: 'All customers' },
            { value: 'true', label: 'With an account' },
            { value: 'false', label: 'Guests' },
          ]}
          onChange={(event) => update({ has_account: event.target.value })}
        />
        <SelectField
          label="Group"
          value={group}
          options={[
            { value: '', label: 'Any group' },
            ...(groups.data?.customer_groups ?? []).map((item) => ({ value: item.id, label: item.name })),
          ]}
          onChange={(event) => update({ group: event.target.value })}
        />
      </search>
      <ErrorNotice error={customers.error} />
      {!page && customers.loading && <Loading />}
      {page && page.count === 0 && (
        <EmptyState title={filtered ? 'No customer matches' : 'No customers yet'}>
          {filtered
            ? 'Try another search or clear the filters.'
            : 'Shoppers appear here when they order or sign up.'}
        </EmptyState>
      )}
      {page && page.count > 0 && (
        <DataTable
          columns={['Customer', 'Account', { label: 'Groups', wide: true }, { label: 'Since', wide: true }]}
          busy={customers.loading}
        >
          {page.customers.map((customer) => (
            <tr key={customer.id} className="clickable" onClick={() => navigate(`/customers/${customer.id}`)}>
              <td>
                <Link to={`/customers/${customer.id}`}>{nameOf(customer)}</Link>
                <span className="muted small block">{customer.email}</span>
              </td>
              <td>{customer.has_account ? 'Account' : 'Guest'}</td>
              <td className="hide-sm">{customer.groups.map((item) => item.name).join(', ') || '—'}</td>
              <td className="hide-sm">{formatDate(customer.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          count={page.count}
          onChange={(next) => update({ offset: next ? String(next) : '' })}
        />
      )}
      <GroupsSection groups={groups.data?.customer_groups ?? []} reload={groups.reload} />
    </>
  )
}

function GroupsSection({ groups, reload }: { groups: CustomerGroup[]; reload: () => Promise<void> }) {
  const form = useForm()
  const [name, setName] = useState('')
  const { problem, run: change } = useChange(reload)

  async function remove(group: CustomerGroup) {
    if (!window.confirm(`Delete the group ${group.name}? Its customers stay.`)) return
    await change(() => api('DELETE', `/admin/customer-groups/${group.id}`))
  }

  return (
    <Section title="Customer groups">
      <ErrorNotice error={problem} />
      {groups.length === 0 ? (
        <p className="muted">No groups yet. Groups let promotions and campaigns target customers.</p>
      ) : (
        <ul className="chips">
          {groups.map((group) => (
            <li key={group.id}>
              {group.name}
              <button type="button" className="link danger-text small" onClick={() => void remove(group)}>
                Delete<span className="visually-hidden"> group {group.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        className="inline"
        onSubmit={(event) =>
          form.submit(
            event,
            (): FieldErrors =>
              errorsOf({ name: name.trim() ? undefined : 'Name the group, e.g. Wholesale.' }),
            async () => {
              await api('POST', '/admin/customer-groups', { name: name.trim() })
              setName('')
              await reload()
            },
          )
        }
      >
        <TextField label="New group name" {...form.field('name', name, setName)} />
        <button type="submit" disabled={form.busy}>
          Create group
        </button>
        <FormError message={form.formError} />
      </form>
    </Section>
  )
}
