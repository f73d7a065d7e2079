// The account: sign in (password, a one-time code by email, or Google/LinkedIn when the server has
// them), register, and once signed in, the emailed code that confirms the email (which brings in the
// orders placed as a guest with it), order history with status, and saved addresses.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router'
import { AddressFields, type AddressValues, addressFrom } from '../components/address-fields'
import { Alert } from '../components/alert'
import type { PageMeta } from '../lib/meta'
import { formatMoney } from '../lib/money'
import { type Customer, useShop } from '../lib/shop'
import { errorMessage } from './cart'
import { type Order, OrderStatus } from './order'

export const accountMeta = { meta: { title: 'Your account' } satisfies PageMeta }

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', linkedin: 'LinkedIn' }

/** Runs a form's action with a busy flag and the API's message as the error. */
function useAction(fallback: string) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
    } catch (failure) {
      const status = (failure as { status?: number }).status
      setError(status === 401 ? 'Wrong email or password.' : errorMessage(failure, fallback))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, run }
}

function Field(props: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  type?: string
  autoComplete?: string
  extra?: Record<string, string | number | boolean>
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        required
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        {...props.extra}
      />
    </div>
  )
}

/** After any sign-in: load the customer and let their cart follow them. */
function useSignedIn() {
  const { store, cart, reloadCustomer } = useShop()
  return async () => {
    await reloadCustomer()
    if (cart && !cart.customer_id) await store.sdk.store.cart.transferCart(cart.id).catch(() => undefined)
  }
}

function PasswordSignIn() {
  const { store } = useShop()
  const signedIn = useSignedIn()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const action = useAction('Could not sign you in')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void action.run(async () => {
      await store.sdk.auth.login('customer', 'emailpass', { email, password })
      await signedIn()
    })
  }
  return (
    <form onSubmit={submit} aria-label="Sign in with password">
      <Field
        id="signin-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
      />
      <Field
        id="signin-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <Alert message={action.error} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        Sign in
      </button>
    </form>
  )
}

function CodeSignIn() {
  const { store } = useShop()
  const signedIn = useSignedIn()
  const [email, setEmail] = useState('')
  const [code, setCode] = useState('')
  const [sent, setSent] = useState(false)
  const action = useAction('Could not sign you in with that code')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void action.run(async () => {
      if (!sent) {
        await store.sdk.client.fetch('/auth/customer/otp/request', { method: 'POST', body: { email } })
        setSent(true)
        return
      }
      const { token } = await store.sdk.client.fetch<{ token: string }>('/auth/customer/otp/verify', {
        method: 'POST',
        body: { email, code },
      })
      await store.sdk.client.setToken(token)
      await signedIn()
    })
  }
  return (
    <form onSubmit={submit} aria-label="Sign in with a code">
      <Field
        id="code-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
      />
      {sent && (
        <>
          <p className="muted" role="status">
            We sent a 6-digit code to {email}. It is valid for 10 minutes.
          </p>
          <Field
            id="code-code"
            label="Code"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            extra={{ inputMode: 'numeric', pattern: '\\d{6}', maxLength: 6 }}
          />
        </>
      )}
      <Alert message={action.error} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {sent ? 'Sign in' : 'Email me a code'}
      </button>
    </form>
  )
}

function SocialSignIn() {
  const { store } = useShop()
  const providers = store.settings.authProviders.filter((id) => PROVIDER_NAMES[id])
  const action = useAction('Could not start signing in')
  if (!providers.length) return null
  return (
    <div className="social">
      {providers.map((provider) => (
        <button
          key={provider}
          type="button"
          className="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const result = await store.sdk.auth.login('customer', provider, {})
              if (typeof result === 'object' && 'location' in result) window.location.assign(result.location)
            })
          }
        >
          Continue with {PROVIDER_NAMES[provider]}
        </button>
      ))}
      <Alert message={action.error} />
    </div>
  )
}

/** What the order confirmation hands to the account page: register with the order's email. */
export interface RegisterInvitation {
  register: { email: string }
}

function Register({ email: invitedEmail = '' }: { email?: string }) {
  const { store } = useShop()
  const signedIn = useSignedIn()
  const [values, setValues] = useState({ first_name: '', last_name: '', email: invitedEmail, password: '' })
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value })
  const action = useAction('Could not create your account')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void action.run(async () => {
      const { email, password, first_name, last_name } = values
      await store.sdk.auth.register('customer', 'emailpass', { email, password })
      await store.sdk.store.customer.create({ email, first_name, last_name })
      // The registration token names no customer yet: sign in for one that does.
      await store.sdk.auth.login('customer', 'emailpass', { email, password })
      await signedIn()
    })
  }
  return (
    <form onSubmit={submit} aria-label="Create an account">
      <div className="fields-2">
        <Field
          id="register-first"
          label="First name"
          autoComplete="given-name"
          value={values.first_name}
          onChange={set('first_name')}
        />
        <Field
          id="register-last"
          label="Last name"
          autoComplete="family-name"
          value={values.last_name}
          onChange={set('last_name')}
        />
      </div>
      <Field
        id="register-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={set('email')}
      />
      <Field
        id="register-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={set('password')}
        extra={{ minLength: 8 }}
      />
      <Alert message={action.error} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        Create account
      </button>
    </form>
  )
}

