// A product in a grid: its picture, its name and its lowest price in the shopper's currency.
import { Link } from 'react-router'
import { formatMoney } from '../lib/money'
import type { Product } from '../lib/store-client'

export interface CardProduct {
  id: string
  title: string
  handle: string
  thumbnail: string | null
  price: { amount: number; currency_code: string } | null
}

/** The cheapest variant's calculated price: what "from" means on a product card. */
export function lowestPrice(product: Product): CardProduct['price'] {
  let lowest: CardProduct['price'] = null
  for (const variant of product.variants ?? []) {
    const price = variant.calculated_price
    if (price?.calculated_amount == null || !price.currency_code) continue
    if (!lowest || price.calculated_amount < lowest.amount) {
      lowest = { amount: price.calculated_amount, currency_code: price.currency_code }
    }
  }
  return lowest
}

export function toCard(product: Product): CardProduct {
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    thumbnail: product.thumbnail ?? product.images?.[0]?.url ?? null,
    price: lowestPrice(product),
  }
}

export function ProductCard({ product }: { product: CardProduct }) {
  return (
    <li className="card">
      <Link to={`/products/${product.handle}`} className="card-link">
        <div className="card-image">
          {product.thumbnail ? (
            <img src={product.thumbnail} alt="" loading="lazy" width={600} height={600} />
          ) : null}
        </div>
        <h3 className="card-title">{product.title}</h3>
        <p className="card-price">
          {product.price
            ? formatMoney(product.price.amount, product.price.currency_code)
            : 'Price on request'}
        </p>
      </Link>
    </li>
  )
}

export function ProductGrid({ products, label }: { products: CardProduct[]; label: string }) {
  if (!products.length) return <p className="empty">No products here yet.</p>
  return (
    <ul className="grid" aria-label={label}>
      {products.map((product) => (
        <ProductCard key={product.id} product={product} />
      ))}
    </ul>
  )
}
