// Secret API keys for server-to-server Admin API calls: each has a role; its token shows only once.
import { useState } from 'react'
import { api } from '../api'
import { formatDate } from '../format'
import { useChange, useResource } from '../hooks'
import type { ListPage, SecretKey } from '../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'
import { useRoles } from './staff'

export function ApiKeysPage() {
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

  function check(): FieldErrors {
    return errorsOf({
      title: title.trim() ? undefined : 'Name the key after what uses it, e.g. ERP sync.',
      role: chosenRole ? undefined : 'Choose a role.',
    })
  }

  async function send() {
    const { secret_key } = await api<{ secret_key: SecretKey }>('POST', '/admin/secret-keys', {
      title: title.trim(),
      role: chosenRole,
    })
    setTitle('')
    setCreated(secret_key)
    await keys.reload()
  }

  async function revoke(key: SecretKey) {
    if (!window.confirm(`Revoke ${key.title}? Anything using it stops working.`)) return
    await change(() => api('POST', `/admin/secret-keys/${key.id}/revoke`))
  }

  return (
    <>
      <PageHeader title="API keys" subtitle="Secret keys let other systems call the Admin API with a role." />
      <ErrorNotice error={keys.error ?? problem} />
      {!keys.data && keys.loading && <Loading />}
      {keys.data?.count === 0 && <EmptyState title="No API keys yet" />}
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
                {key.revoked_at ? (
                  <span className="muted small">revoked {formatDate(key.revoked_at)}</span>
                ) : (
                  <button type="button" className="link danger-text" onClick={() => void revoke(key)}>
                    Revoke<span className="visually-hidden"> {key.title}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Section title="New API key">
        <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
          <TextField
            label="Name"
            name="title"
            value={title}
            error={form.errors.title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <SelectField
            label="Role"
            name="role"
            value={chosenRole}
            error={form.errors.role}
            options={roleOptions}
            onChange={(e) => setRole(e.target.value)}
          />
          <div className="form-actions span-2">
            <FormError message={form.formError} />
            <button type="submit" disabled={form.busy}>
              Create key
            </button>
          </div>
        </form>
        {created?.token && (
          <p className="notice" role="status">
            Copy the key now; it is not shown again: <code className="secret">{created.token}</code>
          </p>
        )}
      </Section>
    </>
  )
}
