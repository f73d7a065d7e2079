// Staff: who can sign in to the admin and with which role; invites for new staff.
import { useState } from 'react'
import { api } from '../api'
import { formatDate } from '../format'
import { useChange, useResource } from '../hooks'
import type { Invite, ListPage, Role, StaffUser } from '../types'
import { errorsOf, type FieldErrors, Form, SelectField, TextField, useForm } from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function useRoles() {
  return useResource<{ roles: Role[] }>('/admin/roles')
}

export function StaffPage() {
  const users = useResource<ListPage & { users: StaffUser[] }>('/admin/users?limit=200')
  const invites = useResource<ListPage & { invites: Invite[] }>('/admin/invites?limit=200')
  const roles = useRoles()
  const roleOptions = (roles.data?.roles ?? []).map((role) => ({ value: role.name, label: role.name }))
  const { problem, run: change } = useChange(users.reload)

  return (
    <>
      <PageHeader title="Staff" subtitle="Who can sign in to this admin, and what their role lets them do." />
      <ErrorNotice error={users.error ?? problem} />
      {!users.data && users.loading && <Loading />}
      {users.data?.count === 0 && (
        <EmptyState title="No staff accounts yet">Invite your team below; they choose a password.</EmptyState>
      )}
      {users.data && users.data.count > 0 && (
        <DataTable
          columns={['Name', 'Role', { label: 'Since', wide: true }, { label: 'Actions', hidden: true }]}
        >
          {users.data.users.map((user) => (
            <tr key={user.id}>
              <td>
                {[user.first_name, user.last_name].filter(Boolean).join(' ') || user.email}
                <span className="muted small block">{user.email}</span>
              </td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(event) =>
                    void change(
                      () => api('POST', `/admin/users/${user.id}`, { role: event.target.value }),
                      users.reload,
                    )
                  }
                >
                  {roleOptions.some((option) => option.value === user.role) ? null : (
                    <option value={user.role}>{user.role}</option>
                  )}
                  {roleOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </td>
              <td className="hide-sm">{formatDate(user.created_at)}</td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="link danger-text"
                  onClick={() => {
                    if (window.confirm(`Remove ${user.email} from the staff?`))
                      void change(() => api('DELETE', `/admin/users/${user.id}`), users.reload)
                  }}
                >
                  Remove<span className="visually-hidden"> {user.email}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <InviteSection
        roles={roleOptions}
        invites={invites.data?.invites ?? []}
        reload={invites.reload}
        act={change}
      />
    </>
  )
}

function InviteSection({
  roles,
  invites,
  reload,
  act,
}: {
  roles: Array<{ value: string; label: string }>
  invites: Invite[]
  reload: () => Promise<void>
  act: (work: () => Promise<unknown>, reload: () => Promise<void>) => Promise<boolean>
}) {
  const form = useForm()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState('')
  const [sent, setSent] = useState<Invite>()
  const chosenRole =
    role || roles.find((option) => option.value === 'catalog')?.value || roles[0]?.value || ''
  const open = invites.filter((invite) => !invite.accepted)

  function check(): FieldErrors {
    return errorsOf({
      email: EMAIL.test(email.trim()) ? undefined : 'Enter the email address to invite.',
      role: chosenRole ? undefined : 'Choose a role.',
    })
  }

  async function send() {
    const { invite } = await api<{ invite: Invite }>('POST', '/admin/invites', {
      email: email.trim(),
      role: chosenRole,
    })
    setEmail('')
    setSent(invite)
    await reload()
  }

  const link = sent?.token
    ? `${window.location.origin}/app/invite?token=${encodeURIComponent(sent.token)}`
    : ''
  return (
    <Section title="Invites">
      {open.length === 0 ? (
        <p className="muted">No open invites.</p>
      ) : (
        <ul className="plain-rows">
          {open.map((invite) => (
            <li key={invite.id}>
              <span>
                {invite.email} <Badge value={invite.role} />
                <span className="muted small block">expires {formatDate(invite.expires_at)}</span>
              </span>
              <button
                type="button"
                className="link danger-text"
                onClick={() => void act(() => api('DELETE', `/admin/invites/${invite.id}`), reload)}
              >
                Withdraw<span className="visually-hidden"> the invite of {invite.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Form formClassName="grid-2" form={form} check={check} send={send} label="Send invite">
        <TextField label="Email" type="email" {...form.field('email', email, setEmail)} />
        <SelectField label="Role" options={roles} {...form.field('role', chosenRole, setRole)} />
      </Form>
      {sent && (
        <p className="notice" role="status">
          Invited {sent.email}.{' '}
          {link && (
            <>
              They can accept at <code className="secret">{link}</code>
            </>
          )}
        </p>
      )}
      {open.length === 0 && roles.length === 0 && <EmptyState title="No roles to invite with" />}
    </Section>
  )
}
