// The admin app: sign-in, then the signed-in frame and one route per screen under /app.
import { useEffect, useState } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
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
import { Layout } from './ui/layout'
import { EmptyState } from './ui/page'

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
    <BrowserRouter basename="/app">
      <Layout
        onSignOut={() => {
          session.token = null
          setSignedIn(false)
        }}
      >
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="orders" element={<OrderListPage />} />
          <Route path="orders/:id" element={<OrderDetailPage />} />
          <Route path="products" element={<ProductListPage />} />
          <Route path="products/new" element={<NewProductPage />} />
          <Route path="products/:id" element={<ProductDetailPage />} />
          <Route path="categories" element={<CategoriesPage />} />
          <Route path="collections" element={<CollectionsPage />} />
          <Route path="regions" element={<RegionsPage />} />
          <Route path="sales-channels" element={<SalesChannelsPage />} />
          <Route path="stock-locations" element={<StockLocationsPage />} />
          <Route path="customers" element={<CustomerListPage />} />
          <Route path="customers/:id" element={<CustomerDetailPage />} />
          <Route path="staff" element={<StaffPage />} />
          <Route path="roles" element={<RolesPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="promotions" element={<PromotionsPage />} />
          <Route path="shipping-options" element={<ShippingOptionsPage />} />
          <Route path="tax-rates" element={<TaxPage />} />
          <Route path="price-lists" element={<PriceListsPage />} />
          <Route path="price-lists/:id" element={<PriceListDetailPage />} />
          <Route path="store" element={<StoreSettingsPage />} />
          <Route path="notifications" element={<NotificationLogPage />} />
          <Route path="notifications/templates" element={<TemplateListPage />} />
          <Route path="notifications/templates/:id" element={<TemplateEditPage />} />
          <Route path="notifications/campaigns" element={<CampaignsPage />} />
          <Route path="deliveries" element={<DeadLettersPage />} />
          <Route
            path="*"
            element={<EmptyState title="Page not found">Choose a section from the menu.</EmptyState>}
          />
        </Routes>
      </Layout>
    </BrowserRouter>
  )
}
