/** Where the built browser assets live: served as static files under the storefront's base path. */
export declare const storefrontAssets: string

/** True once `npm run build` has built both the browser bundle and the server renderer. */
export declare function isStorefrontBuilt(): boolean

export interface StorefrontServerSettings {
  /** The Store API as this server reaches it, e.g. http://127.0.0.1:9000 (a function when known later). */
  apiUrl: string | (() => string)
  /** The Store API as browsers reach it; the page's own origin when left out. */
  publicApiUrl?: string
  /** Sent as x-publishable-api-key. */
  publishableKey: string
  /** The path the shop lives under; `/shop` when left out. */
  base?: string
  /** Sign-in providers configured on the server (e.g. google, linkedin): their buttons are shown. */
  authProviders?: string[]
  /**
   * Public browser settings of the payment providers, by provider id (e.g. `pp_stripe`:
   * `{ publishableKey }`): what Stripe.js and PayPal's JS SDK need. Never a secret.
   */
  payments?: Record<string, Record<string, string>>
}

export interface Storefront {
  base: string
  /** Renders a page of the shop (HTML), or a redirect. */
  handle(request: Request): Promise<Response>
}

export declare function createStorefront(settings: StorefrontServerSettings): Promise<Storefront>
