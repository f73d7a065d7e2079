// Campaigns: an offer template sent to a segment of customers who agreed to marketing, previewed before
// sending, with progress and a link to their deliveries in the log.
import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { ApiError, api, queryString } from '../../api'
import { formatDate, formatNumber } from '../../format'
import { useChange, useOptionalResource, useResource } from '../../hooks'
import type { CustomerGroup, ListPage } from '../../types'
import { errorsOf, type FieldErrors, Form, SelectField, TextField, useForm } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'
import { TEMPLATE_NAMES } from './log'
import { MessagePreview, type RenderedMessage } from './preview'
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
  locale: string
  promotion_code: string | null
  segment: Segment
  data: Record<string, unknown>
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
  const [preview, setPreview] = useState<{ campaign: Campaign; message: RenderedMessage }>()

  /** Renders the campaign's template as a recipient gets it, with sample customer data. */
  async function showPreview(campaign: Campaign) {
    await change(async () => {
      const answer = await api<{ preview: RenderedMessage }>(
        'POST',
        `/admin/notification-templates/${campaign.template}/preview`,
        {
          locale: campaign.locale,
          data: { ...campaign.data, promotion_code: campaign.promotion_code },
        },
      )
      setPreview({ campaign, message: answer.preview })
    })
  }

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
                {campaign.status === 'draft' ? (
                  <>
                    <button type="button" className="link" onClick={() => void showPreview(campaign)}>
                      Preview<span className="visually-hidden"> {campaign.name}</span>
                    </button>{' '}
                    <button type="button" onClick={() => void send(campaign)}>
                      Send<span className="visually-hidden"> {campaign.name}</span>
                    </button>
                  </>
                ) : (
                  <Link to={`/notifications?campaign_id=${campaign.id}`}>
                    Deliveries<span className="visually-hidden"> of {campaign.name}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {preview && (
        <Section
          title={`Preview of ${preview.campaign.name}`}
          actions={
            <button type="button" className="secondary" onClick={() => setPreview(undefined)}>
              Close preview
            </button>
          }
        >
          <MessagePreview preview={preview.message} title={`Preview of ${preview.campaign.name}`} />
        </Section>
      )}
      <NewCampaign groups={groups.data?.customer_groups ?? []} reload={campaigns.reload} />
    </>
  )
}

/** An offer whose code no promotion has would reach customers unusable: refused at the code field. */
async function requirePromotion(code: string): Promise<void> {
  const { count } = await api<ListPage>('GET', `/admin/promotions${queryString({ code, limit: 1 })}`)
  if (count === 0)
    throw new ApiError(400, 'invalid_data', 'No promotion has this code.', [
      { field: 'promotion_code', message: 'No promotion has this code: create it first.' },
    ])
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
    const promotionCode = code.trim().toUpperCase() || null
    if (promotionCode) await requirePromotion(promotionCode)
    await api('POST', '/admin/campaigns', {
      name: name.trim(),
      template,
      promotion_code: promotionCode,
      segment,
    })
    setName('')
    setCode('')
    await reload()
  }

  return (
    <Section title="New campaign">
      <Form formClassName="grid-2" form={form} check={check} send={send} label="Create draft">
        <TextField label="Name" {...form.field('name', name, setName)} />
        <SelectField
          label="Template"
          options={['offer', 'welcome'].map((value) => ({ value, label: TEMPLATE_NAMES[value] ?? value }))}
          {...form.field('template', template, setTemplate)}
        />
        <TextField
          label="Promotion code"
          hint="Optional: the code the message offers."
          {...form.field('promotion_code', code, setCode)}
        />
        <SelectField
          label="Send to"
          options={[
            { value: 'all', label: 'Every consenting customer' },
            { value: 'customer_group', label: 'A customer group' },
            { value: 'inactive', label: 'Customers who have not ordered lately' },
          ]}
          {...form.field('segment.type', segmentType, (value) => setSegmentType(value as typeof segmentType))}
        />
        {segmentType === 'customer_group' && (
          <SelectField
            label="Customer group"
            options={groups.map((item) => ({ value: item.id, label: item.name }))}
            {...form.field('segment.customer_group_id', chosenGroup, setGroup)}
          />
        )}
        {segmentType === 'inactive' && (
          <TextField
            label="Days without an order"
            inputMode="numeric"
            {...form.field('segment.days', days, setDays)}
          />
        )}
      </Form>
    </Section>
  )
}
