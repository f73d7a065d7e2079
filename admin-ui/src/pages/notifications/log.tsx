// The delivery log: every email and SMS sent, newest first, with filters, its error, and a resend.
import { useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { api, queryString } from '../../api'
import { formatDate } from '../../format'
import { useDebounced, useResource } from '../../hooks'
import type { ListPage } from '../../types'
import { SelectField, TextField } from '../../ui/form'
import { Badge, EmptyState, ErrorNotice, Loading, PageHeader, Pagination } from '../../ui/page'
import { NotificationTabs } from './tabs'

export interface Delivery {
  id: string
  template: string
  channel: 'email' | 'sms'
  recipient: string
  status: 'queued' | 'sent' | 'delivered' | 'failed'
  provider_id: string
  attempts: number
  last_error: string | null
  created_at: string
  sent_at: string | null
}

const PAGE_SIZE = 25
export const TEMPLATE_NAMES: Record<string, string> = {
  order_confirmation: 'Order confirmation',
  order_shipped: 'Order shipped',
  order_canceled: 'Order canceled',
  refund_issued: 'Refund issued',
  welcome: 'Welcome',
  email_verification: 'Email verification',
  otp_code: 'One-time code',
  password_reset: 'Password reset',
  offer: 'Offer',
}

export function NotificationLogPage() {
  const [params, setParams] = useSearchParams()
  const [recipient, setRecipient] = useState(params.get('recipient') ?? '')
  const settled = useDebounced(recipient.trim())
  const offset = Number(params.get('offset') ?? 0) || 0
  const status = params.get('status') ?? ''
  const channel = params.get('channel') ?? ''
  const template = params.get('template') ?? ''
  const [problem, setProblem] = useState<Error>()
  const [resent, setResent] = useState<string>()
  const keys = useRef(new Map<string, string>())

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params)
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value)
      else next.delete(key)
    }
    if (!('offset' in changes)) next.delete('offset')
    setParams(next, { replace: true })
  }

  const log = useResource<ListPage & { notifications: Delivery[] }>(
    `/admin/notifications${queryString({
      limit: PAGE_SIZE,
      offset,
      recipient: settled,
      status,
      channel,
      template,
    })}`,
  )

  async function resend(delivery: Delivery) {
    // One key per delivery while this page is open: a double click resends once.
    const key = keys.current.get(delivery.id) ?? crypto.randomUUID()
    keys.current.set(delivery.id, key)
    try {
      await api('POST', `/admin/notifications/${delivery.id}/resend`, undefined, { idempotencyKey: key })
      setProblem(undefined)
      setResent(delivery.recipient)
      await log.reload()
    } catch (caught) {
      setProblem(caught as Error)
    }
  }

  const page = log.data
  return (
    <>
      <PageHeader title="Notifications" subtitle="Emails and text messages sent to customers." />
      <NotificationTabs />
      <search className="filters">
        <TextField
          label="Recipient"
          type="search"
          placeholder="Email or phone"
          value={recipient}
          onChange={(event) => setRecipient(event.target.value)}
        />
        <SelectField
          label="Status"
          value={status}
          options={[
            { value: '', label: 'Any status' },
            ...['queued', 'sent', 'delivered', 'failed'].map((value) => ({ value, label: value })),
          ]}
          onChange={(event) => update({ status: event.target.value })}
        />
        <SelectField
          label="Channel"
          value={channel}
          options={[
            { value: '', label: 'Email and SMS' },
            { value: 'email', label: 'Email' },
            { value: 'sms', label: 'SMS' },
          ]}
          onChange={(event) => update({ channel: event.target.value })}
        />
        <SelectField
          label="Template"
          value={template}
          options={[
            { value: '', label: 'Any template' },
            ...Object.entries(TEMPLATE_NAMES).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(event) => update({ template: event.target.value })}
        />
      </search>
      <ErrorNotice error={log.error ?? problem} />
      {resent && (
        <p className="notice" role="status">
          Sent again to {resent}.
        </p>
      )}
      {!page && log.loading && <Loading />}
      {page?.count === 0 && (
        <EmptyState title="Nothing sent yet">
          Order confirmations, shipping updates and offers show here.
        </EmptyState>
      )}
      {page && page.count > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-sm">
                  Sent
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.notifications.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    {TEMPLATE_NAMES[delivery.template] ?? delivery.template}
                    <span className="muted small block">
                      {delivery.channel} to {delivery.recipient}
                    </span>
                    {delivery.last_error && <span className="field-error block">{delivery.last_error}</span>}
                  </td>
                  <td>
                    <Badge value={delivery.status} />
                    <span className="muted small block">
                      {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
                    </span>
                  </td>
                  <td className="hide-sm">{formatDate(delivery.sent_at ?? delivery.created_at)}</td>
                  <td className="cell-actions">
                    <button type="button" className="link" onClick={() => void resend(delivery)}>
                      Resend<span className="visually-hidden"> to {delivery.recipient}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          count={page.count}
          onChange={(next) => update({ offset: next ? String(next) : '' })}
        />
      )}
    </>
  )
}
