// The delivery log: every email and SMS sent, newest first, with filters, its error, and a resend.
import { useRef, useState } from 'react'
import { api, queryString } from '../../api'
import { formatDate } from '../../format'
import { useChange, useDebounced, useListParams, useResource } from '../../hooks'
import type { ListPage } from '../../types'
import { SelectField, TextField } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Pagination } from '../../ui/page'
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
  const { params, offset, update } = useListParams()
  const [recipient, setRecipient] = useState(params.get('recipient') ?? '')
  const settled = useDebounced(recipient.trim())
  const status = params.get('status') ?? ''
  const channel = params.get('channel') ?? ''
  const template = params.get('template') ?? ''
  // A campaign's "Deliveries" link opens the log on that campaign alone.
  const campaign = params.get('campaign_id') ?? ''
  const [resent, setResent] = useState<string>()
  const keys = useRef(new Map<string, string>())

  const log = useResource<ListPage & { notifications: Delivery[] }>(
    `/admin/notifications${queryString({
      limit: PAGE_SIZE,
      offset,
      recipient: settled,
      status,
      channel,
      template,
      campaign_id: campaign,
    })}`,
  )
  const { problem, run: change } = useChange(log.reload)

  async function resend(delivery: Delivery) {
    // One key per delivery while this page is open: a double click resends once.
    const key = keys.current.get(delivery.id) ?? crypto.randomUUID()
    keys.current.set(delivery.id, key)
    if (
      await change(() =>
        api('POST', `/admin/notifications/${delivery.id}/resend`, undefined, { idempotencyKey: key }),
      )
    ) {
      setResent(delivery.recipient)
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
      {campaign && (
        <p className="muted small">
          Only the deliveries of one campaign.{' '}
          <button type="button" className="link" onClick={() => update({ campaign_id: '' })}>
            Show every delivery
          </button>
        </p>
      )}
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
        <DataTable
          columns={['Message', 'Status', { label: 'Sent', wide: true }, { label: 'Actions', hidden: true }]}
        >
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
        </DataTable>
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
