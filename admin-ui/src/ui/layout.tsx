// The signed-in frame: a sidebar of sections (a menu button at phone width), a top bar, the page.
import { type ReactNode, useEffect, useState } from 'react'
import { NavLink, useLocation } from 'react-router'
import { useRoutes } from '../hooks'

export interface NavItem {
  to: string
  label: string
  /** The Admin API route the screen needs; the item hides on a server without it. */
  requires?: string
}

export const NAVIGATION: Array<{ group: string; items: NavItem[] }> = [
  {
    group: 'Shop',
    items: [
      { to: '/', label: 'Home' },
      { to: '/orders', label: 'Orders', requires: 'GET /admin/orders' },
      { to: '/products', label: 'Products', requires: 'GET /admin/products' },
      { to: '/categories', label: 'Categories', requires: 'POST /admin/product-categories' },
      { to: '/collections', label: 'Collections', requires: 'POST /admin/collections' },
      { to: '/price-lists', label: 'Price lists', requires: 'GET /admin/price-lists' },
      { to: '/customers', label: 'Customers', requires: 'GET /admin/customers' },
      { to: '/promotions', label: 'Promotions', requires: 'GET /admin/promotions' },
    ],
  },
  {
    group: 'Settings',
    items: [
      { to: '/store', label: 'Store', requires: 'GET /admin/stores' },
      { to: '/regions', label: 'Regions', requires: 'GET /admin/regions' },
      { to: '/shipping-options', label: 'Shipping options', requires: 'GET /admin/shipping-options' },
      { to: '/tax-rates', label: 'Tax rates', requires: 'GET /admin/tax-regions' },
      { to: '/payment-providers', label: 'Payment providers', requires: 'GET /admin/payment-providers' },
      { to: '/sales-channels', label: 'Sales channels', requires: 'GET /admin/sales-channels' },
      { to: '/stock-locations', label: 'Stock locations', requires: 'POST /admin/stock-locations' },
      { to: '/staff', label: 'Staff', requires: 'GET /admin/users' },
      { to: '/roles', label: 'Roles', requires: 'GET /admin/roles' },
      { to: '/api-keys', label: 'API keys', requires: 'GET /admin/secret-keys' },
    ],
  },
  {
    group: 'System',
    items: [
      { to: '/notifications', label: 'Notifications', requires: 'GET /admin/notifications' },
      { to: '/deliveries', label: 'Failed deliveries', requires: 'GET /admin/dead-letters' },
    ],
  },
]

export function Layout({ onSignOut, children }: { onSignOut: () => void; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false)
  const routes = useRoutes()
  const location = useLocation()
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the phone menu
  useEffect(() => setMenuOpen(false), [location.pathname])

  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <header className="topbar">
        <button
          type="button"
          className="menu-button secondary"
          aria-expanded={menuOpen}
          aria-controls="sections"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <span className="brand">Shopwright</span>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="sidebar" id="sections" aria-label="Sections">
        {NAVIGATION.map(({ group, items }) => {
          const shown = items.filter((item) => !item.requires || !routes || routes.has(item.requires))
          if (!shown.length) return null
          return (
            <div key={group} className="nav-group">
              <p className="nav-title">{group}</p>
              {shown.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              ))}
            </div>
          )
        })}
      </nav>
      <main className="content">{children}</main>
    </div>
  )
}
