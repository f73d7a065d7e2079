// The shop's pages and the data each loads. Loaders run on the server for the first page (so product,
// category and collection pages arrive rendered) and in the browser as the shopper moves on.
import { data, type RouteObject } from 'react-router'
import { ErrorPage, Layout, RootErrorPage, rootLoader } from './components/layout'
import type { StoreClient } from './lib/store-client'
import { AccountCallbackPage, AccountPage, accountMeta } from './pages/account'
import { CartPage, cartMeta } from './pages/cart'
import { CheckoutPage, checkoutMeta } from './pages/checkout'
import { HomePage, homeLoader } from './pages/home'
import { categoryLoader, collectionLoader, ListingPage } from './pages/listing'
import { OrderPage, orderMeta } from './pages/order'
import { ProductPage, productLoader } from './pages/product'
import { SearchPage, searchLoader } from './pages/search'

export function createRoutes(store: StoreClient): RouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      element: <Layout />,
      errorElement: <RootErrorPage />,
      loader: rootLoader(store),
      children: [
        {
          errorElement: <ErrorPage />,
          children: [
            { index: true, element: <HomePage />, loader: homeLoader(store) },
            { path: 'products/:handle', element: <ProductPage />, loader: productLoader(store) },
            { path: 'categories/:handle', element: <ListingPage />, loader: categoryLoader(store) },
            { path: 'collections/:handle', element: <ListingPage />, loader: collectionLoader(store) },
            { path: 'search', element: <SearchPage />, loader: searchLoader(store) },
            // The shopper's own pages load their data in the browser: the server knows no cart or customer.
            { path: 'cart', element: <CartPage />, loader: () => cartMeta },
            { path: 'checkout', element: <CheckoutPage />, loader: () => checkoutMeta },
            { path: 'order/:id/confirmed', element: <OrderPage />, loader: () => orderMeta },
            { path: 'account', element: <AccountPage />, loader: () => accountMeta },
            {
              path: 'account/callback/:provider',
              element: <AccountCallbackPage />,
              loader: () => accountMeta,
            },
            {
              path: '*',
              loader: () => {
                throw data('Page not found', { status: 404 })
              },
            },
          ],
        },
      ],
    },
  ]
}
