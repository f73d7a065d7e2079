// The admin app: sign-in, then the signed-in frame and the screens of the route table under /app,
// each behind the permissions it needs.
import { type ReactNode, useEffect, useState } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
import { AccessProvider, ChangesNeed, NoAccess, useAccess } from './access'
import { session } from './api'
import { AcceptInvitePage } from './pages/accept-invite'
import { ApiKeysPage } from './pages/api-keys'
import { CategoriesPage, CollectionsPage } from './pages/catalog-groups'
import { CustomerDetailPage } from './pages/customers/detail'
import { CustomerListPage } from './pages/customers/list'
import { DeadLettersPage } from './pages/dead-letters'
import { HomePage } from './pages/home'
import { CampaignsPage } from './pages/notifications/campaigns'
import { NotificationLogPage } from './pages/notifications/log'
import { TemplateEditPage, TemplateListPage } from './pages/notifications/templates'
import { OrderDetailPage } from './pages/orders/detail'
import { OrderListPage } from './pages/orders/list'
import { PaymentProvidersPage } from './pages/payment-providers'
import { PriceListDetailPage, PriceListsPage } from './pages/price-lists'
import { ProductDetailPage } from './pages/products/detail'
import { ProductListPage } from './pages/products/list'
import { NewProductPage } from './pages/products/new'
import { PromotionsPage } from './pages/promotions'
import { RegionsPage } from './pages/regions'
import { RolesPage } from './pages/roles'
import { SalesChannelsPage } from './pages/sales-channels'
import { ShippingOptionsPage } from './pages/shipping-options'
import { SignInPage } from './pages/sign-in'
import { StaffPage } from './pages/staff'
import { StockLocationsPage } from './pages/stock-locations'
import { StoreSettingsPage } from './pages/store-settings'
import { TaxPage } from './pages/tax'
import { SCREENS, type Screen, type ScreenPath } from './screens'
import { Layout } from './ui/layout'
import { EmptyState } from './ui/page'

/** Each screen's page. */
const PAGES: Record<ScreenPath, ReactNode> = {
  '': <HomePage />,
  orders: <OrderListPage />,
  'orders/:id': <OrderDetailPage />,
  products: <ProductListPage />,
  'products/new': <NewProductPage />,
  'products/:id': <ProductDetailPage />,
  categories: <CategoriesPage />,
  collections: <CollectionsPage />,
  'price-lists': <PriceListsPage />,
  'price-lists/:id': <PriceListDetailPage />,
  customers: <CustomerListPage />,
  'customers/:id': <CustomerDetailPage />,
  promotions: <PromotionsPage />,
  store: <StoreSettingsPage />,
  regions: <RegionsPage />,
  'shipping-options': <ShippingOptionsPage />,
  'tax-rates': <TaxPage />,
  'payment-providers': <PaymentProvidersPage />,
  'sales-channels': <SalesChannelsPage />,
  'stock-locations': <StockLocationsPage />,
  staff: <StaffPage />,
  roles: <RolesPage />,
  'api-keys': <ApiKeysPage />,
  notifications: <NotificationLogPage />,
  'notifications/templates': <TemplateListPage />,
  'notifications/templates/:id': <TemplateEditPage />,
  'notifications/campaigns': <CampaignsPage />,
  deliveries: <DeadLettersPage />,
}

/** A screen as its permissions allow: itself, itself read-only, or the no-access page. */
function Guarded({ screen }: { screen: Screen & { path: ScreenPath } }) {
  const { can } = useAccess()
  if (screen.permission && !can(screen.permission)) return <NoAccess needed={screen.permission} />
  const page = PAGES[screen.path]
  return screen.changes ? <ChangesNeed needed={screen.changes}>{page}</ChangesNeed> : page
}

export function App() {
  const [signedIn, setSignedIn] = useState(Boolean(session.token))
  const [inviting, setInviting] = useState(window.location.pathname.startsWith('/app/invite'))
  useEffect(() => session.onSignedOut(() => setSignedIn(false)), [])

  if (inviting)
    return (
      <AcceptInvitePage
        onSignedIn={() => {
          setInviting(false)
          setSignedIn(true)
        }}
      />
    )
  if (!signedIn) return <SignInPage onSignedIn={() => setSignedIn(true)} />

  return (
    <AccessProvider>
      <BrowserRouter basename="/app">
        <Layout
          onSignOut={() => {
            session.token = null
            setSignedIn(false)
          }}
        >
          <Routes>
            {SCREENS.map((screen) =>
              screen.path ? (
                <Route key={screen.path} path={screen.path} element={<Guarded screen={screen} />} />
              ) : (
                <Route key="index" index element={<Guarded screen={screen} />} />
              ),
            )}
            <Route
              path="*"
              element={<EmptyState title="Page not found">Choose a section from the menu.</EmptyState>}
            />
          </Routes>
        </Layout>
      </BrowserRouter>
    </AccessProvider>
  )
}
