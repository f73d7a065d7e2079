// Sales channels (the shop, a marketplace, a kiosk) and the publishable keys storefronts send.
import { useState } from 'react'
import { api } from '../api'
import { useResource } from '../hooks'
import type { ListPage, SalesChannel } from '../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

interface PublishableKey {
  id: string
  token: string
  title: string
  sales_channel_ids: string[]
}

export function SalesChannelsPage() {
  const list = useResource<ListPage & { sales_channels: SalesChannel[] }>('/admin/sales-channels?limit=200')
  const channelForm = useForm()
  const keyForm = useForm()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [keyTitle, setKeyTitle] = useState('')
  const [keyChannel, setKeyChannel] = useState('')
  const [newKey, setNewKey] = useState<PublishableKey>()
  const channels = list.data?.sales_channels ?? []

  async function createChannel() {
    await api('POST', '/admin/sales-channels', { name: name.trim(), description: description.trim() || null })
    setName('')
    setDescription('')
    await list.reload()
  }

  async function createKey() {
    const { publishable_key } = await api<{ publishable_key: PublishableKey }>(
      'POST',
      '/admin/publishable-keys',
      {
        title: keyTitle.trim(),
        sales_channel_ids: [keyChannel || channels[0]!.id],
      },
    )
    setKeyTitle('')
    setNewKey(publishable_key)
  }

  return (
    <>
      <PageHeader
        title="Sales channels"
        subtitle="Where products are sold; each storefront sends a publishable key."
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
        <form
          className="grid-2"
          noValidate
          onSubmit={(event) =>
            channelForm.submit(
              event,
              (): FieldErrors => errorsOf({ name: name.trim() ? undefined : 'Name the channel.' }),
              createChannel,
            )
          }
        >
          <TextField
            label="Name"
            name="name"
            value={name}
            error={channelForm.errors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label="Description"
            name="description"
            value={description}
            error={channelForm.errors.description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <div className="form-actions span-2">
            <FormError message={channelForm.formError} />
            <button type="submit" disabled={channelForm.busy}>
              Create channel
            </button>
          </div>
        </form>
      </Section>
      {channels.length > 0 && (
        <Section title="New publishable key">
          <form
            className="grid-2"
            noValidate
            onSubmit={(event) =>
              keyForm.submit(
                event,
                (): FieldErrors =>
                  errorsOf({ title: keyTitle.trim() ? undefined : 'Name the key, e.g. Web shop.' }),
                createKey,
              )
            }
          >
            <TextField
              label="Key name"
              name="title"
              value={keyTitle}
              error={keyForm.errors.title}
              onChange={(e) => setKeyTitle(e.target.value)}
            />
            <SelectField
              label="For channel"
              name="sales_channel_ids"
              value={keyChannel || channels[0]!.id}
              error={keyForm.errors.sales_channel_ids}
              options={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
              onChange={(e) => setKeyChannel(e.target.value)}
            />
            <div className="form-actions span-2">
              <FormError message={keyForm.formError} />
              <button type="submit" disabled={keyForm.busy}>
                Create key
              </button>
            </div>
          </form>
          {newKey && (
            <p className="notice" role="status">
              Key “{newKey.title}” created. Storefronts send it as <code>x-publishable-api-key</code>:{' '}
              <code className="secret">{newKey.token}</code>
            </p>
          )}
        </Section>
      )}
    </>
  )
}
