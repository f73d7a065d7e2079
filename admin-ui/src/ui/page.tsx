// Building blocks every screen shares: header, notices, empty states, status badges, pagination.
import type { ReactNode } from 'react'
import { formatNumber } from '../format'

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string
  subtitle?: ReactNode
  actions?: ReactNode
}) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  )
}

export function ErrorNotice({ error }: { error: Error | undefined | null }) {
  if (!error) return null
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  )
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" aria-live="polite">
      {label}
    </p>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  )
}

const TONES: Record<string, string> = {
  published: 'green',
  active: 'green',
  completed: 'green',
  captured: 'green',
  shipped: 'blue',
  delivered: 'green',
  fulfilled: 'blue',
  authorized: 'blue',
  pending: 'amber',
  draft: 'grey',
  proposed: 'amber',
  requested: 'amber',
  not_fulfilled: 'amber',
  partially_fulfilled: 'amber',
  canceled: 'red',
  rejected: 'red',
  failed: 'red',
  refunded: 'grey',
  partially_refunded: 'amber',
}

export function Badge({ value }: { value: string }) {
  return <span className={`badge ${TONES[value] ?? 'grey'}`}>{value.replace(/_/g, ' ')}</span>
}

export function Pagination({
  offset,
  limit,
  count,
  onChange,
}: {
  offset: number
  limit: number
  count: number
  onChange: (offset: number) => void
}) {
  if (count === 0) return null
  const last = Math.min(offset + limit, count)
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted">
        {formatNumber(offset + 1)}–{formatNumber(last)} of {formatNumber(count)}
      </span>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous
        </button>
        <button
          type="button"
          className="secondary"
          disabled={last >= count}
          onClick={() => onChange(offset + limit)}
        >
          Next
        </button>
      </div>
    </nav>
  )
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string
  children: ReactNode
  actions?: ReactNode
}) {
  return (
    <section className="panel">
      <div className="panel-header">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  )
}

export interface Column {
  label: string
  /** Hidden at phone width. */
  wide?: boolean
  numeric?: boolean
  /** Announced, not shown (an actions column). */
  hidden?: boolean
}

/** A table of rows in the shared frame: scrolls sideways on a phone, dims while new rows load. */
export function DataTable({
  columns,
  busy = false,
  children,
}: {
  columns: Array<string | Column>
  busy?: boolean
  children: ReactNode
}) {
  return (
    <div className={`table-wrap ${busy ? 'stale' : ''}`} aria-busy={busy || undefined}>
      <table>
        <thead>
          <tr>
            {columns.map((column) => {
              const { label, wide, numeric, hidden } = typeof column === 'string' ? { label: column } : column
              const className = [wide && 'hide-sm', numeric && 'numeric'].filter(Boolean).join(' ')
              return (
                <th scope="col" key={label} className={className || undefined}>
                  {hidden ? <span className="visually-hidden">{label}</span> : label}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
