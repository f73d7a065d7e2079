// Tax: a tax region per country (or province) with its default rate and any further rates.
import { useState } from 'react'
import { api } from '../api'
import { useChange, useResource } from '../hooks'
import type { ListPage } from '../types'
import { CheckboxField, errorsOf, type FieldErrors, Form, SelectField, TextField, useForm } from '../ui/form'
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

/** `US`, or `US · NY` for a province. */
function placeOf(region: TaxRegion): string {
  return `${region.country_code.toUpperCase()}${region.province_code ? ` · ${region.province_code.toUpperCase()}` : ''}`
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
            const where = placeOf(region)
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
      <NewTaxRegion reload={regions.reload} />
      {list.length > 0 && <NewTaxRate regions={list} reload={regions.reload} />}
    </>
  )
}

function NewTaxRegion({ reload }: { reload: () => Promise<void> }) {
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
    // A province's region hangs under its country's: the API finds it, or says to create it first.
    await api('POST', '/admin/tax-regions', {
      country_code: countryCode,
      province_code: province.trim() || null,
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
      <Form formClassName="grid-2" form={form} check={check} send={send} label="Create tax region">
        <TextField
          label="Country"
          placeholder="DE"
          maxLength={2}
          {...form.field('country_code', country, setCountry)}
        />
        <TextField
          label="Province"
          hint="Optional: for a province's own rate."
          {...form.field('province_code', province, setProvince)}
        />
        <TextField label="Default rate name" {...form.field('default_tax_rate.name', name, setName)} />
        <TextField
          label="Default rate (%)"
          inputMode="decimal"
          placeholder="19"
          {...form.field('default_tax_rate.rate', rate, setRate)}
        />
        <TextField
          label="Rate code"
          hint="Made from the country and name when left empty."
          {...form.field('default_tax_rate.code', code, setCode)}
        />
      </Form>
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
      <Form formClassName="grid-2" form={form} check={check} send={send} label="Add rate">
        <SelectField
          label="Tax region"
          options={regions.map((item) => ({ value: item.id, label: placeOf(item) }))}
          {...form.field('tax_region_id', chosen, setRegion)}
        />
        <TextField label="Rate name" {...form.field('name', name, setName)} />
        <TextField label="Code" {...form.field('code', code, setCode)} />
        <TextField label="Rate (%)" inputMode="decimal" {...form.field('rate', rate, setRate)} />
        <CheckboxField label="Adds to the default rate" checked={combinable} onChange={setCombinable} />
      </Form>
    </Section>
  )
}
