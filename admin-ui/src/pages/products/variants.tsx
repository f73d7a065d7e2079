// A product's variants with their price in each currency; where the server allows, edit a variant
// (title, SKU, prices, its quantity tiers' and region prices' amounts too), add one for a new
// combination of option values, or delete one. Prices are saved as the whole set the form loaded,
// each with its id, so changing one keeps every other.
import { useEffect, useState } from 'react'
import { api, queryString } from '../../api'
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../format'
import { useChange, useCurrencies, useResource, useRoutes } from '../../hooks'
import type { Product, Region, Variant, VariantPrice } from '../../types'
import { errorsOf, type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { ErrorNotice, Section } from '../../ui/page'

/** The price a variant has in a currency for any region and quantity: the one the table shows. */
function basePrice(prices: VariantPrice[], currency: string): VariantPrice | undefined {
  return prices.find(
    (price) =>
      price.currency_code === currency &&
      price.region_id === null &&
      (price.min_quantity ?? 1) <= 1 &&
      price.max_quantity === null,
  )
}

/** Every own price of each variant (tiers and region prices too); `version` moves on to ask again. */
function useVariantPrices(product: Product, version: number) {
  const [prices, setPrices] = useState<Record<string, VariantPrice[]>>({})
  const [loaded, setLoaded] = useState(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version asks again after a change
  useEffect(() => {
    let current = true
    setLoaded(false)
    void api<{ variants: Array<{ id: string; prices: VariantPrice[] }> }>(
      'GET',
      `/admin/products/${product.id}/variants${queryString({ limit: 1000 })}`,
    ).then(({ variants }) => {
      if (!current) return
      setPrices(Object.fromEntries(variants.map((variant) => [variant.id, variant.prices])))
      setLoaded(true)
    })
    return () => {
      current = false
    }
  }, [product.id, version])
  return { prices, loaded }
}

export function VariantsSection({ product, reload }: { product: Product; reload: () => Promise<void> }) {
  const { currencies, loaded: currenciesLoaded } = useCurrencies()
  const [version, setVersion] = useState(0)
  // A variant's prices are saved as a whole set: it is editable once all of them are known, and once
  // the shop's currencies are (else a base price in a currency not yet listed would be taken for a
  // region or tier price, and its field would move, losing what was typed in it).
  const { prices, loaded: pricesLoaded } = useVariantPrices(product, version)
  const loaded = pricesLoaded && currenciesLoaded
  const regions = useResource<{ regions: Region[] }>('/admin/regions?limit=200')
  const regionNames = new Map((regions.data?.regions ?? []).map((region) => [region.id, region.name]))
  const changed = async () => {
    await reload()
    setVersion((value) => value + 1)
  }
  const routes = useRoutes()
  const editable = routes?.has('POST /admin/products/{id}/variants/{variant_id}') ?? false
  const [editing, setEditing] = useState<string | null>(null)
  const { problem, run: change } = useChange(changed)

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
                  const amount = basePrice(prices[variant.id] ?? [], currency)?.amount
                  return (
                    <td key={currency} className="numeric">
                      {amount === undefined ? '—' : formatMoney(amount, currency)}
                    </td>
                  )
                })}
                {editable && (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="link"
                      disabled={!loaded}
                      onClick={() => setEditing(variant.id)}
                    >
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
              prices={prices[variant.id] ?? []}
              regionNames={regionNames}
              onDone={async () => {
                setEditing(null)
                await changed()
              }}
            />
          ))}
      {editable && editing === null && currenciesLoaded && (
        <VariantForm
          product={product}
          currencies={currencies}
          prices={[]}
          regionNames={regionNames}
          onDone={changed}
        />
      )}
    </Section>
  )
}

/** What a price other than the base one applies to, e.g. "in Europe, from 10 units". */
function priceTerms(price: VariantPrice, regionNames: Map<string, string>): string {
  const terms = [price.currency_code.toUpperCase()]
  if (price.region_id) terms.push(`in ${regionNames.get(price.region_id) ?? price.region_id}`)
  if (price.min_quantity != null && price.max_quantity != null) {
    terms.push(`for ${price.min_quantity} to ${price.max_quantity} units`)
  } else if (price.min_quantity != null && price.min_quantity > 1) {
    terms.push(`from ${price.min_quantity} units`)
  } else if (price.max_quantity != null) {
    terms.push(`up to ${price.max_quantity} units`)
  }
  return terms.join(' ')
}

function VariantForm({
  product,
  variant,
  currencies,
  prices,
  regionNames,
  onDone,
}: {
  product: Product
  variant?: Variant
  currencies: string[]
  /** Every own price of the variant: saved back whole, so no tier or region price is lost. */
  prices: VariantPrice[]
  regionNames: Map<string, string>
  onDone: () => Promise<void>
}) {
  const form = useForm()
  const [title, setTitle] = useState(variant?.title ?? '')
  const [sku, setSku] = useState(variant?.sku ?? '')
  // The shop's currencies' base prices are edited in the main fields; every other price (tiers, region
  // prices, currencies the shop no longer lists) below them.
  const basePrices = currencies.flatMap((currency) => basePrice(prices, currency) ?? [])
  const otherPrices = prices.filter((price) => !basePrices.includes(price))
  // Base prices by currency; the other prices (tiers, region prices) by id.
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries([
      ...basePrices.map((price) => [price.currency_code, fromMinorUnits(price.amount, price.currency_code)]),
      ...otherPrices.map((price) => [price.id, fromMinorUnits(price.amount, price.currency_code)]),
    ]),
  )
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(product.options.map((option) => [option.title, option.values[0]?.value ?? ''])),
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
    for (const price of otherPrices) {
      if (toMinorUnits(amounts[price.id] ?? '', price.currency_code) === undefined)
        errors[`prices.${price.id}`] = 'Enter an amount like 12.50.'
    }
    return errors
  }

  /** The whole price set: each loaded price with its id (so the server keeps it), new ones without. */
  function priceSet() {
    const base = currencies
      .filter((currency) => amounts[currency])
      .map((currency) => {
        const kept = basePrices.find((price) => price.currency_code === currency)
        return {
          ...(kept ?? { currency_code: currency }),
          amount: toMinorUnits(amounts[currency]!, currency)!,
        }
      })
    const others = otherPrices.map((price) => ({
      ...price,
      amount: toMinorUnits(amounts[price.id]!, price.currency_code)!,
    }))
    return [...base, ...others]
  }

  async function send() {
    if (variant) {
      await api('POST', `/admin/products/${product.id}/variants/${variant.id}`, {
        title: title.trim(),
        sku: sku.trim() || null,
        prices: priceSet(),
      })
    } else {
      await api('POST', `/admin/products/${product.id}/variants`, {
        title: title.trim() || Object.values(values).join(' / '),
        sku: sku.trim() || null,
        options: values,
        prices: priceSet(),
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
      {otherPrices.length > 0 && (
        <>
          <h4>Quantity and region prices</h4>
          <div className="quantities">
            {otherPrices.map((price) => (
              <TextField
                key={price.id}
                label={`Price of ${name} in ${priceTerms(price, regionNames)}`}
                name={`prices.${price.id}`}
                inputMode="decimal"
                value={amounts[price.id] ?? ''}
                error={form.errors[`prices.${price.id}`]}
                onChange={(event) => setAmounts({ ...amounts, [price.id]: event.target.value })}
              />
            ))}
          </div>
        </>
      )}
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
