// Stock locations: the warehouses and shops that hold stock, and the sales channels each serves (what a
// channel's storefront shows as in stock, and where its orders are reserved).
import { useState } from 'react'
import { api } from '../api'
import { useChange, useOptionalResource, usePendingChoices, useRoutes } from '../hooks'
import type { SalesChannel, StockLocation } from '../types'
import { CheckboxField, errorsOf, Form, TextField, useForm } from '../ui/form'
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
  const channels = useOptionalResource<{ sales_channels: SalesChannel[] }>(
    'GET /admin/sales-channels',
    '/admin/sales-channels?limit=200',
  ).data?.sales_channels
  const linkable = useRoutes()?.has('POST /admin/stock-locations/{id}/sales-channels') ?? false
  const { problem, run: change } = useChange(list.reload)
  const { pending, hold } = usePendingChoices()

  async function serve(location: StockLocation, channel: SalesChannel, serves: boolean) {
    await hold(`${location.id} ${channel.id}`, serves, () =>
      change(() =>
        api('POST', `/admin/stock-locations/${location.id}/sales-channels`, {
          [serves ? 'add' : 'remove']: [channel.id],
        }),
      ),
    )
  }

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
            <li key={location.id}>
              {location.name}
              {linkable && channels && channels.length > 0 && (
                <fieldset className="inline-choices">
                  <legend className="visually-hidden">Sales channels {location.name} serves</legend>
                  {channels.map((channel) => (
                    <CheckboxField
                      key={channel.id}
                      label={`${location.name} serves ${channel.name}`}
                      checked={
                        pending[`${location.id} ${channel.id}`] ??
                        location.sales_channel_ids?.includes(channel.id) ??
                        false
                      }
                      disabled={`${location.id} ${channel.id}` in pending}
                      onChange={(serves) => void serve(location, channel, serves)}
                    />
                  ))}
                </fieldset>
              )}
            </li>
          ))}
        </ul>
      )}
      {linkable && locations.length > 0 && (
        <p className="muted">A sales channel served by no location sells the stock of every location.</p>
      )}
      <ErrorNotice error={problem} />
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
