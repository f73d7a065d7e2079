// The store's settings: its name and the currencies it sells in.
import { useState } from 'react'
import { api } from '../api'
import { useResource } from '../hooks'
import { errorsOf, type FieldErrors, FormError, TextField, useForm } from '../ui/form'
import { ErrorNotice, Loading, PageHeader, Section } from '../ui/page'

export interface Store {
  id: string
  name: string
  default_currency_code: string
  supported_currencies: Array<{ currency_code: string; is_default: boolean }>
}

const CURRENCY = /^[a-zA-Z]{3}$/

export function StoreSettingsPage() {
  const stores = useResource<{ stores: Store[] }>('/admin/stores')
  const store = stores.data?.stores[0]
  return (
    <>
      <PageHeader title="Store" subtitle="Your shop's name and the currencies it sells in." />
      <ErrorNotice error={stores.error} />
      {!stores.data && <Loading />}
      {store && <StoreForm key={store.id} store={store} reload={stores.reload} />}
    </>
  )
}

function StoreForm({ store, reload }: { store: Store; reload: () => Promise<void> }) {
  const form = useForm()
  const [name, setName] = useState(store.name)
  const [defaultCurrency, setDefaultCurrency] = useState(store.default_currency_code.toUpperCase())
  const [currencies, setCurrencies] = useState(
    store.supported_currencies.map((currency) => currency.currency_code.toUpperCase()).join(', '),
  )
  const [saved, setSaved] = useState(false)
  const list = [
    ...new Set(
      currencies
        .split(',')
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]

  function check(): FieldErrors {
    const wrong = list.find((code) => !CURRENCY.test(code))
    return errorsOf({
      name: name.trim() ? undefined : 'Name the store.',
      default_currency_code: CURRENCY.test(defaultCurrency.trim())
        ? list.includes(defaultCurrency.trim().toLowerCase())
          ? undefined
          : 'The default currency must be one of the currencies below.'
        : 'Enter a 3-letter currency code, e.g. EUR.',
      supported_currencies: !list.length
        ? 'List at least one currency.'
        : wrong
          ? `${wrong.toUpperCase()} is not a 3-letter currency code.`
          : undefined,
    })
  }

  async function send() {
    await api('POST', `/admin/stores/${store.id}`, {
      name: name.trim(),
      default_currency_code: defaultCurrency.trim().toLowerCase(),
      supported_currencies: list,
    })
    setSaved(true)
    await reload()
  }

  return (
    <Section title="Settings">
      <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
        <TextField label="Store name" {...form.field('name', name, setName)} />
        <TextField
          label="Default currency"
          maxLength={3}
          {...form.field('default_currency_code', defaultCurrency, setDefaultCurrency)}
        />
        <TextField
          label="Currencies"
          className="span-2"
          hint="3-letter codes, separated by commas. Products are priced in each."
          {...form.field('supported_currencies', currencies, setCurrencies)}
        />
        <div className="form-actions span-2">
          <FormError message={form.formError} />
          {saved && !form.formError && (
            <p className="notice" role="status">
              Settings saved.
            </p>
          )}
          <button type="submit" disabled={form.busy}>
            Save settings
          </button>
        </div>
      </form>
    </Section>
  )
}
