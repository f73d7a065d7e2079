// A product's variants with their price in each currency; where the server allows, edit a variant
// (title, SKU, prices), add one for a new combination of option values, or delete one.
import { useEffect, useState } from 'react'
import { api, queryString } from '../../api'
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../format'
import { useChange, useCurrencies, useRoutes } from '../../hooks'
import type { Product, Variant } from '../../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { ErrorNotice, Section } from '../../ui/page'

/** Each variant's own price (before any sale) per currency, as the API calculates it. */
function usePrices(product: Product, currencies: string[]) {
  const [prices, setPrices] = useState<Record<string, Record<string, number>>>({})
  useEffect(() => {
    let current = true
    void Promise.all(
      currencies.map(async (currency) => {
        const { products } = await api<{ products: Product[] }>(
          'GET',
          `/admin/products${queryString({ id: product.id, currency_code: currency, limit: 1 })}`,
        )
        return [currency, products[0]] as const
      }),
    ).then((answers) => {
      if (!current) return
      const byVariant: Record<string, Record<string, number>> = {}
      for (const [currency, priced] of answers) {
        for (const variant of priced?.variants ?? []) {
          const price = variant.calculated_price as { original_amount?: number } | undefined
          if (price?.original_amount === undefined) continue
          byVariant[variant.id] = { ...byVariant[variant.id], [currency]: price.original_amount }
        }
      }
      setPrices(byVariant)
    })
    return () => {
      current = false
    }
  }, [currencies, product.id])
  return prices
}

export function VariantsSection({ product, reload }: { product: Product; reload: () => Promise<void> }) {
  const { currencies } = useCurrencies()
  const prices = usePrices(product, currencies)
  const routes = useRoutes()
  const editable = routes?.has('POST /admin/products/{id}/variants/{variant_id}') ?? false
  const [editing, setEditing] = useState<string | null>(null)
  const { problem, run: change } = useChange(reload)

  async function remove(variant: Variant) {
    if (!window.confirm(`Delete the variant ${variant.title} and its prices?`)) return
    await change(() => api('DELETE', `/admin/products/${product.id}/variants/${variant.id}`))
  }

  return (
    <Section title={`Variants (${product.variants.length})`}>
      <ErrorNotice error={problem} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">SKU</th>
              {currencies.map((currency) => (
                <th scope="col" key={currency} className="numeric">
                  {currency.toUpperCase()}
                </th>
              ))}
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {product.variants.map((variant) => (
              <tr key={variant.id}>
                <td>{variant.title}</td>
                <td>{variant.sku ?? '—'}</td>
                {currencies.map((currency) => {
                  const amount = prices[variant.id]?.[currency]
                  return (
                    <td key={currency} className="numeric">
                      {amount === undefined ? '—' : formatMoney(amount, currency)}
                    </td>
                  )
                })}
                {editable && (
                  <td className="cell-actions">
                    <button type="button" className="link" onClick={() => setEditing(variant.id)}>
                      Edit<span className="visually-hidden"> {variant.title}</span>
                    </button>{' '}
                    <button type="button" className="link danger-text" onClick={() => void remove(variant)}>
                      Delete<span className="visually-hidden"> {variant.title}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable &&
        product.variants
          .filter((variant) => variant.id === editing)
          .map((variant) => (
            <VariantForm
              key={variant.id}
              product={product}
              variant={variant}
              currencies={currencies}
              prices={prices[variant.id] ?? {}}
              onDone={async () => {
                setEditing(null)
                await reload()
              }}
            />
          ))}
      {editable && editing === null && (
        <VariantForm product={product} currencies={currencies} prices={{}} onDone={reload} />
      )}
    </Section>
  )
}

function VariantForm({
  product,
  variant,
  currencies,
  prices,
  onDone,
}: {
  product: Product
  variant?: Variant
  currencies: string[]
  prices: Record<string, number>
  onDone: () => Promise<void>
}) {
  const form = useForm()
  const [title, setTitle] = useState(variant?.title ?? '')
  const [sku, setSku] = useState(variant?.sku ?? '')
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(prices).map(([currency, amount]) => [currency, fromMinorUnits(amount, currency)]),
    ),
  )
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(product.options.map((option) => [option.title, option.values[0]?.value ?? ''])),
  )
  const pricesChanged = currencies.some(
    (currency) =>
      (amounts[currency] ?? '') !==
      (prices[currency] === undefined ? '' : fromMinorUnits(prices[currency]!, currency)),
  )

  function check(): FieldErrors {
    const errors = errorsOf({
      title: variant || title.trim() ? undefined : 'Name the variant, e.g. XL / Blue.',
    })
    for (const currency of currencies) {
      const text = amounts[currency] ?? ''
      if (text && toMinorUnits(text, currency) === undefined)
        errors[`prices.${currency}`] = 'Enter an amount like 12.50.'
    }
    return errors
  }

  async function send() {
    const priceList = currencies
      .filter((currency) => amounts[currency])
      .map((currency) => ({ currency_code: currency, amount: toMinorUnits(amounts[currency]!, currency)! }))
    if (variant) {
      await api('POST', `/admin/products/${product.id}/variants/${variant.id}`, {
        title: title.trim(),
        sku: sku.trim() || null,
        // Prices are replaced as a whole: only send them when the merchant changed one.
        ...(pricesChanged && { prices: priceList }),
      })
    } else {
      await api('POST', `/admin/products/${product.id}/variants`, {
        title: title.trim() || Object.values(values).join(' / '),
        sku: sku.trim() || null,
        options: values,
        prices: priceList,
      })
      setTitle('')
      setSku('')
      setAmounts({})
    }
    await onDone()
  }

  const name = variant ? variant.title : 'the new variant'
  return (
    <form className="separated" noValidate onSubmit={(event) => form.submit(event, check, send)}>
      <h3>{variant ? `Edit ${variant.title}` : 'Add a variant'}</h3>
      <div className="quantities">
        {!variant &&
          product.options.map((option) => (
            <SelectField
              key={option.id}
              label={option.title}
              name={`options.${option.title}`}
              value={values[option.title] ?? ''}
              options={option.values.map((value) => ({ value: value.value, label: value.value }))}
              onChange={(event) => setValues({ ...values, [option.title]: event.target.value })}
            />
          ))}
        <TextField
          label={variant ? `Title of ${name}` : 'Variant title'}
          name="title"
          placeholder={variant ? undefined : Object.values(values).join(' / ') || 'Default'}
          value={title}
          error={form.errors.title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextField
          label={`SKU of ${name}`}
          name="sku"
          value={sku}
          error={form.errors.sku}
          onChange={(event) => setSku(event.target.value)}
        />
        {currencies.map((currency) => (
          <TextField
            key={currency}
            label={`Price of ${name} in ${currency.toUpperCase()}`}
            name={`prices.${currency}`}
            inputMode="decimal"
            placeholder="0.00"
            value={amounts[currency] ?? ''}
            error={form.errors[`prices.${currency}`]}
            onChange={(event) => setAmounts({ ...amounts, [currency]: event.target.value })}
          />
        ))}
      </div>
      <FormError message={form.formError} />
      <div className="form-actions">
        {variant && (
          <button type="button" className="secondary" onClick={() => void onDone()}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={form.busy}>
          {variant ? 'Save variant' : 'Add variant'}
        </button>
      </div>
    </form>
  )
}
