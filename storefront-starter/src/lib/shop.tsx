// The shopper's state in the browser: the cart (its id kept in localStorage, as Medusa storefronts do)
// and the signed-in customer (the SDK keeps the token). Neither is known on the server, so both start
// empty and load after hydration.
import type { HttpTypes } from '@medusajs/types'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { isNotFound, type Region, type StoreClient } from './store-client'

export type Cart = HttpTypes.StoreCart
export type Customer = HttpTypes.StoreCustomer

const CART_KEY = 'shopwright.cart_id'

export interface Shop {
  store: StoreClient
  region: Region | undefined
  cart: Cart | null
  customer: Customer | null
  /** False until the browser has looked for a saved cart and customer. */
  ready: boolean
  addToCart(variantId: string, quantity: number): Promise<Cart>
  /** Runs a change on the cart, then reads the whole cart back. */
  updateCart(update: (cartId: string) => Promise<unknown>): Promise<Cart>
  forgetCart(): void
  reloadCustomer(): Promise<Customer | null>
  signOut(): Promise<void>
}

const ShopContext = createContext<Shop | null>(null)

/** The Store API client, for loaders and components alike. */
export const StoreContext = createContext<StoreClient | null>(null)

export function useStore(): StoreClient {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore outside the storefront')
  return store
}

export function useShop(): Shop {
  const shop = useContext(ShopContext)
  if (!shop) throw new Error('useShop outside ShopProvider')
  return shop
}

export function ShopProvider(props: { store: StoreClient; region: Region | undefined; children: ReactNode }) {
  const { store, region } = props
  const [cart, setCart] = useState<Cart | null>(null)
  const [customer, setCustomer] = useState<Customer | null>(null)
  const [ready, setReady] = useState(false)

  const reloadCustomer = useCallback(async () => {
    const token = await store.sdk.client.getToken()
    if (!token) {
      setCustomer(null)
      return null
    }
    try {
      const { customer } = await store.sdk.store.customer.retrieve()
      setCustomer(customer)
      return customer
    } catch {
      await store.sdk.client.clearToken()
      setCustomer(null)
      return null
    }
  }, [store])

  useEffect(() => {
    const load = async () => {
      const cartId = localStorage.getItem(CART_KEY)
      if (cartId) {
        try {
          setCart((await store.sdk.store.cart.retrieve(cartId)).cart)
        } catch (error) {
          if (isNotFound(error)) localStorage.removeItem(CART_KEY)
        }
      }
      await reloadCustomer()
      setReady(true)
    }
    void load()
  }, [store, reloadCustomer])

  // A cart follows the shopper's region: a new region re-prices it.
  useEffect(() => {
    if (cart && region && cart.region_id !== region.id) {
      store.sdk.store.cart
        .update(cart.id, { region_id: region.id })
        .then(({ cart }) => setCart(cart))
        .catch(() => setCart(null))
    }
  }, [cart, region, store])

  const shop = useMemo<Shop>(
    () => ({
      store,
      region,
      cart,
      customer,
      ready,
      async addToCart(variantId, quantity) {
        let cartId = cart?.id
        if (!cartId) {
          const created = await store.sdk.store.cart.create({ region_id: region?.id })
          cartId = created.cart.id
          localStorage.setItem(CART_KEY, cartId)
        }
        const { cart: updated } = await store.sdk.store.cart.createLineItem(cartId, {
          variant_id: variantId,
          quantity,
        })
        setCart(updated)
        return updated
      },
      async updateCart(update) {
        if (!cart) throw new Error('There is no cart yet')
        await update(cart.id)
        // Read the cart back whole: some calls answer with less than the cart.
        const { cart: fresh } = await store.sdk.store.cart.retrieve(cart.id)
        setCart(fresh)
        return fresh
      },
      forgetCart() {
        localStorage.removeItem(CART_KEY)
        setCart(null)
      },
      reloadCustomer,
      async signOut() {
        await store.sdk.auth.logout().catch(() => store.sdk.client.clearToken())
        setCustomer(null)
      },
    }),
    [store, region, cart, customer, ready, reloadCustomer],
  )

  return <ShopContext.Provider value={shop}>{props.children}</ShopContext.Provider>
}
