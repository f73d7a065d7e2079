// What the shop needs to know about its server: given to the renderer, embedded in the page for the browser.
export interface StorefrontSettings {
  /** The Store API's origin; empty means the page's own origin. */
  apiUrl: string
  publishableKey: string
  /** The path the shop lives under, e.g. /shop. */
  base: string
  /** Sign-in providers the server has (google, linkedin): only their buttons are shown. */
  authProviders: string[]
  /**
   * The public browser settings of the server's payment providers, by provider id (e.g. pp_stripe:
   * { publishableKey }, pp_paypal: { clientId, environment }); a script URL overrides the provider's own.
   */
  payments: Record<string, Record<string, string>>
}

/** The global that carries the settings from the server's HTML to the browser bundle. */
export const SETTINGS_GLOBAL = '__STOREFRONT_SETTINGS__'
