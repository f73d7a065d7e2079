// The notification screens' own tabs: delivery log, templates, campaigns.
import { NavLink } from 'react-router'

export function NotificationTabs() {
  return (
    <nav className="tabs" aria-label="Notifications">
      <NavLink to="/notifications" end>
        Delivery log
      </NavLink>
      <NavLink to="/notifications/templates">Templates</NavLink>
      <NavLink to="/notifications/campaigns">Campaigns</NavLink>
    </nav>
  )
}
