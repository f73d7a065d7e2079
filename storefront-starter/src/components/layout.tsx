// Every page's frame: the header (shop name, categories, search, region, account, cart), the page, the footer.
import { useEffect } from 'react'
import {
  Form,
  isRouteErrorResponse,
  Link,
  NavLink,
  Outlet,
  useLoaderData,
  useMatches,
  useRevalidator,
  useRouteError,
} from 'react-router'
import { metaOf, pageTitle, SHOP_NAME } from '../lib/meta'
import { ShopProvider, useShop, useStore } from '../lib/shop'
import { type Category, REGION_COOKIE, type Region, type StoreClient } from '../lib/store-client'

export interface RootData {
  regions: Region[]
  region: Region | undefined
  categories: Category[]
}

export function rootLoader(store: StoreClient) {
  return async ({ request }: { request: Request }): Promise<RootData> => {
    const [regions, region, categories] = await Promise.all([
      store.regions(),
      store.regionFor(request),
      store.categories(),
    ])
    return { regions, region, categories: categories.filter((category) => !category.parent_category_id) }
  }
}

function DocumentTitle() {
  const matches = useMatches()
  const meta = [...matches]
    .reverse()
    .map((match) => metaOf(match.loaderData))
    .find(Boolean)
  useEffect(() => {
    if (meta) document.title = pageTitle(meta.title)
  }, [meta])
  return null
}

function RegionSelect({ regions, region }: { regions: Region[]; region: Region | undefined }) {
  const revalidator = useRevalidator()
  if (regions.length < 2) return null
  return (
    <div className="region">
      <label htmlFor="region-select">Ship to</label>
      <select
        id="region-select"
        value={region?.id}
        onChange={(event) => {
          // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
          document.cookie = `${REGION_COOKIE}=${encodeURIComponent(event.target.value)}; path=/; max-age=31536000; samesite=lax`
          void revalidator.revalidate()
        }}
      >
        {regions.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name} ({option.currency_code.toUpperCase()})
          </option>
        ))}
      </select>
    </div>
  )
}

function CartLink() {
  const { cart } = useShop()
  const count = cart?.items?.reduce((sum, item) => sum + item.quantity, 0) ?? 0
  return (
    <Link to="/cart" className="header-link cart-link">
      Cart
      <span className="badge">
        <span className="visually-hidden">, items: </span>
        {count}
      </span>
    </Link>
  )
}

function Header({ data }: { data: RootData }) {
  return (
    <header className="site-header">
      <div className="header-row container">
        <Link to="/" className="brand">
          {SHOP_NAME}
        </Link>
        <Form method="get" action="/search" className="header-search" role="search">
          <label htmlFor="header-q" className="visually-hidden">
            Search products
          </label>
          <input id="header-q" name="q" type="search" placeholder="Search products" autoComplete="off" />
          <button type="submit">Search</button>
        </Form>
        <nav className="header-actions" aria-label="Account and cart">
          <Link to="/account" className="header-link">
            Account
          </Link>
          <CartLink />
        </nav>
      </div>
      <div className="subheader container">
        <nav className="categories" aria-label="Categories">
          {data.categories.map((category) => (
            <NavLink key={category.id} to={`/categories/${category.handle}`}>
              {category.name}
            </NavLink>
          ))}
        </nav>
        <RegionSelect regions={data.regions} region={data.region} />
      </div>
    </header>
  )
}

function Footer() {
  return (
    <footer className="site-footer">
      <div className="container footer-row">
        <p>
          <strong>{SHOP_NAME}</strong> — well-made everyday clothing, shipped from our own warehouse.
        </p>
        <p className="muted">Free returns within 30 days · Secure checkout</p>
      </div>
    </footer>
  )
}

export function Layout() {
  const data = useLoaderData() as RootData
  const store = useStore()
  return (
    <ShopProvider store={store} region={data.region}>
      <DocumentTitle />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header data={data} />
      <main id="main" className="container">
        <Outlet />
      </main>
      <Footer />
    </ShopProvider>
  )
}

/** A page that failed to load (not found, or the shop could not be reached), inside the frame. */
export function ErrorPage() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <div className="error-page">
      <h1>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
      <p>
        {notFound
          ? 'The page you were looking for does not exist or is no longer available.'
          : 'The shop could not load this page. Please try again in a moment.'}
      </p>
      <Link to="/" className="button">
        Back to the shop
      </Link>
    </div>
  )
}

/** When even the frame could not load (the Store API is down). */
export function RootErrorPage() {
  return (
    <main id="main" className="container">
      <ErrorPage />
    </main>
  )
}
