// Campaigns: an offer template sent to a segment of customers who agreed to marketing, with progress.
import { useRef, useState } from 'react'
import { api } from '../../api'
import { formatDate, formatNumber } from '../../format'
import { useChange, useOptionalResource, useResource } from '../../hooks'
import type { CustomerGroup, ListPage } from '../../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'
import { TEMPLATE_NAMES } from './log'
import { NotificationTabs } from './tabs'

type Segment =
  | { type: 'all' }
  | { type: 'customer_group'; customer_group_id: string }
  | { type: 'inactive'; days: number }
  | { type: 'product_buyers'; product_ids: string[] }
  | { type: 'category_buyers'; category_ids: string[] }

interface Campaign {
  id: string
  name: string
  template: string
  promotion_code: string | null
  segment: Segment
  status: 'draft' | 'queueing' | 'queued'
  recipients: number
  progress: { queued: number; sent: number; delivered: number; failed: number }
  created_at: string
  sent_at: string | null
}

function describeSegment(segment: Segment, groups: Map<string, string>): string {
  switch (segment.type) {
    case 'all':
      return 'Every consenting customer'
    case 'customer_group':
      return `Group ${groups.get(segment.customer_group_id) ?? segment.customer_group_id}`
    case 'inactive':
      return `No order for ${segment.days} days`
    case 'product_buyers':
      return `Bought one of ${segment.product_ids.length} products`
    case 'category_buyers':
      return `Bought from ${segment.category_ids.length} categories`
  }
}

export function CampaignsPage() {
  const campaigns = useResource<ListPage & { campaigns: Campaign[] }>('/admin/campaigns?limit=100')
  const groups = useOptionalResource<{ customer_groups: CustomerGroup[] }>(
    'GET /admin/customer-groups',
    '/admin/customer-groups?limit=200',
  )
  const groupNames = new Map((groups.data?.customer_groups ?? []).map((group) => [group.id, group.name]))
  const { problem, run: change } = useChange(campaigns.reload)
  const sendKeys = useRef(new Map<string, string>())

  async function send(campaign: Campaign) {
    if (!window.confirm(`Send ${campaign.name} now?`)) return
    const key = sendKeys.current.get(campaign.id) ?? crypto.randomUUID()
    sendKeys.current.set(campaign.id, key)
    await change(() =>
      api('POST', `/admin/campaigns/${campaign.id}/send`, undefined, { idempotencyKey: key }),
    )
  }

  return (
    <>
      <PageHeader title="Notifications" subtitle="Emails and text messages sent to customers." />
      <NotificationTabs />
      <ErrorNotice error={campaigns.error ?? problem} />
      {!campaigns.data && campaigns.loading && <Loading />}
      {campaigns.data?.count === 0 && (
        <EmptyState title="No campaigns yet">
          Send an offer to customers who agreed to hear from you.
        </EmptyState>
      )}
      {campaigns.data && campaigns.data.count > 0 && (
        <DataTable
          columns={[
            'Campaign',
            'Status',
            { label: 'Progress', wide: true },
            { label: 'Actions', hidden: true },
          ]}
        >
          {campaigns.data.campaigns.map((campaign) => (
            <tr key={campaign.id}>
              <td>
                {campaign.name}
                <span className="muted small block">
                  {describeSegment(campaign.segment, groupNames)}
                  {campaign.promotion_code && ` · code ${campaign.promotion_code}`}
                </span>
              </td>
              <td>
                <Badge value={campaign.status === 'draft' ? 'draft' : campaign.status} />
                {campaign.sent_at && (
                  <span className="muted small block">{formatDate(campaign.sent_at)}</span>
                )}
              </td>
              <td className="hide-sm small">
                {formatNumber(campaign.recipients)} recipients ·{' '}
                {campaign.progress.sent + campaign.progress.delivered} sent · {campaign.progress.failed}{' '}
                failed
              </td>
              <td className="cell-actions">
                {campaign.status === 'draft' && (
                  <button type="button" onClick={() => void send(campaign)}>
                    Send<span className="visually-hidden"> {campaign.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <NewCampaign groups={groups.data?.customer_groups ?? []} reload={campaigns.reload} />
    </>
  )
}

function NewCampaign({ groups, reload }: { groups: CustomerGroup[]; reload: () => Promise<void> }) {
  const form = useForm()
  const [name, setName] = useState('')
  const [template, setTemplate] = useState('offer')
  const [code, setCode] = useState('')
  const [segmentType, setSegmentType] = useState<'all' | 'customer_group' | 'inactive'>('all')
  const [group, setGroup] = useState('')
  const [days, setDays] = useState('90')
  const chosenGroup = group || groups[0]?.id || ''

  function check(): FieldErrors {
    return errorsOf({
      name: name.trim() ? undefined : 'Name the campaign, e.g. Spring sale.',
      'segment.customer_group_id':
        segmentType === 'customer_group' && !chosenGroup ? 'Create a customer group first.' : undefined,
      'segment.days':
        segmentType === 'inactive' && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)
          ? 'Enter a number of days from 1 to 3650.'
          : undefined,
    })
  }

  async function send() {
    const segment =
      segmentType === 'customer_group'
        ? { type: segmentType, customer_group_id: chosenGroup }
        : segmentType === 'inactive'
          ? { type: segmentType, days: Number(days) }
          : { type: segmentType }
    await api('POST', '/admin/campaigns', {
      name: name.trim(),
      template,
      promotion_code: code.trim() || null,
      segment,
    })
    setName('')
    setCode('')
    await reload()
  }

  return (
    <Section title="New campaign">
      <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <TextField
          label="Name"
          name="name"
          value={name}
          error={form.errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label="Template"
          name="template"
          value={template}
          error={form.errors.template}
          options={['offer', 'welcome'].map((value) => ({ value, label: TEMPLATE_NAMES[value] ?? value }))}
          onChange={(e) => setTemplate(e.target.value)}
        />
        <TextField
          label="Promotion code"
          name="promotion_code"
          hint="Optional: the code the message offers."
          value={code}
          error={form.errors.promotion_code}
          onChange={(e) => setCode(e.target.value)}
        />
        <SelectField
          label="Send to"
          name="segment.type"
          value={segmentType}
          error={form.errors['segment.type']}
          options={[
            { value: 'all', label: 'Every consenting customer' },
            { value: 'customer_group', label: 'A customer group' },
            { value: 'inactive', label: 'Customers who have not ordered lately' },
          ]}
          onChange={(e) => setSegmentType(e.target.value as typeof segmentType)}
        />
        {segmentType === 'customer_group' && (
          <SelectField
            label="Customer group"
            name="segment.customer_group_id"
            value={chosenGroup}
            error={form.errors['segment.customer_group_id']}
            options={groups.map((item) => ({ value: item.id, label: item.name }))}
            onChange={(e) => setGroup(e.target.value)}
          />
        )}
        {segmentType === 'inactive' && (
          <TextField
            label="Days without an order"
            name="segment.days"
            inputMode="numeric"
            value={days}
            error={form.errors['segment.days']}
            onChange={(e) => setDays(e.target.value)}
          />
        )}
        <div className="form-actions span-2">
          <FormError message={form.formError} />
          <button type="submit" disabled={form.busy}>
            Create draft
          </button>
        </div>
      </form>
    </Section>
  )
}
