// Stock locations: the warehouses and shops that hold stock.
import { useState } from 'react'
import { api } from '../api'
import { useOptionalResource } from '../hooks'
import type { StockLocation } from '../types'
import { errorsOf, Form, TextField, useForm } from '../ui/form'
import { EmptyState, ErrorNotice, PageHeader, Section } from '../ui/page'

export function StockLocationsPage() {
  const list = useOptionalResource<{ stock_locations: StockLocation[] }>(
    'GET /admin/stock-locations',
    '/admin/stock-locations?limit=200',
  )
  const form = useForm()
  const [name, setName] = useState('')
  const [created, setCreated] = useState<StockLocation[]>([])
  const locations = list.data?.stock_locations ?? created

  async function send() {
    const { stock_location } = await api<{ stock_location: StockLocation }>(
      'POST',
      '/admin/stock-locations',
      {
        name: name.trim(),
      },
    )
    setName('')
    setCreated([...created, stock_location])
    await list.reload()
  }

  return (
    <>
      <PageHeader
        title="Stock locations"
        subtitle="Warehouses and shops that hold stock. Set stock per product."
      />
      <ErrorNotice error={list.error} />
      {locations.length === 0 ? (
        <EmptyState title="No new locations">Add one below, then set its stock on each product.</EmptyState>
      ) : (
        <ul className="plain-list">
          {locations.map((location) => (
            <li key={location.id}>{location.name}</li>
          ))}
        </ul>
      )}
      <Section title="New stock location">
        <Form
          formClassName="grid-2"
          form={form}
          check={() => errorsOf({ name: name.trim() ? undefined : 'Name the location.' })}
          send={send}
          label="Create location"
          className="form-actions"
        >
          <TextField label="Name" {...form.field('name', name, setName)} />
        </Form>
      </Section>
    </>
  )
}
