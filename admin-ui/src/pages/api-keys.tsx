// API keys: secret keys for server-to-server Admin API calls (each has a role; its token shows only
// once), and the publishable keys storefronts send, each for its sales channels.
import { useState } from 'react'
import { api } from '../api'
import { formatDate } from '../format'
import { useChange, useResource } from '../hooks'
import type { ListPage, SalesChannel, SecretKey } from '../types'
import { errorsOf, Form, SelectField, TextField, useForm } from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'
import { useRoles } from './staff'

interface PublishableKey {
  id: string
  token: string
  title: string
  sales_channel_ids: string[]
  revoked_at: string | null
  created_at: string
}

export function ApiKeysPage() {
  return (
    <>
      <PageHeader
        title="API keys"
        subtitle="Secret keys let other systems call the Admin API with a role; storefronts send a publishable key."
      />
      <SecretKeys />
      <PublishableKeys />
    </>
  )
}

/** Revoked, or a button that revokes after asking. */
function RevokeCell({
  title,
  revokedAt,
  revoke,
}: {
  title: string
  revokedAt: string | null
  revoke: () => void
}) {
  if (revokedAt) return <span className="muted small">revoked {formatDate(revokedAt)}</span>
  return (
    <button
      type="button"
      className="link danger-text"
      onClick={() => {
        if (window.confirm(`Revoke ${title}? Anything using it stops working.`)) revoke()
      }}
    >
      Revoke<span className="visually-hidden"> {title}</span>
    </button>
  )
}

function SecretKeys() {
  const keys = useResource<ListPage & { secret_keys: SecretKey[] }>('/admin/secret-keys?limit=200')
  const roles = useRoles()
  const form = useForm()
  const [title, setTitle] = useState('')
  const [role, setRole] = useState('')
  const [created, setCreated] = useState<SecretKey>()
  const { problem, run: change } = useChange(keys.reload)
  const roleOptions = (roles.data?.roles ?? []).map((item) => ({ value: item.name, label: item.name }))
  const chosenRole =
    role || roleOptions.find((option) => option.value === 'analyst')?.value || roleOptions[0]?.value || ''

  async function send() {
    const { secret_key } = await api<{ secret_key: SecretKey }>('POST', '/admin/secret-keys', {
      title: title.trim(),
      role: chosenRole,
    })
    setTitle('')
    setCreated(secret_key)
    await keys.reload()
  }

  return (
    <Section title="Secret keys">
      <ErrorNotice error={keys.error ?? problem} />
      {!keys.data && keys.loading && <Loading />}
      {keys.data?.count === 0 && <EmptyState title="No secret keys yet" />}
      {keys.data && keys.data.count > 0 && (
        <DataTable
          columns={['Key', 'Role', { label: 'Created', wide: true }, { label: 'Actions', hidden: true }]}
        >
          {keys.data.secret_keys.map((key) => (
            <tr key={key.id}>
              <td>
                {key.title}
                <code className="small block">{key.redacted}</code>
              </td>
              <td>
                <Badge value={key.role} />
              </td>
              <td className="hide-sm">{formatDate(key.created_at)}</td>
              <td className="cell-actions">
                <RevokeCell
                  title={key.title}
                  revokedAt={key.revoked_at}
                  revoke={() => void change(() => api('POST', `/admin/secret-keys/${key.id}/revoke`))}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Form
        formClassName="grid-2 separated"
        form={form}
        check={() =>
          errorsOf({
            title: title.trim() ? undefined : 'Name the key after what uses it, e.g. ERP sync.',
            role: chosenRole ? undefined : 'Choose a role.',
          })
        }
        send={send}
        label="Create secret key"
      >
        <TextField label="Secret key name" {...form.field('title', title, setTitle)} />
        <SelectField label="Role" options={roleOptions} {...form.field('role', chosenRole, setRole)} />
      </Form>
      {created?.token && (
        <p className="notice" role="status">
          Copy the key now; it is not shown again: <code className="secret">{created.token}</code>
        </p>
      )}
    </Section>
  )
}

function PublishableKeys() {
  const keys = useResource<ListPage & { publishable_keys: PublishableKey[] }>(
    '/admin/publishable-keys?limit=200',
  )
  const channels = useResource<{ sales_channels: SalesChannel[] }>('/admin/sales-channels?limit=200')
  const channelList = channels.data?.sales_channels ?? []
  const channelNames = new Map(channelList.map((channel) => [channel.id, channel.name]))
  const form = useForm()
  const [title, setTitle] = useState('')
  const [channel, setChannel] = useState('')
  const chosenChannel = channel || channelList[0]?.id || ''
  const { problem, run: change } = useChange(keys.reload)

  async function send() {
    await api('POST', '/admin/publishable-keys', { title: title.trim(), sales_channel_ids: [chosenChannel] })
    setTitle('')
    await keys.reload()
  }

  return (
    <Section title="Publishable keys">
      <ErrorNotice error={keys.error ?? problem} />
      {!keys.data && keys.loading && <Loading />}
      {keys.data?.count === 0 && <EmptyState title="No publishable keys yet" />}
      {keys.data && keys.data.count > 0 && (
        <DataTable
          columns={['Key', { label: 'Sales channels', wide: true }, { label: 'Actions', hidden: true }]}
        >
          {keys.data.publishable_keys.map((key) => (
            <tr key={key.id}>
              <td>
                {key.title}
                <code className="small block secret">{key.token}</code>
              </td>
              <td className="hide-sm">
                {key.sales_channel_ids.map((id) => channelNames.get(id) ?? id).join(', ') || '—'}
              </td>
              <td className="cell-actions">
                <RevokeCell
                  title={key.title}
                  revokedAt={key.revoked_at}
                  revoke={() => void change(() => api('POST', `/admin/publishable-keys/${key.id}/revoke`))}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {channelList.length === 0 ? (
        <p className="muted">Create a sales channel first: a publishable key opens one to a storefront.</p>
      ) : (
        <Form
          formClassName="grid-2 separated"
          form={form}
          check={() => errorsOf({ title: title.trim() ? undefined : 'Name the key, e.g. Web shop.' })}
          send={send}
          label="Create publishable key"
        >
          <TextField label="Publishable key name" {...form.field('title', title, setTitle)} />
          <SelectField
            label="For sales channel"
            options={channelList.map((item) => ({ value: item.id, label: item.name }))}
            {...form.field('sales_channel_ids', chosenChannel, setChannel)}
          />
        </Form>
      )}
    </Section>
  )
}
