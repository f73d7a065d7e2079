// The browser: hydrates the page the server rendered (or renders it, under `npm run dev`), then
// navigates without reloading.
import { StrictMode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { SETTINGS_GLOBAL, type StorefrontSettings } from './lib/settings'
import { StoreContext } from './lib/shop'
import { StoreClient } from './lib/store-client'
import { createRoutes } from './routes'
import './styles.css'

const rendered = (window as unknown as Record<string, StorefrontSettings | undefined>)[SETTINGS_GLOBAL]
const settings: StorefrontSettings = rendered ?? {
  apiUrl: '',
  publishableKey: import.meta.env.VITE_PUBLISHABLE_KEY ?? '',
  base: '/shop',
  authProviders: (import.meta.env.VITE_AUTH_PROVIDERS ?? '').split(',').filter(Boolean),
  // Run alone (npm run dev), the shop has no server to give it payment settings: card and PayPal are off.
  payments: {},
}
const store = new StoreClient(settings, true)
const router = createBrowserRouter(createRoutes(store), {
  basename: settings.base,
  hydrationData: (window as { __staticRouterHydrationData?: never }).__staticRouterHydrationData,
})
const app = (
  <StrictMode>
    <StoreContext.Provider value={store}>
      <RouterProvider router={router} />
    </StoreContext.Provider>
  </StrictMode>
)
const root = document.getElementById('root')!
if (rendered) hydrateRoot(root, app)
else createRoot(root).render(app)
