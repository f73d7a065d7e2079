// What the signed-in staff member may do, and the one place the UI decides it: the permissions come
// from GET /admin/users/me (the server resolves the role's wildcards), `can` answers from them, the
// route table asks it for each screen and its menu entry, and `useRoutes` for each API call.
import { createContext, type ReactNode, useContext, useEffect, useId, useState } from 'react'
import { api, session } from './api'
import type { Needed } from './screens'
import type { StaffUser } from './types'
import { EmptyState, ErrorNotice, Loading, PageHeader } from './ui/page'

export interface Access {
  /** The signed-in user; null in a session opened with a secret key (scripts, tests). */
  user: (StaffUser & { permissions: string[] }) | null
  can: (needed: Needed) => boolean
  /** The needed permissions this staff member lacks, to say why something is out of reach. */
  missing: (needed: Needed) => string[]
}

const list = (needed: Needed): readonly string[] => (typeof needed === 'string' ? [needed] : needed)

function accessOf(user: Access['user']): Access {
  // A secret key has a role but no user to ask about: the UI shows everything and the API still
  // answers each call for the key's role.
  const granted = user ? new Set(user.permissions) : undefined
  const missing = (needed: Needed) => (granted ? list(needed).filter((one) => !granted.has(one)) : [])
  return { user, missing, can: (needed) => missing(needed).length === 0 }
}

const AccessContext = createContext<Access>(accessOf(null))

/** A staff sign-in token is a JWT (three dot-separated parts); a secret API key is not. */
function signedInAsUser(): boolean {
  return (session.token ?? '').split('.').length === 3
}

/** Loads who is signed in before showing anything that depends on it. */
export function AccessProvider({ children }: { children: ReactNode }) {
  const [access, setAccess] = useState<Access>()
  const [error, setError] = useState<Error>()
  useEffect(() => {
    if (!signedInAsUser()) {
      setAccess(accessOf(null))
      return
    }
    api<{ user: StaffUser & { permissions: string[] } }>('GET', '/admin/users/me')
      .then(({ user }) => setAccess(accessOf(user)))
      .catch((caught: Error) => setError(caught))
  }, [])
  if (error) return <ErrorNotice error={error} />
  if (!access) return <Loading />
  return <AccessContext.Provider value={access}>{children}</AccessContext.Provider>
}

export function useAccess(): Access {
  return useContext(AccessContext)
}

function roleOf(user: Access['user']): string {
  return user ? `your role (${user.role})` : 'this key'
}

/** Shown instead of a screen the staff member may not open: a clear answer rather than 403s. */
export function NoAccess({ needed }: { needed: Needed }) {
  const { user, missing } = useAccess()
  return (
    <>
      <PageHeader title="You do not have access to this page" />
      <EmptyState
        title={`This page needs ${missing(needed).join(' and ')}, which ${roleOf(user)} does not have.`}
      >
        Ask an owner or admin to change your role, or choose a section from the menu.
      </EmptyState>
    </>
  )
}

/**
 * A screen whose every control changes something: without `needed`, it is shown with its controls
 * disabled and the reason above them, so staff who may look still see everything.
 */
export function ChangesNeed({ needed, children }: { needed: Needed; children: ReactNode }) {
  const { user, can, missing } = useAccess()
  const reason = useId()
  if (can(needed)) return children
  return (
    <>
      <p className="notice read-only" role="note" id={reason}>
        You can look here but not change anything: {roleOf(user)} does not have{' '}
        {missing(needed).join(' and ')}.
      </p>
      <fieldset disabled aria-describedby={reason}>
        {children}
      </fieldset>
    </>
  )
}
