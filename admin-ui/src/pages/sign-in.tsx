// Staff sign-in: email and password to /auth/user/emailpass; the API's error shows next to the form.
import { type FormEvent, useState } from 'react'
import { ApiError, api, session } from '../api'

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    if (!email.includes('@')) return setError('Enter the email address you were invited with.')
    if (!password) return setError('Enter your password.')
    setBusy(true)
    try {
      const signedIn = await api<{ token: string; refresh_token: string }>('POST', '/auth/user/emailpass', {
        email,
        password,
      })
      session.token = signedIn.token
      session.refreshToken = signedIn.refresh_token
      onSignedIn()
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'Wrong email or password.'
          : caught instanceof Error
            ? caught.message
            : 'Sign-in failed.',
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit} noValidate>
        <h1>Sign in to Shopwright</h1>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
