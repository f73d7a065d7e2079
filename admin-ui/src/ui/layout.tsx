// The signed-in frame: a sidebar of sections (a menu button at phone width), a top bar, the page.
import { type ReactNode, useEffect, useState } from 'react'
import { NavLink, useLocation } from 'react-router'
import { useAccess } from '../access'
import { useRoutes } from '../hooks'
import { MENU_GROUPS, SCREENS } from '../screens'

/** The menu: the route table's entries this server has and this staff member may open, by group. */
function useMenu() {
  const { can } = useAccess()
  const routes = useRoutes()
  return MENU_GROUPS.map((group) => ({
    group,
    items: SCREENS.filter(
      ({ menu, permission }) =>
        menu?.group === group &&
        (!permission || can(permission)) &&
        (!menu.requires || !routes || routes.has(menu.requires)),
    ),
  })).filter(({ items }) => items.length > 0)
}

export function Layout({ onSignOut, children }: { onSignOut: () => void; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false)
  const menu = useMenu()
  const { user } = useAccess()
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
        {user && (
          <span className="muted small hide-sm">
            {user.email} · {user.role}
          </span>
        )}
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="sidebar" id="sections" aria-label="Sections">
        {menu.map(({ group, items }) => (
          <div key={group} className="nav-group">
            <p className="nav-title">{group}</p>
            {items.map(({ path, menu: entry }) => (
              <NavLink key={path} to={`/${path}`} end={path === ''}>
                {entry?.label}
              </NavLink>
            ))}
          </div>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  )
}
