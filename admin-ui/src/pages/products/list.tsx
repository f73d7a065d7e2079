// Products: search, filters and pages are asked of the server, so 100,000 products list as fast as 10.
// The page, the search and the filters live in the address, so Back and a shared link keep them.
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { downloadFile, queryString } from '../../api'
import { formatDate } from '../../format'
import { useDebounced, useListParams, useOptionalResource, useResource } from '../../hooks'
import type { Category, Collection, ListPage, Product } from '../../types'
import { SelectField, TextField } from '../../ui/form'
import { Badge, DataTable, EmptyState, ErrorNotice, Loading, PageHeader, Pagination } from '../../ui/page'

const PAGE_SIZE = 20

const SORTS = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: 'title', label: 'Title A–Z' },
  { value: '-title', label: 'Title Z–A' },
  { value: '-updated_at', label: 'Recently updated' },
]

export function ProductListPage() {
  const { params, offset, update } = useListParams()
  const [search, setSearch] = useState(params.get('q') ?? '')
  const q = useDebounced(search.trim())
  const order = params.get('order') ?? '-created_at'
  const collection = params.get('collection_id') ?? ''
  const category = params.get('category_id') ?? ''

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search changes the address
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q })
  }, [q])

  const products = useResource<ListPage & { products: Product[] }>(
    `/admin/products${queryString({
      q,
      order,
      limit: PAGE_SIZE,
      offset,
      collection_id: collection || undefined,
      category_id: category || undefined,
    })}`,
  )
  const collections = useOptionalResource<{ collections: Collection[] }>(
    'GET /admin/collections',
    '/admin/collections?limit=200',
  )
  const categories = useOptionalResource<{ product_categories: Category[] }>(
    'GET /admin/product-categories',
    '/admin/product-categories?limit=200',
  )
  const page = products.data

  return (
    <>
      <PageHeader
        title="Products"
        subtitle={page ? `${page.count.toLocaleString()} in the catalog` : undefined}
        actions={
          <>
            <button
              type="button"
              className="secondary"
              onClick={() => void downloadFile('/admin/products/export')}
            >
              Export CSV
            </button>
            <Link className="button" to="/products/new">
              New product
            </Link>
          </>
        }
      />
      <search className="filters" aria-label="Find products">
        <TextField
          label="Search"
          type="search"
          placeholder="Title or description"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label="Sort"
          value={order}
          options={SORTS}
          onChange={(event) => update({ order: event.target.value })}
        />
        {collections.data && (
          <SelectField
            label="Collection"
            value={collection}
            options={[
              { value: '', label: 'All collections' },
              ...collections.data.collections.map((item) => ({ value: item.id, label: item.title })),
            ]}
            onChange={(event) => update({ collection_id: event.target.value })}
          />
        )}
        {categories.data && (
          <SelectField
            label="Category"
            value={category}
            options={[
              { value: '', label: 'All categories' },
              ...categories.data.product_categories.map((item) => ({ value: item.id, label: item.name })),
            ]}
            onChange={(event) => update({ category_id: event.target.value })}
          />
        )}
      </search>
      <ErrorNotice error={products.error} />
      {!page && products.loading && <Loading />}
      {page && page.count === 0 && (
        <EmptyState title={q || collection || category ? 'No product matches' : 'No products yet'}>
          {q || collection || category ? (
            'Try another search or clear the filters.'
          ) : (
            <Link to="/products/new">Create the first product</Link>
          )}
        </EmptyState>
      )}
      {page && page.count > 0 && (
        <DataTable
          columns={[
            'Product',
            'Status',
            { label: 'Variants', wide: true },
            { label: 'Collection', wide: true },
            { label: 'Updated', wide: true },
          ]}
          busy={products.loading}
        >
          {page.products.map((product) => (
            <tr key={product.id}>
              <td>
                <Link className="product-cell" to={`/products/${product.id}`}>
                  {product.thumbnail ? (
                    <img src={product.thumbnail} alt="" width={40} height={40} loading="lazy" />
                  ) : (
                    <span className="thumb-placeholder" aria-hidden="true" />
                  )}
                  <span>
                    {product.title}
                    <span className="muted small block">{product.handle}</span>
                  </span>
                </Link>
              </td>
              <td>
                <Badge value={product.status} />
              </td>
              <td className="hide-sm">{product.variants.length}</td>
              <td className="hide-sm">{product.collection?.title ?? '—'}</td>
              <td className="hide-sm">{formatDate(product.updated_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          count={page.count}
          onChange={(next) => update({ offset: next ? String(next) : '' })}
        />
      )}
    </>
  )
}
