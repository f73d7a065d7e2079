// Roles: the built-in ones and custom roles, each a list of permissions (`product:write`, `order:*`).
import { useState } from 'react'
import { api } from '../api'
import { useChange } from '../hooks'
import type { Role } from '../types'
import { errorsOf, type FieldErrors, Form, TextAreaField, TextField, useForm } from '../ui/form'
import { DataTable, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'
import { useRoles } from './staff'

const PERMISSION = /^(\*|[a-z_]+:(\*|read|write)|\*:(read|write))$/

function permissionsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ]
}

export function RolesPage() {
  const roles = useRoles()
  const { problem, run: change } = useChange(roles.reload)

  async function remove(role: Role) {
    if (!window.confirm(`Delete the role ${role.name}?`)) return
    await change(() => api('DELETE', `/admin/roles/${role.id}`))
  }

  return (
    <>
      <PageHeader title="Roles" subtitle="What each role lets staff and API keys do." />
      <ErrorNotice error={roles.error ?? problem} />
      {!roles.data && roles.loading && <Loading />}
      {roles.data && (
        <DataTable columns={['Role', 'Permissions', { label: 'Actions', hidden: true }]}>
          {roles.data.roles.map((role) => (
            <tr key={role.id}>
              <td>
                <strong>{role.name}</strong>
                <span className="muted small block">
                  {role.description ?? (role.built_in ? 'built in' : '')}
                </span>
              </td>
              <td className="small">
                {role.permissions.map((permission) => (
                  <code key={permission} className="permission">
                    {permission}
                  </code>
                ))}
              </td>
              <td className="cell-actions">
                {!role.built_in && (
                  <button type="button" className="link danger-text" onClick={() => void remove(role)}>
                    Delete<span className="visually-hidden"> {role.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <NewRole reload={roles.reload} />
    </>
  )
}

function NewRole({ reload }: { reload: () => Promise<void> }) {
  const form = useForm()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [permissions, setPermissions] = useState('')

  function check(): FieldErrors {
    const list = permissionsOf(permissions)
    const wrong = list.find((permission) => !PERMISSION.test(permission))
    return errorsOf({
      name: /^[a-z][a-z0-9_-]{1,63}$/.test(name)
        ? undefined
        : 'Use lower-case letters, digits, _ or -, e.g. warehouse.',
      permissions: !list.length
        ? 'List at least one permission.'
        : wrong
          ? `${wrong} is not a permission: use resource:read, resource:write or resource:*.`
          : undefined,
    })
  }

  async function send() {
    await api('POST', '/admin/roles', {
      name,
      description: description.trim() || null,
      permissions: permissionsOf(permissions),
    })
    setName('')
    setDescription('')
    setPermissions('')
    await reload()
  }

  return (
    <Section title="New role">
      <Form formClassName="grid-2" form={form} check={check} send={send} label="Create role">
        <TextField label="Name" placeholder="warehouse" {...form.field('name', name, setName)} />
        <TextField label="Description" {...form.field('description', description, setDescription)} />
        <TextAreaField
          label="Permissions"
          className="span-2"
          rows={3}
          placeholder="order:read, fulfillment:*, inventory:write"
          hint="Separate with commas or spaces: resource:read, resource:write, resource:* or *:read."
          {...form.field('permissions', permissions, setPermissions)}
        />
      </Form>
    </Section>
  )
}
