// Payment providers: the ones installed on this server (from its plugins and their configuration), and
// which regions offer each at checkout. A change saves at once; credentials never leave the server.
import { useState } from 'react'
import { api } from '../api'
import { useChange, usePendingChoices, useResource } from '../hooks'
import type { ListPage, PaymentProvider, Region } from '../types'
import { DataTable, EmptyState, ErrorNotice, Loading, PageHeader } from '../ui/page'

/** A provider's name for people; its id stays beside it, as configured. */
export function providerName(id: string): string {
  if (id === 'pp_system_default') return 'Manual payment (built in)'
  if (id.startsWith('pp_stripe')) return 'Stripe'
  if (id.startsWith('pp_paypal')) return 'PayPal'
  return id
}

export function PaymentProvidersPage() {
  const providers = useResource<ListPage & { payment_providers: PaymentProvider[] }>(
    '/admin/payments/payment-providers?limit=100',
  )
  const regions = useResource<ListPage & { regions: Region[] }>('/admin/regions?limit=200')
  const { problem, run: change } = useChange(regions.reload)
  const [saved, setSaved] = useState('')
  const { pending: saving, hold } = usePendingChoices()

  async function offer(region: Region, provider: string, offered: boolean) {
    const key = `${region.id} ${provider}`
    const current = region.payment_providers.map((entry) => entry.id)
    const next = offered ? [...current, provider] : current.filter((id) => id !== provider)
    const done = await hold(key, offered, () =>
      change(() => api('POST', `/admin/regions/${region.id}`, { payment_providers: next })),
    )
    setSaved(
      done ? `${providerName(provider)} is ${offered ? 'now' : 'no longer'} offered in ${region.name}.` : '',
    )
  }

  const installed = providers.data?.payment_providers ?? []
  const list = regions.data?.regions ?? []
  const unpayable = list.filter((region) => region.payment_providers.length === 0)

  return (
    <>
      <PageHeader
        title="Payment providers"
        subtitle="The providers installed on this server, and the regions that offer each at checkout. Their credentials stay in the server's configuration."
      />
      <ErrorNotice error={providers.error ?? regions.error ?? problem} />
      {(!providers.data || !regions.data) && (providers.loading || regions.loading) && <Loading />}
      {providers.data && regions.data && list.length === 0 && (
        <EmptyState title="No regions yet">
          Add a region first; then choose the providers it offers here.
        </EmptyState>
      )}
      {unpayable.map((region) => (
        <p key={region.id} className="error" role="alert">
          {region.name} offers no payment provider: shoppers there cannot pay.
        </p>
      ))}
      <p className="visually-hidden" role="status">
        {saved}
      </p>
      {providers.data && list.length > 0 && (
        <DataTable columns={['Provider', ...list.map((region) => `Offered in ${region.name}`)]}>
          {installed.map((provider) => (
            <tr key={provider.id}>
              <td>
                {providerName(provider.id)}
                <span className="muted small block">{provider.id}</span>
              </td>
              {list.map((region) => (
                <td key={region.id}>
                  <input
                    type="checkbox"
                    aria-label={`Offer ${providerName(provider.id)} in ${region.name}`}
                    checked={
                      saving[`${region.id} ${provider.id}`] ??
                      region.payment_providers.some((entry) => entry.id === provider.id)
                    }
                    disabled={`${region.id} ${provider.id}` in saving}
                    onChange={(event) => void offer(region, provider.id, event.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </>
  )
}
