// Search with facets (GET /store/search): the query, filters by category, collection, option values
// and price, and sorting all live in the URL, so a filtered page can be shared and is rendered on the server.
import { useEffect, useRef } from 'react'
import { Form, Link, useLoaderData, useSubmit } from 'react-router'
import { ProductGrid } from '../components/product-card'
import type { PageMeta } from '../lib/meta'
import { formatMoney } from '../lib/money'
import type { Category, Collection, SearchResult, StoreClient } from '../lib/store-client'
import { Pagination } from './listing'

const PAGE_SIZE = 24
const SORTS = [
  ['relevance', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['newest', 'Newest'],
] as const
const OPTION_PARAM = /^options\[(.+)\]$/

interface SearchData {
  meta: PageMeta
  q: string
  sort: string
  page: number
  currency: string
  result: SearchResult
  chosen: Record<string, string[]>
  categories: Category[]
  collections: Collection[]
}

export function searchLoader(store: StoreClient) {
  return async ({ request }: { request: Request }) => {
    const params = new URL(request.url).searchParams
    const q = params.get('q')?.trim() ?? ''
    const sort = SORTS.some(([value]) => value === params.get('sort')) ? params.get('sort')! : 'relevance'
    const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
    const chosen: Record<string, string[]> = {}
    for (const key of new Set(params.keys())) chosen[key] = params.getAll(key)
    const options = Object.fromEntries(
      Object.entries(chosen).flatMap(([key, values]) => {
        const title = OPTION_PARAM.exec(key)?.[1]
        return title ? [[title, values]] : []
      }),
    )
    const [low, high] = (params.get('price') ?? '').split('-')
    const region = await store.regionFor(request)
    const [result, categories, collections] = await Promise.all([
      store.search({
        q: q || undefined,
        category_id: chosen.category_id,
        collection_id: chosen.collection_id,
        options: Object.keys(options).length ? options : undefined,
        price_min: low ? Number(low) : undefined,
        price_max: high ? Number(high) : undefined,
        region_id: region?.id,
        sort,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      } as Parameters<StoreClient['search']>[0]),
      store.categories(),
      store.collections(),
    ])
    return {
      meta: {
        title: q ? `Search results for “${q}”` : 'All products',
        description: `${result.count} products${q ? ` matching ${q}` : ''}.`,
      },
      q,
      sort,
      page,
      currency: region?.currency_code ?? 'usd',
      result,
      chosen,
      categories,
      collections,
    } satisfies SearchData
  }
}

function FacetGroup(props: {
  legend: string
  name: string
  counts: Record<string, number>
  labelOf: (value: string) => string
  chosen: string[]
  onChange: (event: { currentTarget: { form: HTMLFormElement | null } }) => void
}) {
  const entries = Object.entries(props.counts)
  if (!entries.length) return null
  return (
    <fieldset className="facet">
      <legend>{props.legend}</legend>
      {entries.map(([value, count]) => {
        const id = `facet-${props.name}-${value}`.replace(/[^\w-]/g, '_')
        return (
          <div key={value} className="check">
            <input
              type="checkbox"
              id={id}
              name={props.name}
              value={value}
              defaultChecked={props.chosen.includes(value)}
              onChange={props.onChange}
            />
            <label htmlFor={id}>
              {props.labelOf(value)} <span className="muted">({count})</span>
            </label>
          </div>
        )
      })}
    </fieldset>
  )
}

export function SearchPage() {
  const search = useLoaderData() as SearchData
  const submit = useSubmit()
  const { result } = search
  const nameOf = (list: Array<{ id: string; name?: string; title?: string }>) => (id: string) => {
    const found = list.find((item) => item.id === id)
    return found?.name ?? found?.title ?? id
  }
  const priceLabel = (bucket: { min: number; max: number | null }) =>
    bucket.max === null
      ? `${formatMoney(bucket.min, search.currency)} and up`
      : `${formatMoney(bucket.min, search.currency)} – ${formatMoney(bucket.max, search.currency)}`
  const resubmit = (event: { currentTarget: { form: HTMLFormElement | null } }) => {
    if (event.currentTarget.form) void submit(event.currentTarget.form)
  }
  // Filters start open on wide screens and folded away on phones.
  const facets = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (facets.current && window.matchMedia('(max-width: 760px)').matches) facets.current.open = false
  }, [])
  // The form's key follows the URL, so its checkboxes start from the loaded filters.
  const formKey = JSON.stringify(search.chosen)

  return (
    <div className="search-layout">
      <header className="page-header">
        <h1>{search.q ? `Results for “${search.q}”` : 'All products'}</h1>
        <p className="muted" role="status">
          {result.count} {result.count === 1 ? 'product' : 'products'}
        </p>
      </header>
      <Form method="get" action="/search" className="search-form" key={formKey}>
        <div className="search-bar">
          <div className="field">
            <label htmlFor="search-q">Search</label>
            <input id="search-q" name="q" type="search" defaultValue={search.q} />
          </div>
          <div className="field">
            <label htmlFor="search-sort">Sort by</label>
            <select id="search-sort" name="sort" defaultValue={search.sort} onChange={resubmit}>
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <details className="facets" open ref={facets}>
          <summary>Filters</summary>
          <FacetGroup
            legend="Category"
            name="category_id"
            counts={result.facets.category_id}
            labelOf={nameOf(search.categories)}
            chosen={search.chosen.category_id ?? []}
            onChange={resubmit}
          />
          <FacetGroup
            legend="Collection"
            name="collection_id"
            counts={result.facets.collection_id}
            labelOf={nameOf(search.collections)}
            chosen={search.chosen.collection_id ?? []}
            onChange={resubmit}
          />
          {Object.entries(result.facets.options).map(([title, counts]) => (
            <FacetGroup
              key={title}
              legend={title}
              name={`options[${title}]`}
              counts={counts}
              labelOf={(value) => value}
              chosen={search.chosen[`options[${title}]`] ?? []}
              onChange={resubmit}
            />
          ))}
          {result.facets.price.some((bucket) => bucket.count > 0) && (
            <fieldset className="facet">
              <legend>Price</legend>
              {result.facets.price
                .filter((bucket) => bucket.count > 0)
                .map((bucket) => {
                  const value = `${bucket.min}-${bucket.max ?? ''}`
                  const id = `facet-price-${value}`
                  return (
                    <div key={value} className="check">
                      <input
                        type="radio"
                        id={id}
                        name="price"
                        value={value}
                        defaultChecked={search.chosen.price?.[0] === value}
                        onChange={resubmit}
                      />
                      <label htmlFor={id}>
                        {priceLabel(bucket)} <span className="muted">({bucket.count})</span>
                      </label>
                    </div>
                  )
                })}
            </fieldset>
          )}
          <Link to={search.q ? `/search?q=${encodeURIComponent(search.q)}` : '/search'} className="clear">
            Clear filters
          </Link>
        </details>
      </Form>
      <section className="search-results" aria-label="Search results">
        <ProductGrid products={result.hits} label="Search results" />
        <Pagination count={result.count} page={search.page} pageSize={PAGE_SIZE} />
      </section>
    </div>
  )
}
