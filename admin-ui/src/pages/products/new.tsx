// Creating a product: its details, options (Size: S, M), the variants those make, and each variant's
// price in every currency the shop sells in.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../api'
import { toMinorUnits } from '../../format'
import { useCurrencies } from '../../hooks'
import type { Product } from '../../types'
import { type FieldErrors, FormError, TextField, useForm } from '../../ui/form'
import { PageHeader, Section } from '../../ui/page'
import { checkDetails, DetailsFields, detailsBody, detailsOf } from './details'

interface OptionDraft {
  title: string
  values: string
}

interface VariantDraft {
  title: string
  sku: string
  options: Record<string, string>
  prices: Record<string, string>
}

function valuesOf(option: OptionDraft): string[] {
  return [
    ...new Set(
      option.values
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ]
}

/** Every combination of the options' values, one variant each; what was typed for one is kept. */
function combine(options: OptionDraft[], previous: VariantDraft[]): VariantDraft[] {
  const usable = options.filter((option) => option.title.trim() && valuesOf(option).length)
  let combinations: Array<Record<string, string>> = [{}]
  for (const option of usable) {
    combinations = combinations.flatMap((combination) =>
      valuesOf(option).map((value) => ({ ...combination, [option.title.trim()]: value })),
    )
  }
  return combinations.map((combination) => {
    const title = Object.values(combination).join(' / ') || 'Default'
    const kept = previous.find((variant) => variant.title === title)
    return { title, sku: kept?.sku ?? '', options: combination, prices: kept?.prices ?? {} }
  })
}

export function NewProductPage() {
  const navigate = useNavigate()
  const form = useForm()
  const [details, setDetails] = useState(detailsOf())
  const [options, setOptions] = useState<OptionDraft[]>([])
  const [variants, setVariants] = useState<VariantDraft[]>(() => combine([], []))
  const { currencies, loaded } = useCurrencies()

  function changeOptions(next: OptionDraft[]) {
    setOptions(next)
    setVariants(combine(next, variants))
  }

  function changeVariant(index: number, change: Partial<VariantDraft>) {
    setVariants(variants.map((variant, at) => (at === index ? { ...variant, ...change } : variant)))
  }

  function check(): FieldErrors {
    const errors = checkDetails(details)
    const titles = new Set<string>()
    options.forEach((option, index) => {
      const title = option.title.trim()
      if (!title) errors[`options.${index}.title`] = 'Name the option, e.g. Size.'
      else if (titles.has(title.toLowerCase()))
        errors[`options.${index}.title`] = 'Two options have this name.'
      titles.add(title.toLowerCase())
      if (!valuesOf(option).length) errors[`options.${index}.values`] = 'List at least one value.'
    })
    variants.forEach((variant, index) => {
      for (const currency of currencies) {
        const text = variant.prices[currency] ?? ''
        if (text && toMinorUnits(text, currency) === undefined)
          errors[`variants.${index}.prices.${currency}`] = 'Enter an amount like 12.50.'
      }
    })
    return errors
  }

  async function send() {
    const body = {
      ...detailsBody(details),
      options: options.map((option) => ({ title: option.title.trim(), values: valuesOf(option) })),
      variants: variants.map((variant) => ({
        title: variant.title,
        sku: variant.sku.trim() || null,
        options: variant.options,
        prices: currencies
          .filter((currency) => variant.prices[currency])
          .map((currency) => ({
            currency_code: currency,
            amount: toMinorUnits(variant.prices[currency]!, currency)!,
          })),
      })),
    }
    const { product } = await api<{ product: Product }>('POST', '/admin/products', body)
    navigate(`/products/${product.id}`, { state: { created: true } })
  }

  return (
    <form noValidate onSubmit={(event) => form.submit(event, check, send)}>
      <PageHeader
        title="New product"
        subtitle={<Link to="/products">Back to products</Link>}
        actions={
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Create product'}
          </button>
        }
      />
      <FormError message={form.formError} />
      <Section title="Details">
        <DetailsFields details={details} onChange={setDetails} errors={form.errors} />
      </Section>
      <Section
        title="Options"
        actions={
          <button
            type="button"
            className="secondary"
            onClick={() => changeOptions([...options, { title: '', values: '' }])}
          >
            Add option
          </button>
        }
      >
        {options.length === 0 && (
          <p className="muted">One variant, or add options such as Size or Colour to sell several.</p>
        )}
        {options.map((option, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, in order
          <fieldset key={index} className="row">
            <legend className="visually-hidden">Option {index + 1}</legend>
            <TextField
              label={`Option ${index + 1} name`}
              name={`options.${index}.title`}
              placeholder="Size"
              value={option.title}
              error={form.errors[`options.${index}.title`]}
              onChange={(event) =>
                changeOptions(
                  options.map((item, at) => (at === index ? { ...item, title: event.target.value } : item)),
                )
              }
            />
            <TextField
              label={`Option ${index + 1} values`}
              name={`options.${index}.values`}
              placeholder="S, M, L"
              hint="Separate values with commas."
              value={option.values}
              error={form.errors[`options.${index}.values`]}
              onChange={(event) =>
                changeOptions(
                  options.map((item, at) => (at === index ? { ...item, values: event.target.value } : item)),
                )
              }
            />
            <button
              type="button"
              className="link"
              onClick={() => changeOptions(options.filter((_, at) => at !== index))}
            >
              Remove<span className="visually-hidden"> option {index + 1}</span>
            </button>
          </fieldset>
        ))}
      </Section>
      <Section title={`Variants (${variants.length})`}>
        {currencies.length === 0 && loaded && (
          <p className="muted">
            Add a <Link to="/regions">region</Link> to set prices in its currency.
          </p>
        )}
        <div className="variant-list">
          {variants.map((variant, index) => (
            <fieldset key={variant.title} className="variant">
              <legend>{variant.title}</legend>
              <TextField
                label={`SKU of ${variant.title}`}
                name={`variants.${index}.sku`}
                value={variant.sku}
                error={form.errors[`variants.${index}.sku`]}
                onChange={(event) => changeVariant(index, { sku: event.target.value })}
              />
              {currencies.map((currency) => (
                <TextField
                  key={currency}
                  label={`Price of ${variant.title} in ${currency.toUpperCase()}`}
                  name={`variants.${index}.prices.${currency}`}
                  inputMode="decimal"
                  placeholder="0.00"
                  value={variant.prices[currency] ?? ''}
                  error={form.errors[`variants.${index}.prices.${currency}`]}
                  onChange={(event) =>
                    changeVariant(index, { prices: { ...variant.prices, [currency]: event.target.value } })
                  }
                />
              ))}
            </fieldset>
          ))}
        </div>
      </Section>
    </form>
  )
}
