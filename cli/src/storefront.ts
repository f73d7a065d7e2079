// `shopwright start` serves the starter storefront at /shop: its assets as static files, its pages
// rendered by its server entry, which reads the Store API over HTTP like any other storefront.
import {
  type Providers,
  type SalesChannelService,
  type Shopwright,
  type ShopwrightConfig,
  servePages,
} from '@shopwright/core'

export const STOREFRONT_BASE = '/shop'

export type StorefrontModule = typeof import('@shopwright/storefront-starter')

/** The starter storefront, when installed and built (npm install builds it). */
export async function builtStorefront(): Promise<StorefrontModule | undefined> {
  try {
    const storefront = (await import('@shopwright/storefront-starter')) as StorefrontModule
    return storefront.isStorefrontBuilt() ? storefront : undefined
  } catch {
    return undefined
  }
}

/** Before the app is created: the storefront's built assets as static files under its base path. */
export function addStorefrontAssets(config: ShopwrightConfig, storefront: StorefrontModule): void {
  config.http.static.push({ prefix: STOREFRONT_BASE, dir: storefront.storefrontAssets, spa: false })
}

/** What each payment provider lets the storefront's page know (publishable keys, client ids): public values only. */
function paymentBrowserSettings(providers: Providers): Record<string, Record<string, string>> {
  const settings: Record<string, Record<string, string>> = {}
  for (const provider of providers.payment.list()) {
    const config = provider.browserConfig?.()
    if (config) settings[provider.id] = config
  }
  return settings
}

/**
 * After the app is created, before it listens: the storefront's pages, and `/` sends shoppers to
 * them. The publishable key is STOREFRONT_PUBLISHABLE_KEY, else the store's first active key; the
 * sign-in buttons shown are the auth providers configured, and the page gets the payment providers' public browser settings. Answers false when there is no key yet.
 */
export async function mountStorefront(app: Shopwright, storefront: StorefrontModule): Promise<boolean> {
  const publishableKey =
    process.env.STOREFRONT_PUBLISHABLE_KEY ||
    (await app.container.resolve<SalesChannelService>('salesChannelService').firstActivePublishableKey())
  if (!publishableKey) return false
  const providers = app.container.resolve<Providers>('providers')
  const shop = await storefront.createStorefront({
    apiUrl: () => app.url(),
    publishableKey,
    base: STOREFRONT_BASE,
    authProviders: providers.auth.list().map((provider) => provider.id),
    payments: paymentBrowserSettings(providers),
  })
  app.http.use(servePages(STOREFRONT_BASE, shop.handle))
  app.http.use(async (ctx, next) => (ctx.path === '/' ? ctx.redirect(`${STOREFRONT_BASE}/`) : next()))
  return true
}
