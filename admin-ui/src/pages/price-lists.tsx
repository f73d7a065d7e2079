// Price lists: sales and overrides with prices of their own, for a time window and optionally a region.
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, queryString } from '../api'
import { formatDate, formatMoney, toMinorUnits } from '../format'
import { useChange, useCurrencies, useDebounced, useResource } from '../hooks'
import type { ListPage, Product, Region } from '../types'
import {
  DateWindowFields,
  dateWindowError,
  errorsOf,
  type FieldErrors,
  Form,
  SelectField,
  TextField,
  toInstant,
  useForm,
} from '../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

interface PriceList {
  id: string
  title: string
  description: string
  type: 'sale' | 'override'
  status: 'draft' | 'active'
  starts_at: string | null
  ends_at: string | null
  region_id: string | null
  prices: Array<{
    id: string
    variant_id: string
    currency_code: string
    amount: number
    min_quantity: number | null
  }>
}

export function PriceListsPage() {
  const navigate = useNavigate()
  const lists = useResource<ListPage & { price_lists: PriceList[] }>('/admin/price-lists?limit=200')
  const regions = useResource<{ regions: Region[] }>('/admin/regions?limit=200')
  const form = useForm()
  const [title, setTitle] = useState('')
  const [type, setType] = useState('sale')
  const [region, setRegion] = useState('')
  const [starts, setStarts] = useState('')
  const [ends, setEnds] = useState('')

  function check(): FieldErrors {
    return errorsOf({
      title: title.trim() ? undefined : 'Name the price list, e.g. Summer sale.',
      ends_at: dateWindowError(starts, ends),
    })
  }

  async function send() {
    const { price_list } = await api<{ price_list: PriceList }>('POST', '/admin/price-lists', {
      title: title.trim(),
      type,
      status: 'draft',
      region_id: region || null,
      starts_at: toInstant(starts),
      ends_at: toInstant(ends),
    })
    navigate(`/price-lists/${price_list.id}`)
  }

  return (
    <>
      <PageHeader title="Price lists" subtitle="Sales and special prices, for a while or for a region." />
      <ErrorNotice error={lists.error} />
      {!lists.data && lists.loading && <Loading />}
      {lists.data?.count === 0 && <EmptyState title="No price lists yet">Create a sale below.</EmptyState>}
      {lists.data && lists.data.count > 0 && (
        <DataTable
          columns={[
            'Price list',
            'Status',
            { label: 'When', wide: true },
            { label: 'Prices', numeric: true },
          ]}
        >
          {lists.data.price_lists.map((list) => (
            <tr key={list.id}>
              <td>
                <Link to={`/price-lists/${list.id}`}>{list.title}</Link>
                <span className="muted small block">{list.type}</span>
              </td>
              <td>
                <Badge value={list.status} />
              </td>
              <td className="hide-sm small">
                {list.starts_at ? formatDate(list.starts_at) : 'now'} –{' '}
                {list.ends_at ? formatDate(list.ends_at) : 'open'}
              </td>
              <td className="numeric">{list.prices.length}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Section title="New price list">
        <Form formClassName="grid-2" form={form} check={check} send={send} label="Create price list">
          <TextField label="Title" {...form.field('title', title, setTitle)} />
          <SelectField
            label="Type"
            options={[
              { value: 'sale', label: 'Sale: shown as a reduction' },
              { value: 'override', label: 'Override: replaces the price' },
            ]}
            {...form.field('type', type, setType)}
          />
          <DateWindowFields form={form} starts={starts} ends={ends} onStarts={setStarts} onEnds={setEnds} />
          <SelectField
            label="Region"
            options={[
              { value: '', label: 'Every region' },
              ...(regions.data?.regions ?? []).map((item) => ({ value: item.id, label: item.name })),
            ]}
            {...form.field('region_id', region, setRegion)}
          />
        </Form>
      </Section>
    </>
  )
}

export function PriceListDetailPage() {
  const { id } = useParams() as { id: string }
  const navigate = useNavigate()
  const list = useResource<{ price_list: PriceList }>(`/admin/price-lists/${id}`)
  const { problem, run: change } = useChange(list.reload)
  const priceList = list.data?.price_list

  if (list.error && !priceList) return <ErrorNotice error={list.error} />
  if (!priceList) return <Loading />
  return (
    <>
      <PageHeader
        title={priceList.title}
        subtitle={<Link to="/price-lists">Back to price lists</Link>}
        actions={
          <>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(`Delete ${priceList.title} and its prices?`))
                  void change(
                    () => api('DELETE', `/admin/price-lists/${priceList.id}`),
                    async () => navigate('/price-lists'),
                  )
              }}
            >
              Delete
            </button>
            <button
              type="button"
              onClick={() =>
                void change(() =>
                  api('POST', `/admin/price-lists/${priceList.id}`, {
                    status: priceList.status === 'active' ? 'draft' : 'active',
                  }),
                )
              }
            >
              {priceList.status === 'active' ? 'Turn off' : 'Turn on'}
            </button>
          </>
        }
      />
      <ErrorNotice error={problem} />
      <p className="badges">
        <Badge value={priceList.status} /> <Badge value={priceList.type} />
        <span className="muted small">
          {priceList.starts_at ? formatDate(priceList.starts_at) : 'from now'} –{' '}
          {priceList.ends_at ? formatDate(priceList.ends_at) : 'no end'}
        </span>
      </p>
      <Section title={`Prices (${priceList.prices.length})`}>
        {priceList.prices.length === 0 ? (
          <p className="muted">No prices yet: add one below.</p>
        ) : (
          <DataTable
            columns={['Variant', { label: 'Price', numeric: true }, { label: 'Actions', hidden: true }]}
          >
            {priceList.prices.map((price) => (
              <tr key={price.id}>
                <td>
                  <code>{price.variant_id}</code>
                  {price.min_quantity && <span className="muted small block">from {price.min_quantity}</span>}
                </td>
                <td className="numeric">{formatMoney(price.amount, price.currency_code)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="link danger-text"
                    onClick={() =>
                      void change(() =>
                        api('POST', `/admin/price-lists/${priceList.id}/prices/batch`, {
                          delete: [price.id],
                        }),
                      )
                    }
                  >
                    Remove<span className="visually-hidden"> price {price.id}</span>
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <AddPrice priceListId={priceList.id} reload={list.reload} />
      </Section>
    </>
  )
}

function AddPrice({ priceListId, reload }: { priceListId: string; reload: () => Promise<void> }) {
  const form = useForm()
  const { currencies } = useCurrencies()
  const [search, setSearch] = useState('')
  const q = useDebounced(search.trim())
  const products = useResource<{ products: Product[] }>(
    q ? `/admin/products${queryString({ q, limit: 10 })}` : null,
  )
  const variants = (products.data?.products ?? []).flatMap((product) =>
    product.variants.map((variant) => ({ value: variant.id, label: `${product.title} · ${variant.title}` })),
  )
  const [variant, setVariant] = useState('')
  const [currency, setCurrency] = useState('')
  const [amount, setAmount] = useState('')
  const chosenVariant = variants.some((option) => option.value === variant)
    ? variant
    : (variants[0]?.value ?? '')
  const chosenCurrency = currency || currencies[0] || ''

  function check(): FieldErrors {
    return errorsOf({
      variant_id: chosenVariant ? undefined : 'Search for a product and choose a variant.',
      amount:
        toMinorUnits(amount, chosenCurrency || 'usd') === undefined
          ? 'Enter an amount like 12.50.'
          : undefined,
    })
  }

  async function send() {
    await api('POST', `/admin/price-lists/${priceListId}/prices/batch`, {
      create: [
        {
          variant_id: chosenVariant,
          currency_code: chosenCurrency,
          amount: toMinorUnits(amount, chosenCurrency)!,
        },
      ],
    })
    setAmount('')
    await reload()
  }

  return (
    <Form formClassName="grid-2 separated" form={form} check={check} send={send} label="Add price">
      <TextField
        label="Find a product"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <SelectField
        label="Variant"
        options={
          variants.length ? variants : [{ value: '', label: q ? 'No product matches' : 'Search first' }]
        }
        {...form.field('variant_id', chosenVariant, setVariant)}
      />
      <SelectField
        label="Currency"
        options={currencies.map((code) => ({ value: code, label: code.toUpperCase() }))}
        {...form.field('currency_code', chosenCurrency, setCurrency)}
      />
      <TextField
        label="Price"
        inputMode="decimal"
        placeholder="0.00"
        {...form.field('amount', amount, setAmount)}
      />
    </Form>
  )
}
