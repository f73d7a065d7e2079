// Tax: a tax region per country (or province) with its default rate and any further rates.
import { useState } from 'react'
import { api } from '../api'
import { useChange, useResource } from '../hooks'
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
import { DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

interface TaxRate {
  id: string
  name: string
  code: string
  rate: number
  is_default: boolean
  is_combinable: boolean
}

interface TaxRegion {
  id: string
  country_code: string
  province_code: string | null
  parent_id: string | null
  tax_rates: TaxRate[]
}

function rateError(text: string): string | undefined {
  const value = Number(text)
  return text.trim() && Number.isFinite(value) && value >= 0 && value <= 100
    ? undefined
    : 'Enter a percentage from 0 to 100.'
}

export function TaxPage() {
  const regions = useResource<ListPage & { tax_regions: TaxRegion[] }>('/admin/tax-regions?limit=500')
  const { problem, run: change } = useChange(regions.reload)
  const list = regions.data?.tax_regions ?? []

  return (
    <>
      <PageHeader title="Tax rates" subtitle="The rates charged per country, or per province of one." />
      <ErrorNotice error={regions.error ?? problem} />
      {!regions.data && regions.loading && <Loading />}
      {regions.data?.count === 0 && <EmptyState title="No tax regions yet">Add a country below.</EmptyState>}
      {list.length > 0 && (
        <DataTable columns={['Where', 'Rates', { label: 'Actions', hidden: true }]}>
          {list.map((region) => {
            const where = `${region.country_code.toUpperCase()}${region.province_code ? ` · ${region.province_code}` : ''}`
            return (
              <tr key={region.id}>
                <td>{where}</td>
                <td>
                  {region.tax_rates.length === 0 && <span className="muted">none</span>}
                  {region.tax_rates.map((rate) => (
                    <span key={rate.id} className="block">
                      {rate.name} ({rate.code}): {rate.rate}%{rate.is_default && ' · default'}
                      {rate.is_combinable && ' · combinable'}{' '}
                      <button
                        type="button"
                        className="link danger-text small"
                        onClick={() => void change(() => api('DELETE', `/admin/tax-rates/${rate.id}`))}
                      >
                        Remove<span className="visually-hidden"> rate {rate.name}</span>
                      </button>
                    </span>
                  ))}
                </td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="link danger-text"
                    onClick={() => {
                      if (window.confirm(`Delete the tax region ${where} and its rates?`))
                        void change(() => api('DELETE', `/admin/tax-regions/${region.id}`))
                    }}
                  >
                    Delete<span className="visually-hidden"> {where}</span>
                  </button>
                </td>
              </tr>
            )
          })}
        </DataTable>
      )}
      <NewTaxRegion regions={list} reload={regions.reload} />
      {list.length > 0 && <NewTaxRate regions={list} reload={regions.reload} />}
    </>
  )
}

function NewTaxRegion({ regions, reload }: { regions: TaxRegion[]; reload: () => Promise<void> }) {
  const form = useForm()
  const [country, setCountry] = useState('')
  const [province, setProvince] = useState('')
  const [name, setName] = useState('VAT')
  const [code, setCode] = useState('')
  const [rate, setRate] = useState('')

  function check(): FieldErrors {
    return errorsOf({
      country_code: /^[a-zA-Z]{2}$/.test(country.trim())
        ? undefined
        : 'Enter a 2-letter country code, e.g. DE.',
      'default_tax_rate.name': name.trim() ? undefined : 'Name the rate, e.g. VAT.',
      'default_tax_rate.rate': rateError(rate),
    })
  }

  async function send() {
    const countryCode = country.trim().toLowerCase()
    const parent = province.trim()
      ? regions.find((region) => region.country_code === countryCode && !region.province_code)
      : undefined
    await api('POST', '/admin/tax-regions', {
      country_code: countryCode,
      province_code: province.trim() || null,
      parent_id: parent?.id ?? null,
      default_tax_rate: {
        name: name.trim(),
        code: code.trim() || `${countryCode}-${name.trim().toLowerCase().replace(/\W+/g, '-')}`,
        rate: Number(rate),
      },
    })
    setCountry('')
    setProvince('')
    setRate('')
    setCode('')
    await reload()
  }

  return (
    <Section title="New tax region">
      <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <TextField
          label="Country"
          name="country_code"
          placeholder="DE"
          maxLength={2}
          value={country}
          error={form.errors.country_code}
          onChange={(e) => setCountry(e.target.value)}
        />
        <TextField
          label="Province"
          name="province_code"
          hint="Optional: for a province's own rate."
          value={province}
          error={form.errors.province_code}
          onChange={(e) => setProvince(e.target.value)}
        />
        <TextField
          label="Default rate name"
          name="default_tax_rate.name"
          value={name}
          error={form.errors['default_tax_rate.name']}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Default rate (%)"
          name="default_tax_rate.rate"
          inputMode="decimal"
          placeholder="19"
          value={rate}
          error={form.errors['default_tax_rate.rate']}
          onChange={(e) => setRate(e.target.value)}
        />
        <TextField
          label="Rate code"
          name="default_tax_rate.code"
          hint="Made from the country and name when left empty."
          value={code}
          error={form.errors['default_tax_rate.code']}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="form-actions span-2">
          <FormError message={form.formError} />
          <button type="submit" disabled={form.busy}>
            Create tax region
          </button>
        </div>
      </form>
    </Section>
  )
}

function NewTaxRate({ regions, reload }: { regions: TaxRegion[]; reload: () => Promise<void> }) {
  const form = useForm()
  const [region, setRegion] = useState('')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [rate, setRate] = useState('')
  const [combinable, setCombinable] = useState(false)
  const chosen = region || regions[0]?.id || ''

  function check(): FieldErrors {
    return errorsOf({
      name: name.trim() ? undefined : 'Name the rate, e.g. Reduced VAT.',
      code: code.trim() ? undefined : 'Give the rate a code, e.g. de-reduced.',
      rate: rateError(rate),
    })
  }

  async function send() {
    await api('POST', '/admin/tax-rates', {
      tax_region_id: chosen,
      name: name.trim(),
      code: code.trim(),
      rate: Number(rate),
      is_combinable: combinable,
    })
    setName('')
    setCode('')
    setRate('')
    await reload()
  }

  return (
    <Section title="Add a rate">
      <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <SelectField
          label="Tax region"
          name="tax_region_id"
          value={chosen}
          error={form.errors.tax_region_id}
          options={regions.map((item) => ({
            value: item.id,
            label: `${item.country_code.toUpperCase()}${item.province_code ? ` · ${item.province_code}` : ''}`,
          }))}
          onChange={(e) => setRegion(e.target.value)}
        />
        <TextField
          label="Rate name"
          name="name"
          value={name}
          error={form.errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Code"
          name="code"
          value={code}
          error={form.errors.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <TextField
          label="Rate (%)"
          name="rate"
          inputMode="decimal"
          value={rate}
          error={form.errors.rate}
          onChange={(e) => setRate(e.target.value)}
        />
        <CheckboxField label="Adds to the default rate" checked={combinable} onChange={setCombinable} />
        <div className="form-actions span-2">
          <FormError message={form.formError} />
          <button type="submit" disabled={form.busy}>
            Add rate
          </button>
        </div>
      </form>
    </Section>
  )
}
