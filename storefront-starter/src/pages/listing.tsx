// Category and collection pages: rendered on the server for search engines, paged with ?page=.
import { data, Link, useLoaderData, useSearchParams } from 'react-router'
import { type CardProduct, ProductGrid, toCard } from '../components/product-card'
import type { PageMeta } from '../lib/meta'
import type { Category, StoreClient } from '../lib/store-client'

const PAGE_SIZE = 24

interface ListingData {
  meta: PageMeta
  heading: string
  intro: string
  subcategories: Category[]
  products: CardProduct[]
  count: number
  page: number
}

function pageOf(request: Request): number {
  const page = Number(new URL(request.url).searchParams.get('page') ?? '1')
  return Number.isInteger(page) && page > 0 ? page : 1
}

export function categoryLoader(store: StoreClient) {
  return async ({ request, params }: { request: Request; params: { handle?: string } }) => {
    const [category, region] = await Promise.all([
      store.categoryByHandle(params.handle ?? ''),
      store.regionFor(request),
    ])
    if (!category) throw data('Category not found', { status: 404 })
    const page = pageOf(request)
    const { products, count } = await store.products({
      category_id: [category.id, ...(category.category_children ?? []).map((child) => child.id)],
      region_id: region?.id,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    const intro = category.description || `Our ${category.name.toLowerCase()}: ${count} pieces, made to last.`
    return {
      meta: { title: category.name, description: intro },
      heading: category.name,
      intro,
      subcategories: category.category_children ?? [],
      products: products.map(toCard),
      count,
      page,
    } satisfies ListingData
  }
}

export function collectionLoader(store: StoreClient) {
  return async ({ request, params }: { request: Request; params: { handle?: string } }) => {
    const [collection, region] = await Promise.all([
      store.collectionByHandle(params.handle ?? ''),
      store.regionFor(request),
    ])
    if (!collection) throw data('Collection not found', { status: 404 })
    const page = pageOf(request)
    const { products, count } = await store.products({
      collection_id: [collection.id],
      region_id: region?.id,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    const intro = `The ${collection.title} collection: ${count} pieces.`
    return {
      meta: { title: collection.title, description: intro },
      heading: collection.title,
      intro,
      subcategories: [],
      products: products.map(toCard),
      count,
      page,
    } satisfies ListingData
  }
}

export function Pagination({ count, page, pageSize }: { count: number; page: number; pageSize: number }) {
  const [params] = useSearchParams()
  const pages = Math.ceil(count / pageSize)
  if (pages < 2) return null
  const linkTo = (target: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(target))
    return `?${next}`
  }
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link to={linkTo(page - 1)}>Previous</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={linkTo(page + 1)}>Next</Link> : <span />}
    </nav>
  )
}

export function ListingPage() {
  const listing = useLoaderData() as ListingData
  return (
    <>
      <header className="page-header">
        <h1>{listing.heading}</h1>
        <p className="muted">{listing.intro}</p>
        {listing.subcategories.length > 0 && (
          <ul className="chips" aria-label="Subcategories">
            {listing.subcategories.map((child) => (
              <li key={child.id}>
                <Link to={`/categories/${child.handle}`} className="chip">
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </header>
      <ProductGrid products={listing.products} label={listing.heading} />
      <Pagination count={listing.count} page={listing.page} pageSize={PAGE_SIZE} />
    </>
  )
}
