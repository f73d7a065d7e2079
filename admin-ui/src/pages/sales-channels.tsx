// Sales channels: the shop, a marketplace, a kiosk (their publishable keys are on the API keys page).
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import { useResource } from '../hooks'
import type { ListPage, SalesChannel } from '../types'
import { errorsOf, Form, TextField, useForm } from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

export function SalesChannelsPage() {
  const list = useResource<ListPage & { sales_channels: SalesChannel[] }>('/admin/sales-channels?limit=200')
  const form = useForm()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const channels = list.data?.sales_channels ?? []

  async function createChannel() {
    await api('POST', '/admin/sales-channels', { name: name.trim(), description: description.trim() || null })
    setName('')
    setDescription('')
    await list.reload()
  }

  return (
    <>
      <PageHeader
        title="Sales channels"
        subtitle={
          <>
            Where products are sold; each storefront sends a publishable key (see{' '}
            <Link to="/api-keys">API keys</Link>).
          </>
        }
      />
      <ErrorNotice error={list.error} />
      {!list.data && list.loading && <Loading />}
      {list.data?.count === 0 && <EmptyState title="No sales channels yet" />}
      {channels.length > 0 && (
        <DataTable columns={['Channel', 'Status']}>
          {channels.map((channel) => (
            <tr key={channel.id}>
              <td>
                {channel.name}
                {channel.description && <span className="muted small block">{channel.description}</span>}
              </td>
              <td>
                <Badge value={channel.is_disabled ? 'disabled' : 'active'} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Section title="New sales channel">
        <Form
          formClassName="grid-2"
          form={form}
          check={() => errorsOf({ name: name.trim() ? undefined : 'Name the channel.' })}
          send={createChannel}
          label="Create channel"
        >
          <TextField label="Name" {...form.field('name', name, setName)} />
          <TextField label="Description" {...form.field('description', description, setDescription)} />
        </Form>
      </Section>
    </>
  )
}
