// The product page: rendered on the server with its title, description and schema.org Product data;
// in the browser the shopper picks a variant (one choice per option), sees its price and stock, and
// adds it to the cart.
import { useMemo, useState } from 'react'
import { data, Link, useLoaderData } from 'react-router'
import { Alert } from '../components/alert'
import type { PageMeta } from '../lib/meta'
import { decimalAmount, formatMoney } from '../lib/money'
import { useShop } from '../lib/shop'
import { notEnoughStockMessage, type Stock, stockOf } from '../lib/stock'
import type { Product, StoreClient, Variant } from '../lib/store-client'

interface ProductData {
  meta: PageMeta
  product: Product
}

/** At or under this many left, the page says how many. */
const LOW_STOCK = 5

/** What the page says of a variant's stock, and in which tone. */
function stockLabel(stock: Stock | undefined): { text: string; tone: string } {
  if (!stock) return { text: 'This combination is not available', tone: 'out-of-stock' }
  if (!stock.available) return { text: 'Out of stock', tone: 'out-of-stock' }
  if (stock.left !== undefined && stock.left <= LOW_STOCK) {
    return { text: `Only ${stock.left} left`, tone: 'low-stock' }
  }
  return { text: 'In stock', tone: 'in-stock' }
}

function optionsOf(variant: Variant | undefined): Record<string, string> {
  return Object.fromEntries((variant?.options ?? []).map((value) => [value.option_id ?? '', value.value]))
}

function productJsonLd(product: Product, url: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description ?? undefined,
    image: product.images?.map((image) => new URL(image.url, url).toString()),
    url,
    offers: (product.variants ?? []).flatMap((variant) => {
      const price = variant.calculated_price
      if (price?.calculated_amount == null || !price.currency_code) return []
      return [
        {
          '@type': 'Offer',
          sku: variant.sku ?? variant.id,
          name: variant.title,
          price: decimalAmount(price.calculated_amount, price.currency_code),
          priceCurrency: price.currency_code.toUpperCase(),
          availability: stockOf(variant).available
            ? 'https://schema.org/InStock'
            : 'https://schema.org/OutOfStock',
        },
      ]
    }),
  }
}

export function productLoader(store: StoreClient) {
  return async ({ request, params }: { request: Request; params: { handle?: string } }) => {
    const region = await store.regionFor(request)
    const product = await store.productByHandle(params.handle ?? '', region)
    if (!product) throw data('Product not found', { status: 404 })
    const description = product.description ?? product.subtitle ?? product.title
    return {
      meta: {
        title: product.title,
        description,
        image: product.thumbnail ?? product.images?.[0]?.url ?? undefined,
        jsonLd: productJsonLd(product, request.url),
      },
      product,
    } satisfies ProductData
  }
}

function VariantPicker(props: {
  product: Product
  chosen: Record<string, string>
  onChoose: (optionId: string, value: string) => void
}) {
  return (
    <>
      {(props.product.options ?? []).map((option) => (
        <fieldset key={option.id} className="option">
          <legend>{option.title}</legend>
          <div className="pills">
            {(option.values ?? []).map((value) => {
              const id = `option-${option.id}-${value.id}`
              return (
                <span key={value.id} className="pill">
                  <input
                    type="radio"
                    id={id}
                    name={option.id}
                    value={value.value}
                    checked={props.chosen[option.id] === value.value}
                    onChange={() => props.onChoose(option.id, value.value)}
                  />
                  <label htmlFor={id}>{value.value}</label>
                </span>
              )
            })}
          </div>
        </fieldset>
      ))}
    </>
  )
}

function AddToCart({ variant, stock }: { variant: Variant | undefined; stock: Stock | undefined }) {
  const { addToCart, cart } = useShop()
  const [quantity, setQuantity] = useState(1)
  const [state, setState] = useState<{ busy?: boolean; added?: boolean; error?: string }>({})
  const disabled = !variant || !stock?.available || state.busy
  return (
    <form
      className="add-to-cart"
      onSubmit={async (event) => {
        event.preventDefault()
        if (!variant) return
        setState({ busy: true })
        try {
          await addToCart(variant.id, quantity)
          setState({ added: true })
        } catch (error) {
          const inCart = cart?.items?.find((item) => item.variant_id === variant.id)?.quantity ?? 0
          setState({
            error:
              notEnoughStockMessage(error, stock, inCart) ??
              ((error as Error).message || 'Could not add this to your cart'),
          })
        }
      }}
    >
      <div className="field field-quantity">
        <label htmlFor="quantity">Quantity</label>
        <input
          id="quantity"
          type="number"
          min={1}
          max={stock?.left ?? 99}
          value={quantity}
          onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={disabled}>
        {state.busy ? 'Adding…' : 'Add to cart'}
      </button>
      <div role="status" className="form-status">
        {state.added && (
          <>
            Added to your cart. <Link to="/cart">View cart</Link>
          </>
        )}
      </div>
      <Alert message={state.error} />
    </form>
  )
}

export function ProductPage() {
  const { product } = useLoaderData() as ProductData
  const variants = product.variants ?? []
  const [chosen, setChosen] = useState(() => optionsOf(variants[0]))
  const variant = useMemo(
    () =>
      variants.find((candidate) =>
        Object.entries(optionsOf(candidate)).every(([optionId, value]) => chosen[optionId] === value),
      ),
    [variants, chosen],
  )
  const price = variant?.calculated_price
  const stock = variant ? stockOf(variant) : undefined
  const label = stockLabel(stock)
  const image = product.images?.[0]?.url ?? product.thumbnail

  return (
    <article className="product">
      <div className="product-gallery">
        {image ? (
          <img src={image} alt={product.title} width={600} height={600} className="product-image" />
        ) : null}
      </div>
      <div className="product-info">
        {product.collection && (
          <Link to={`/collections/${product.collection.handle}`} className="eyebrow">
            {product.collection.title}
          </Link>
        )}
        <h1>{product.title}</h1>
        <p className="product-price" data-testid="price">
          {price?.calculated_amount != null && price.currency_code
            ? formatMoney(price.calculated_amount, price.currency_code)
            : 'Not available in your region'}
        </p>
        <p className={`stock ${label.tone}`} data-testid="stock">
          {label.text}
        </p>
        <VariantPicker
          product={product}
          chosen={chosen}
          onChoose={(optionId, value) => setChosen((current) => ({ ...current, [optionId]: value }))}
        />
        <AddToCart variant={price ? variant : undefined} stock={stock} />
        {product.description && <p className="product-description">{product.description}</p>}
      </div>
    </article>
  )
}
