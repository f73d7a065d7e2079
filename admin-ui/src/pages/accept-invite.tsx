// Accepting a staff invite: the link carries the token; the new staff member picks a password.
import { type FormEvent, useState } from 'react'
import { ApiError, api, session } from '../api'
import { errorsOf, FormError, TextField, useForm } from '../ui/form'

export function AcceptInvitePage({ onSignedIn }: { onSignedIn: () => void }) {
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  const form = useForm()
  const [firstName, setFirstName] = useState('')
  const [lastName, setLastName] = useState('')
  const [password, setPassword] = useState('')

  async function send() {
    try {
      const answer = await api<{ token: string; refresh_token: string }>('POST', '/auth/invites/accept', {
        token,
        password,
        first_name: firstName.trim() || null,
        last_name: lastName.trim() || null,
      })
      session.token = answer.token
      session.refreshToken = answer.refresh_token
      window.history.replaceState(null, '', '/app/')
      onSignedIn()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401)
        throw new Error('This invite has expired or was withdrawn.')
      throw caught
    }
  }

  return (
    <main className="sign-in">
      <form
        className="card"
        noValidate
        onSubmit={(event: FormEvent) =>
          form.submit(
            event,
            () =>
              errorsOf({
                password: password.length >= 8 ? undefined : 'Choose a password of at least 8 characters.',
              }),
            send,
          )
        }
      >
        <h1>Join the Shopwright admin</h1>
        {!token && (
          <p className="error">This link has no invite in it. Open the link from your invite email.</p>
        )}
        <TextField
          label="First name"
          name="first_name"
          autoComplete="given-name"
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
        />
        <TextField
          label="Last name"
          name="last_name"
          autoComplete="family-name"
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          {...form.field('password', password, setPassword)}
        />
        <FormError message={form.formError} />
        <button type="submit" disabled={form.busy || !token}>
          {form.busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  )
}
