// Regions: where the shop sells, in which currency, to which countries, and how shoppers there pay.
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import { useChange, useResource } from '../hooks'
import type { ListPage, Region } from '../types'
import { CheckboxField, errorsOf, type FieldErrors, Form, TextField, useForm } from '../ui/form'
import { DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'
import { providerName } from './payment-providers'

export function RegionsPage() {
  const list = useResource<ListPage & { regions: Region[] }>('/admin/regions?limit=200')
  const form = useForm()
  const [name, setName] = useState('')
  const [currency, setCurrency] = useState('')
  const [countries, setCountries] = useState('')
  const [taxInclusive, setTaxInclusive] = useState(false)
  const { problem, run: change } = useChange(list.reload)
  const codes = countries
    .split(',')
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean)

  function check(): FieldErrors {
    return errorsOf({
      name: name.trim() ? undefined : 'Name the region, e.g. Europe.',
      currency_code: /^[a-zA-Z]{3}$/.test(currency.trim())
        ? undefined
        : 'Enter a 3-letter currency code, e.g. EUR.',
      countries: codes.every((code) => /^[a-z]{2}$/.test(code))
        ? undefined
        : 'Enter 2-letter country codes separated by commas, e.g. DE, FR.',
    })
  }

  async function send() {
    await api('POST', '/admin/regions', {
      name: name.trim(),
      currency_code: currency.trim().toLowerCase(),
      countries: codes,
      prices_include_tax: taxInclusive,
    })
    setName('')
    setCurrency('')
    setCountries('')
    await list.reload()
  }

  async function remove(region: Region) {
    if (!window.confirm(`Delete the region ${region.name}?`)) return
    await change(() => api('DELETE', `/admin/regions/${region.id}`))
  }

  return (
    <>
      <PageHeader title="Regions" subtitle="Each region sells in one currency to a set of countries." />
      <ErrorNotice error={list.error ?? problem} />
      {!list.data && list.loading && <Loading />}
      {list.data?.count === 0 && <EmptyState title="No regions yet">Add the first one below.</EmptyState>}
      {list.data && list.data.count > 0 && (
        <DataTable
          columns={[
            'Region',
            'Currency',
            { label: 'Countries', wide: true },
            { label: 'Payment', wide: true },
            { label: 'Actions', hidden: true },
          ]}
        >
          {list.data.regions.map((region) => (
            <tr key={region.id}>
              <td>{region.name}</td>
              <td>{region.currency_code.toUpperCase()}</td>
              <td className="hide-sm">
                {region.countries.map((country) => country.display_name).join(', ') || '—'}
              </td>
              <td className="hide-sm">
                <Link to="/payment-providers">
                  {region.payment_providers.map((provider) => providerName(provider.id)).join(', ') ||
                    'none: shoppers cannot pay'}
                </Link>
              </td>
              <td className="cell-actions">
                <button type="button" className="link danger-text" onClick={() => void remove(region)}>
                  Delete<span className="visually-hidden"> {region.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Section title="New region">
        <Form formClassName="grid-2" form={form} check={check} send={send} label="Create region">
          <TextField label="Name" {...form.field('name', name, setName)} />
          <TextField
            label="Currency"
            placeholder="EUR"
            maxLength={3}
            {...form.field('currency_code', currency, setCurrency)}
          />
          <TextField
            label="Countries"
            placeholder="DE, FR, IT"
            hint="2-letter codes, separated by commas."
            {...form.field('countries', countries, setCountries)}
          />
          <CheckboxField label="Prices include tax" checked={taxInclusive} onChange={setTaxInclusive} />
        </Form>
      </Section>
    </>
  )
}
