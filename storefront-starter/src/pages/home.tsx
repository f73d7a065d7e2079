// The home page: a welcome, the collections, the categories and a selection of products.
import { Link, useLoaderData } from 'react-router'
import { type CardProduct, ProductGrid, toCard } from '../components/product-card'
import type { PageMeta } from '../lib/meta'
import type { Category, Collection, StoreClient } from '../lib/store-client'

interface HomeData {
  meta: PageMeta
  collections: Collection[]
  categories: Category[]
  products: CardProduct[]
}

export function homeLoader(store: StoreClient) {
  return async ({ request }: { request: Request }): Promise<HomeData> => {
    const region = await store.regionFor(request)
    const [collections, categories, { products }] = await Promise.all([
      store.collections(),
      store.categories(),
      store.products({ limit: 8, region_id: region?.id }),
    ])
    return {
      meta: {
        title: 'Everyday clothing, made to last',
        description:
          'Shirts, knitwear, trousers, shoes and accessories, made in small batches and shipped fast.',
      },
      collections,
      categories,
      products: products.map(toCard),
    }
  }
}

export function HomePage() {
  const { collections, categories, products } = useLoaderData() as HomeData
  return (
    <>
      <section className="hero">
        <h1>Everyday clothing, made to last</h1>
        <p>Small batches, honest materials, and free returns within 30 days.</p>
        <Link to="/search" className="button">
          Shop everything
        </Link>
      </section>

      {collections.length > 0 && (
        <section aria-labelledby="collections-heading" className="section">
          <h2 id="collections-heading">Collections</h2>
          <ul className="tiles">
            {collections.map((collection) => (
              <li key={collection.id}>
                <Link to={`/collections/${collection.handle}`} className="tile">
                  {collection.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="new-heading" className="section">
        <h2 id="new-heading">New arrivals</h2>
        <ProductGrid products={products} label="New arrivals" />
      </section>

      {categories.length > 0 && (
        <section aria-labelledby="categories-heading" className="section">
          <h2 id="categories-heading">Shop by category</h2>
          <ul className="tiles">
            {categories.map((category) => (
              <li key={category.id}>
                <Link to={`/categories/${category.handle}`} className="tile tile-muted">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