function Tabs(props: { tabs: Array<[string, ReactNode]>; label: string; small?: boolean; initial?: number }) {
  const [current, setCurrent] = useState(props.initial ?? 0)
  return (
    <div>
      <div className={props.small ? 'tabs tabs-small' : 'tabs'} role="tablist" aria-label={props.label}>
        {props.tabs.map(([title], index) => (
          <button
            key={title}
            type="button"
            role="tab"
            className="button"
            aria-selected={index === current}
            onClick={() => setCurrent(index)}
          >
            {title}
          </button>
        ))}
      </div>
      <div role="tabpanel">{props.tabs[current]?.[1]}</div>
    </div>
  )
}

function SignedOut() {
  const invited = (useLocation().state as RegisterInvitation | null)?.register
  return (
    <div className="auth-box">
      <h1>Your account</h1>
      <Tabs
        label="Sign in or register"
        initial={invited ? 1 : 0}
        tabs={[
          [
            'Sign in',
            <div key="sign-in">
              <Tabs
                label="How to sign in"
                small
                tabs={[
                  ['Password', <PasswordSignIn key="password" />],
                  ['Email me a code', <CodeSignIn key="code" />],
                ]}
              />
              <SocialSignIn />
            </div>,
          ],
          ['Create account', <Register key="register" email={invited?.email} />],
        ]}
      />
    </div>
  )
}

/** How long, after the email is confirmed, the history looks again for the guest orders joining it. */
const GUEST_ORDERS_ARRIVE_MS = 10_000
const GUEST_ORDERS_LOOK_EVERY_MS = 1_000

/**
 * The customer's orders. Guest orders join the account shortly after the email is confirmed (the
 * server links them in the background), so until `arrivingUntil` the list is read again every second.
 */
