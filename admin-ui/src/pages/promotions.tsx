// Promotions: codes (or automatic discounts) taking a percentage or an amount off the order, its items
// or shipping, with dates, a minimum and usage limits.
import { useState } from 'react'
import { api } from '../api'
import { formatDate, formatMoney, fromMinorUnits, toMinorUnits } from '../format'
import { useChange, useCurrencies, useResource } from '../hooks'
import type { ListPage } from '../types'
import {
  CheckboxField,
  errorsOf,
  type FieldErrors,
  FormError,
  SelectField,
  TextField,
  useForm,
} from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

interface Promotion {
  id: string
  code: string
  is_automatic: boolean
  status: 'draft' | 'active' | 'inactive'
  starts_at: string | null
  ends_at: string | null
  application_method: {
    type: 'percentage' | 'fixed'
    value: number
    currency_code: string | null
    target_type: 'order' | 'items' | 'shipping_methods'
  }
  min_subtotal: number | null
  usage_limit: number | null
  used: number
}

const TARGETS = { order: 'the order', items: 'each item', shipping_methods: 'shipping' }

function describe(promotion: Promotion): string {
  const method = promotion.application_method
  const value =
    method.type === 'percentage'
      ? `${method.value}%`
      : formatMoney(method.value, method.currency_code ?? 'usd')
  return `${value} off ${TARGETS[method.target_type]}`
}

