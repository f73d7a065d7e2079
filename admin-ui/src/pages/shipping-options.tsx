// Shipping options: flat rates per region, optionally free above an order value, and the service zones
// (sets of countries) they ship to.
import { useState } from 'react'
import { api } from '../api'
import { formatMoney, fromMinorUnits, toMinorUnits } from '../format'
import { useChange, useResource } from '../hooks'
import type { ListPage, Region } from '../types'
import { errorsOf, type FieldErrors, Form, SelectField, TextField, useForm } from '../ui/form'
import { DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

interface ShippingOption {
  id: string
  name: string
  region_id: string
  service_zone_id: string | null
  amount: number
  free_above: number | null
  type: { label: string; code: string; description: string }
}

interface ServiceZone {
  id: string
  name: string
  countries: string[]
}

export function ShippingOptionsPage() {
  const options = useResource<ListPage & { shipping_options: ShippingOption[] }>(
    '/admin/shipping-options?limit=200',
  )
  const zones = useResource<ListPage & { service_zones: ServiceZone[] }>('/admin/service-zones?limit=200')
  const regions = useResource<{ regions: Region[] }>('/admin/regions?limit=200')
  const regionById = new Map((regions.data?.regions ?? []).map((region) => [region.id, region]))
  const zoneNames = new Map((zones.data?.service_zones ?? []).map((zone) => [zone.id, zone.name]))
  const [editing, setEditing] = useState<ShippingOption | null>(null)
  const { problem, run: change } = useChange(options.reload)

  return (
    <>
      <PageHeader title="Shipping options" subtitle="What shoppers choose from at checkout, per region." />
      <ErrorNotice error={options.error ?? problem} />
      {!options.data && options.loading && <Loading />}
      {options.data?.count === 0 && <EmptyState title="No shipping options yet">Add one below.</EmptyState>}
      {options.data && options.data.count > 0 && (
        <DataTable
          columns={[
            'Option',
            'Region',
            { label: 'Price', numeric: true },
            { label: 'Actions', hidden: true },
          ]}
        >
          {options.data.shipping_options.map((option) => {
            const currency = regionById.get(option.region_id)?.currency_code ?? 'usd'
            return (
              <tr key={option.id}>
                <td>
                  {option.name}
                  {option.service_zone_id && (
                    <span className="muted small block">{zoneNames.get(option.service_zone_id)}</span>
                  )}
                </td>
                <td>{regionById.get(option.region_id)?.name ?? '—'}</td>
                <td className="numeric">
                  {formatMoney(option.amount, currency)}
                  {option.free_above !== null && (
                    <span className="muted small block">
                      free from {formatMoney(option.free_above, currency)}
                    </span>
                  )}
                </td>
                <td className="cell-actions">
                  <button type="button" className="link" onClick={() => setEditing(option)}>
                    Edit<span className="visually-hidden"> {option.name}</span>
                  </button>{' '}
                  <button
                    type="button"
                    className="link danger-text"
                    onClick={() => {
                      if (window.confirm(`Delete ${option.name}?`))
                        void change(
                          () => api('DELETE', `/admin/shipping-options/${option.id}`),
                          options.reload,
                        )
                    }}
                  >
                    Delete<span className="visually-hidden"> {option.name}</span>
                  </button>
                </td>
              </tr>
            )
          })}
        </DataTable>
      )}
      <OptionForm
        key={editing?.id ?? 'new'}
        editing={editing}
        regions={regions.data?.regions ?? []}
        zones={zones.data?.service_zones ?? []}
        onDone={async () => {
          setEditing(null)
          await options.reload()
        }}
      />
      <Section title="Service zones">
        {(zones.data?.service_zones ?? []).length === 0 ? (
          <p className="muted">No service zones: options ship to their whole region.</p>
        ) : (
          <ul className="plain-rows">
            {zones.data!.service_zones.map((zone) => (
              <li key={zone.id}>
                <span>
                  {zone.name}
                  <span className="muted small block">
                    {zone.countries.map((code) => code.toUpperCase()).join(', ')}
                  </span>
                </span>
                <button
                  type="button"
                  className="link danger-text"
                  onClick={() =>
                    void change(() => api('DELETE', `/admin/service-zones/${zone.id}`), zones.reload)
                  }
                >
                  Delete<span className="visually-hidden"> {zone.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <ZoneForm reload={zones.reload} />
      </Section>
    </>
  )
}

function OptionForm({
  editing,
  regions,
  zones,
  onDone,
}: {
  editing: ShippingOption | null
  regions: Region[]
  zones: ServiceZone[]
  onDone: () => Promise<void>
}) {
  const form = useForm()
  const [name, setName] = useState(editing?.name ?? '')
  const [region, setRegion] = useState(editing?.region_id ?? '')
  const chosenRegion = region || regions[0]?.id || ''
  const currency = regions.find((item) => item.id === chosenRegion)?.currency_code ?? 'usd'
  const [price, setPrice] = useState(editing ? fromMinorUnits(editing.amount, currency) : '')
  const [freeAbove, setFreeAbove] = useState(
    editing?.free_above !== null && editing?.free_above !== undefined
      ? fromMinorUnits(editing.free_above, currency)
      : '',
  )
  const [zone, setZone] = useState(editing?.service_zone_id ?? '')

  function check(): FieldErrors {
    return errorsOf({
      name: name.trim() ? undefined : 'Name the option, e.g. Standard delivery.',
      region_id: chosenRegion ? undefined : 'Create a region first.',
      amount:
        toMinorUnits(price, currency) === undefined ? 'Enter a price like 4.95 (0 for free).' : undefined,
      free_above:
        freeAbove && toMinorUnits(freeAbove, currency) === undefined
          ? 'Enter an amount like 50.00, or leave empty.'
          : undefined,
    })
  }

  async function send() {
    const body = {
      name: name.trim(),
      amount: toMinorUnits(price, currency)!,
      free_above: freeAbove ? toMinorUnits(freeAbove, currency)! : null,
      service_zone_id: zone || null,
    }
    if (editing) await api('POST', `/admin/shipping-options/${editing.id}`, body)
    else await api('POST', '/admin/shipping-options', { ...body, region_id: chosenRegion })
    setName('')
    setPrice('')
    setFreeAbove('')
    await onDone()
  }

  return (
    <Section title={editing ? `Edit ${editing.name}` : 'New shipping option'}>
      <Form
        formClassName="grid-2"
        form={form}
        check={check}
        send={send}
        label={editing ? 'Save option' : 'Create option'}
        onCancel={editing ? () => void onDone() : undefined}
      >
        <TextField label="Name" {...form.field('name', name, setName)} />
        <SelectField
          label="Region"
          disabled={Boolean(editing)}
          options={regions.map((item) => ({
            value: item.id,
            label: `${item.name} (${item.currency_code.toUpperCase()})`,
          }))}
          {...form.field('region_id', chosenRegion, setRegion)}
        />
        <TextField
          label={`Price in ${currency.toUpperCase()}`}
          inputMode="decimal"
          {...form.field('amount', price, setPrice)}
        />
        <TextField
          label="Free from an order of"
          inputMode="decimal"
          hint="Leave empty to always charge."
          {...form.field('free_above', freeAbove, setFreeAbove)}
        />
        <SelectField
          label="Service zone"
          options={[
            { value: '', label: 'The whole region' },
            ...zones.map((item) => ({ value: item.id, label: item.name })),
          ]}
          {...form.field('service_zone_id', zone, setZone)}
        />
      </Form>
    </Section>
  )
}

function ZoneForm({ reload }: { reload: () => Promise<void> }) {
  const form = useForm()
  const [name, setName] = useState('')
  const [countries, setCountries] = useState('')
  const codes = countries
    .split(',')
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean)

  return (
    <Form
      formClassName="grid-2 separated"
      form={form}
      check={() =>
        errorsOf({
          name: name.trim() ? undefined : 'Name the zone, e.g. Mainland.',
          countries:
            codes.length && codes.every((code) => /^[a-z]{2}$/.test(code))
              ? undefined
              : 'Enter 2-letter country codes separated by commas.',
        })
      }
      send={async () => {
        await api('POST', '/admin/service-zones', { name: name.trim(), countries: codes })
        setName('')
        setCountries('')
        await reload()
      }}
      label="Create zone"
      submitClassName="secondary"
    >
      <TextField label="Zone name" {...form.field('name', name, setName)} />
      <TextField
        label="Zone countries"
        placeholder="DE, AT"
        {...form.field('countries', countries, setCountries)}
      />
    </Form>
  )
}