function OrderHistory({ arrivingUntil = 0 }: { arrivingUntil?: number }) {
  const { store } = useShop()
  const [orders, setOrders] = useState<Order[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let stopped = false
    const load = () =>
      store.sdk.store.order
        .list({ limit: 50 })
        .then(({ orders }) => {
          if (stopped) return
          setOrders(
            (orders as Order[]).sort((a, b) => String(b.created_at).localeCompare(String(a.created_at))),
          )
        })
        .catch((failure) => setError(errorMessage(failure, 'Your orders could not be loaded')))
    void load()
    const timer = setInterval(() => {
      if (Date.now() < arrivingUntil) void load()
      else clearInterval(timer)
    }, GUEST_ORDERS_LOOK_EVERY_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [store, arrivingUntil])
  return (
    <section className="panel" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <Alert message={error} />
      {orders?.length === 0 && <p className="muted">No orders yet.</p>}
      {orders && orders.length > 0 && (
        <table className="orders">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <td>
                  <Link to={`/order/${order.id}/confirmed`}>#{order.display_id}</Link>
                </td>
                <td>{new Date(order.created_at as string).toLocaleDateString('en-US')}</td>
                <td>
                  <OrderStatus order={order} />
                </td>
                <td>{formatMoney(order.total, order.currency_code)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Addresses({ customer }: { customer: Customer }) {
  const { store, region, reloadCustomer } = useShop()
  const [adding, setAdding] = useState(false)
  const [address, setAddress] = useState<AddressValues>(() =>
    addressFrom({ country_code: region?.countries?.[0]?.iso_2 }),
  )
  const action = useAction('The address could not be saved')
  const save = (event: FormEvent) => {
    event.preventDefault()
    void action.run(async () => {
      const { phone, ...rest } = address
      await store.sdk.store.customer.createAddress({ ...rest, ...(phone ? { phone } : {}) })
      await reloadCustomer()
      setAdding(false)
    })
  }
  return (
    <section className="panel" aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">Addresses</h2>
      {(customer.addresses ?? []).length === 0 && <p className="muted">No saved addresses.</p>}
      <ul className="address-list">
        {(customer.addresses ?? []).map((saved) => (
          <li key={saved.id}>
            <address className="address">
              {saved.first_name} {saved.last_name}, {saved.address_1}, {saved.postal_code} {saved.city},{' '}
              {saved.country_code?.toUpperCase()}
            </address>
            <button
              type="button"
              className="link"
              onClick={() =>
                void action.run(async () => {
                  await store.sdk.store.customer.deleteAddress(saved.id)
                  await reloadCustomer()
                })
              }
            >
              Remove<span className="visually-hidden"> address {saved.address_1}</span>
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form onSubmit={save} aria-label="New address">
          <AddressFields prefix="new-address" values={address} region={region} onChange={setAddress} />
          <Alert message={action.error} />
          <button type="submit" className="button button-primary" disabled={action.busy}>
            Save address
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add an address
        </button>
      )}
    </section>
  )
}

interface Verification {
  entity_id: string | null
  status: 'verified' | 'unverified'
}

/** Whether the signed-in customer has confirmed their email (GET /auth/verification). */
function useVerification(): [Verification | undefined, (verification: Verification) => void] {
  const { store } = useShop()
  const [verification, setVerification] = useState<Verification>()
  useEffect(() => {
    store.sdk.client
      .fetch<{ verification: Verification }>('/auth/verification')
      // Without an answer the account works all the same: it just does not ask for the code.
      .then(
        ({ verification }) => setVerification(verification),
        () => undefined,
      )
  }, [store])
  return [verification, setVerification]
}

/** The code emailed at registration; confirming it proves the email and brings in its guest orders. */
function ConfirmEmail(props: { email: string; onConfirmed: () => void }) {
  const { store } = useShop()
  const [code, setCode] = useState('')
  const [resent, setResent] = useState(false)
  const action = useAction('That code did not work')
  const confirm = (event: FormEvent) => {
    event.preventDefault()
    void action.run(async () => {
      await store.sdk.client.fetch('/auth/verification/confirm', { method: 'POST', body: { code } })
      props.onConfirmed()
    })
  }
  const resend = () =>
    void action.run(async () => {
      await store.sdk.client.fetch('/auth/verification/request', {
        method: 'POST',
        body: { entity_id: props.email, entity_type: 'email' },
      })
      setResent(true)
    })
  return (
    <section className="panel" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Confirm your email</h2>
      <p className="muted">
        We sent a 6-digit code to {props.email}. Enter it to confirm the address: orders you placed as a guest
        with it then appear in your account.
      </p>
      <form onSubmit={confirm} aria-label="Confirm your email">
        <Field
          id="confirm-code"
          label="Confirmation code"
          autoComplete="one-time-code"
          value={code}
          onChange={setCode}
          extra={{ inputMode: 'numeric', pattern: '\\d{6}', maxLength: 6 }}
        />
        {resent && (
          <p className="muted" role="status">
            A new code is on its way. It is valid for 10 minutes.
          </p>
        )}
        <Alert message={action.error} />
        <div className="inline">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            Confirm email
          </button>
          <button type="button" className="button" disabled={action.busy} onClick={resend}>
            Send a new code
          </button>
        </div>
      </form>
    </section>
  )
}

function SignedIn({ customer }: { customer: Customer }) {
  const { signOut } = useShop()
  const [verification, setVerification] = useVerification()
  const [ordersArrivingUntil, setOrdersArrivingUntil] = useState(0)
  const confirmed = () => {
    setVerification({ entity_id: verification?.entity_id ?? null, status: 'verified' })
    setOrdersArrivingUntil(Date.now() + GUEST_ORDERS_ARRIVE_MS)
  }
  return (
    <div className="account">
      <div className="account-head">
        <h1>Hello, {customer.first_name || customer.email}</h1>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
      <p className="muted">{customer.email}</p>
      {verification?.status === 'unverified' && (
        <ConfirmEmail email={verification.entity_id ?? customer.email} onConfirmed={confirmed} />
      )}
      {ordersArrivingUntil > 0 && (
        <p className="form-status" role="status">
          Your email is confirmed. Orders you placed as a guest with it are being added to your account.
        </p>
      )}
      <OrderHistory arrivingUntil={ordersArrivingUntil} />
      <Addresses customer={customer} />
    </div>
  )
}

export function AccountPage() {
  const { customer, ready } = useShop()
  if (!ready) return <p className="muted">Loading your account…</p>
  return customer ? <SignedIn customer={customer} /> : <SignedOut />
}

/** Where Google or LinkedIn send the shopper back: trade the code for a token, then the account. */
export function AccountCallbackPage() {
  const { provider } = useParams()
  const [params] = useSearchParams()
  const { store, reloadCustomer } = useShop()
  const navigate = useNavigate()
  const [error, setError] = useState<string>()
  useEffect(() => {
    const finish = async () => {
      await store.sdk.auth.callback('customer', provider ?? '', Object.fromEntries(params))
      await reloadCustomer()
      navigate('/account', { replace: true })
    }
    finish().catch((failure) => setError(errorMessage(failure, 'Signing in did not complete')))
  }, [store, provider, params, reloadCustomer, navigate])
  return (
    <div className="auth-box">
      <h1>Signing you in…</h1>
      <Alert message={error} />
      {error && (
        <Link to="/account" className="button">
          Back to sign in
        </Link>
      )}
    </div>
  )
}