function local(iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

export function PromotionsPage() {
  const promotions = useResource<ListPage & { promotions: Promotion[] }>('/admin/promotions?limit=200')
  const [editing, setEditing] = useState<Promotion | null>(null)
  const { problem, run: change } = useChange(promotions.reload)

  return (
    <>
      <PageHeader title="Promotions" subtitle="Discount codes and automatic discounts." />
      <ErrorNotice error={promotions.error ?? problem} />
      {!promotions.data && promotions.loading && <Loading />}
      {promotions.data?.count === 0 && (
        <EmptyState title="No promotions yet">Create a code below.</EmptyState>
      )}
      {promotions.data && promotions.data.count > 0 && (
        <DataTable
          columns={['Code', 'Status', { label: 'Used', wide: true }, { label: 'Actions', hidden: true }]}
        >
          {promotions.data.promotions.map((promotion) => (
            <tr key={promotion.id}>
              <td>
                <code>{promotion.code}</code>
                {promotion.is_automatic && <span className="muted small"> automatic</span>}
                <span className="muted small block">
                  {describe(promotion)}
                  {promotion.ends_at && ` · until ${formatDate(promotion.ends_at)}`}
                </span>
              </td>
              <td>
                <Badge value={promotion.status} />
              </td>
              <td className="hide-sm">
                {promotion.used}
                {promotion.usage_limit !== null && ` of ${promotion.usage_limit}`}
              </td>
              <td className="cell-actions">
                <button type="button" className="link" onClick={() => setEditing(promotion)}>
                  Edit<span className="visually-hidden"> {promotion.code}</span>
                </button>{' '}
                <button
                  type="button"
                  className="link danger-text"
                  onClick={() => {
                    if (window.confirm(`Delete the promotion ${promotion.code}?`))
                      void change(() => api('DELETE', `/admin/promotions/${promotion.id}`))
                  }}
                >
                  Delete<span className="visually-hidden"> {promotion.code}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <PromotionForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onDone={async () => {
          setEditing(null)
          await promotions.reload()
        }}
      />
    </>
  )
}

function PromotionForm({ editing, onDone }: { editing: Promotion | null; onDone: () => Promise<void> }) {
  const form = useForm()
  const { currencies } = useCurrencies()
  const method = editing?.application_method
  const [code, setCode] = useState(editing?.code ?? '')
  const [automatic, setAutomatic] = useState(editing?.is_automatic ?? false)
  const [status, setStatus] = useState(editing?.status ?? 'active')
  const [type, setType] = useState<'percentage' | 'fixed'>(method?.type ?? 'percentage')
  const [target, setTarget] = useState<Promotion['application_method']['target_type']>(
    method?.target_type ?? 'order',
  )
  const [currency, setCurrency] = useState(method?.currency_code ?? '')
  const chosenCurrency = currency || currencies[0] || 'usd'
  const [value, setValue] = useState(
    method
      ? method.type === 'fixed'
        ? fromMinorUnits(method.value, chosenCurrency)
        : String(method.value)
      : '',
  )
  const [minimum, setMinimum] = useState(
    editing?.min_subtotal != null ? fromMinorUnits(editing.min_subtotal, chosenCurrency) : '',
  )
  const [limit, setLimit] = useState(editing?.usage_limit != null ? String(editing.usage_limit) : '')
  const [starts, setStarts] = useState(local(editing?.starts_at ?? null))
  const [ends, setEnds] = useState(local(editing?.ends_at ?? null))
  const needsCurrency = type === 'fixed' || Boolean(minimum)

  function check(): FieldErrors {
    const percentage = Number(value)
    return errorsOf({
      code: /^[\w-]+$/.test(code.trim()) ? undefined : 'Use letters, digits, - and _, e.g. SPRING10.',
      'application_method.value':
        type === 'percentage'
          ? percentage > 0 && percentage <= 100
            ? undefined
            : 'Enter a percentage from 1 to 100.'
          : (toMinorUnits(value, chosenCurrency) ?? 0) > 0
            ? undefined
            : 'Enter an amount like 5.00.',
      min_subtotal:
        minimum && toMinorUnits(minimum, chosenCurrency) === undefined
          ? 'Enter an amount like 50.00, or leave empty.'
          : undefined,
      usage_limit:
        limit && !(/^\d+$/.test(limit) && Number(limit) >= 1)
          ? 'Enter a whole number, or leave empty.'
          : undefined,
      ends_at: starts && ends && new Date(ends) <= new Date(starts) ? 'End after the start.' : undefined,
    })
  }

  async function send() {
    const body = {
      code: code.trim(),
      is_automatic: automatic,
      status,
      starts_at: starts ? new Date(starts).toISOString() : null,
      ends_at: ends ? new Date(ends).toISOString() : null,
      application_method: {
        type,
        target_type: target,
        value: type === 'fixed' ? toMinorUnits(value, chosenCurrency)! : Number(value),
        currency_code: needsCurrency ? chosenCurrency : null,
      },
      min_subtotal: minimum ? toMinorUnits(minimum, chosenCurrency)! : null,
      usage_limit: limit ? Number(limit) : null,
    }
    if (editing) await api('POST', `/admin/promotions/${editing.id}`, body)
    else await api('POST', '/admin/promotions', body)
    setCode('')
    setValue('')
    await onDone()
  }

  return (
    <Section title={editing ? `Edit ${editing.code}` : 'New promotion'}>
      <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <TextField
          label="Code"
          name="code"
          placeholder="SPRING10"
          value={code}
          error={form.errors.code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <SelectField
          label="Status"
          name="status"
          value={status}
          error={form.errors.status}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'draft', label: 'Draft' },
            { value: 'inactive', label: 'Inactive' },
          ]}
          onChange={(e) => setStatus(e.target.value as Promotion['status'])}
        />
        <SelectField
          label="Discount"
          name="application_method.type"
          value={type}
          options={[
            { value: 'percentage', label: 'A percentage' },
            { value: 'fixed', label: 'An amount' },
          ]}
          onChange={(e) => setType(e.target.value as 'percentage' | 'fixed')}
        />
        <TextField
          label={type === 'percentage' ? 'Percent off' : `Amount off in ${chosenCurrency.toUpperCase()}`}
          name="application_method.value"
          inputMode="decimal"
          value={value}
          error={form.errors['application_method.value']}
          onChange={(e) => setValue(e.target.value)}
        />
        <SelectField
          label="Applies to"
          name="application_method.target_type"
          value={target}
          options={[
            { value: 'order', label: 'The whole order' },
            { value: 'items', label: 'Each item' },
            { value: 'shipping_methods', label: 'Shipping' },
          ]}
          onChange={(e) => setTarget(e.target.value as typeof target)}
        />
        <SelectField
          label="Currency"
          name="application_method.currency_code"
          value={chosenCurrency}
          hint="For an amount off and for the minimum."
          options={currencies.map((item) => ({ value: item, label: item.toUpperCase() }))}
          onChange={(e) => setCurrency(e.target.value)}
        />
        <TextField
          label="Minimum order"
          name="min_subtotal"
          inputMode="decimal"
          hint="Optional."
          value={minimum}
          error={form.errors.min_subtotal}
          onChange={(e) => setMinimum(e.target.value)}
        />
        <TextField
          label="Usage limit"
          name="usage_limit"
          inputMode="numeric"
          hint="Optional: uses in total."
          value={limit}
          error={form.errors.usage_limit}
          onChange={(e) => setLimit(e.target.value)}
        />
        <TextField
          label="Starts"
          name="starts_at"
          type="datetime-local"
          value={starts}
          error={form.errors.starts_at}
          onChange={(e) => setStarts(e.target.value)}
        />
        <TextField
          label="Ends"
          name="ends_at"
          type="datetime-local"
          value={ends}
          error={form.errors.ends_at}
          onChange={(e) => setEnds(e.target.value)}
        />
        <CheckboxField
          label="Apply automatically, without a code"
          checked={automatic}
          onChange={setAutomatic}
        />
        <div className="form-actions span-2">
          <FormError message={form.formError} />
          {editing && (
            <button type="button" className="secondary" onClick={() => void onDone()}>
              Cancel
            </button>
          )}
          <button type="submit" disabled={form.busy}>
            {editing ? 'Save promotion' : 'Create promotion'}
          </button>
        </div>
      </form>
    </Section>
  )
}
