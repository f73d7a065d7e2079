// One product: edit its details, its variants and their prices, and the stock of each variant at each
// location.
import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { api, queryString } from '../../api'
import { useOptionalResource, useResource } from '../../hooks'
import type { InventoryLevel, Product, StockLocation } from '../../types'
import { type FieldErrors, FormError, SelectField, TextField, useForm } from '../../ui/form'
import { ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'
import { checkDetails, DetailsFields, detailsBody, detailsOf } from './details'
import { VariantsSection } from './variants'

export function ProductDetailPage() {
  const { id } = useParams() as { id: string }
  const product = useResource<{ product: Product }>(`/admin/products/${id}`)
  if (product.error) return <ErrorNotice error={product.error} />
  if (!product.data) return <Loading />
  return (
    <ProductEditor
      key={product.data.product.updated_at}
      product={product.data.product}
      reload={product.reload}
    />
  )
}

function ProductEditor({ product, reload }: { product: Product; reload: () => Promise<void> }) {
  const navigate = useNavigate()
  const location = useLocation()
  const form = useForm()
  const [details, setDetails] = useState(detailsOf(product))
  const [saved, setSaved] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? 'Product created.' : null,
  )

  async function save() {
    await api('POST', `/admin/products/${product.id}`, detailsBody(details))
    setSaved('Changes saved.')
    await reload()
  }

  async function remove() {
    if (!window.confirm(`Delete ${product.title}? This cannot be undone.`)) return
    await api('DELETE', `/admin/products/${product.id}`)
    navigate('/products')
  }

  return (
    <>
      <form
        noValidate
        onSubmit={(event) => form.submit(event, (): FieldErrors => checkDetails(details), save)}
      >
        <PageHeader
          title={product.title}
          subtitle={<Link to="/products">Back to products</Link>}
          actions={
            <>
              <button type="button" className="danger" onClick={() => void remove()}>
                Delete
              </button>
              <button type="submit" disabled={form.busy}>
                {form.busy ? 'Saving…' : 'Save'}
              </button>
            </>
          }
        />
        {saved && !form.formError && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        <FormError message={form.formError} />
        <Section title="Details">
          <DetailsFields details={details} onChange={setDetails} errors={form.errors} />
        </Section>
      </form>
      <VariantsSection product={product} reload={reload} />
      <Inventory product={product} />
    </>
  )
}

/** Stock of each variant at each location, and a form to add or remove stock. */
function Inventory({ product }: { product: Product }) {
  const variantIds = product.variants.map((variant) => variant.id)
  const levels = useResource<{ inventory_levels: InventoryLevel[] }>(
    variantIds.length ? `/admin/inventory/levels${queryString({ variant_id: variantIds })}` : null,
  )
  const locations = useOptionalResource<{ stock_locations: StockLocation[] }>(
    'GET /admin/stock-locations',
    '/admin/stock-locations?limit=200',
  )
  const names = new Map(
    (locations.data?.stock_locations ?? []).map((location) => [location.id, location.name]),
  )
  const locationIds = [
    ...new Set([
      ...(locations.data?.stock_locations ?? []).map((location) => location.id),
      ...(levels.data?.inventory_levels ?? []).map((level) => level.location_id),
    ]),
  ]
  const form = useForm()
  const [variantId, setVariantId] = useState(variantIds[0] ?? '')
  const [locationId, setLocationId] = useState('')
  const [adjustment, setAdjustment] = useState('')
  const chosenLocation = locationId || locationIds[0] || ''

  function check(): FieldErrors {
    const errors: FieldErrors = {}
    if (!variantId) errors.variant_id = 'Choose a variant.'
    if (!chosenLocation) errors.location_id = 'Choose a location.'
    if (!/^[+-]?\d+$/.test(adjustment.trim()) || Number(adjustment) === 0)
      errors.adjustment = 'Enter a whole number: positive adds stock, negative removes it.'
    return errors
  }

  async function send() {
    await api('POST', '/admin/inventory/adjustments', {
      variant_id: variantId,
      location_id: chosenLocation,
      adjustment: Number(adjustment),
    })
    setAdjustment('')
    await levels.reload()
  }

  const level = (variant: string, location: string) =>
    levels.data?.inventory_levels.find((item) => item.variant_id === variant && item.location_id === location)

  return (
    <Section title="Inventory">
      <ErrorNotice error={levels.error} />
      {locationIds.length === 0 ? (
        <p className="muted">
          No stock anywhere yet. <Link to="/stock-locations">Add a stock location</Link> to keep stock.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                {locationIds.map((location) => (
                  <th scope="col" key={location}>
                    {names.get(location) ?? location}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {product.variants.map((variant) => (
                <tr key={variant.id}>
                  <td>{variant.title}</td>
                  {locationIds.map((location) => {
                    const found = level(variant.id, location)
                    return (
                      <td key={location}>
                        {found ? (
                          <>
                            {found.available_quantity} available
                            <span className="muted small block">
                              {found.stocked_quantity} in stock, {found.reserved_quantity} reserved
                            </span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {locationIds.length > 0 && variantIds.length > 0 && (
        <form className="inline-form" noValidate onSubmit={(event) => form.submit(event, check, send)}>
          <SelectField
            label="Variant"
            name="variant_id"
            value={variantId}
            error={form.errors.variant_id}
            options={product.variants.map((variant) => ({ value: variant.id, label: variant.title }))}
            onChange={(event) => setVariantId(event.target.value)}
          />
          <SelectField
            label="Location"
            name="location_id"
            value={chosenLocation}
            error={form.errors.location_id}
            options={locationIds.map((location) => ({
              value: location,
              label: names.get(location) ?? location,
            }))}
            onChange={(event) => setLocationId(event.target.value)}
          />
          <TextField
            label="Add or remove"
            name="adjustment"
            inputMode="numeric"
            placeholder="+10 or -2"
            value={adjustment}
            error={form.errors.adjustment}
            onChange={(event) => setAdjustment(event.target.value)}
          />
          <button type="submit" disabled={form.busy}>
            Adjust stock
          </button>
          <FormError message={form.formError} />
        </form>
      )}
    </Section>
  )
}
