// The server: renders a page to HTML with its title, description and structured data in <head>, the
// data its loaders fetched (so the browser hydrates without fetching again), and the settings.
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router'
import { escapeHtml, metaOf, type PageMeta, pageTitle, scriptJson } from './lib/meta'
import { SETTINGS_GLOBAL, type StorefrontSettings } from './lib/settings'
import { StoreContext } from './lib/shop'
import { StoreClient } from './lib/store-client'
import { createRoutes } from './routes'

export interface RenderOptions extends Omit<StorefrontSettings, 'apiUrl'> {
  /** How this server reaches the Store API. */
  apiUrl: string | (() => string)
  /** How browsers reach it (the page's origin when left out). */
  publicApiUrl?: string
  /** The built browser bundle: its entry script and stylesheets. */
  assets: { script: string; styles: string[] }
}

interface Renderer {
  store: StoreClient
  handler: ReturnType<typeof createStaticHandler>
}

const renderers = new WeakMap<RenderOptions, Renderer>()

function rendererFor(options: RenderOptions): Renderer {
  let renderer = renderers.get(options)
  if (!renderer) {
    const apiUrl = typeof options.apiUrl === 'function' ? options.apiUrl() : options.apiUrl
    const store = new StoreClient({ ...options, apiUrl }, false)
    renderer = { store, handler: createStaticHandler(createRoutes(store), { basename: options.base }) }
    renderers.set(options, renderer)
  }
  return renderer
}

function headOf(meta: PageMeta | undefined, url: URL, assets: RenderOptions['assets']): string {
  const title = escapeHtml(pageTitle(meta?.title))
  const description = meta?.description ? escapeHtml(meta.description) : ''
  // Filtered and paged views of a listing are the same page to a search engine.
  const canonical = escapeHtml(`${url.origin}${url.pathname}`)
  const tags = [
    `<title>${title}</title>`,
    description ? `<meta name="description" content="${description}">` : '',
    `<link rel="canonical" href="${canonical}">`,
    `<meta property="og:title" content="${title}">`,
    description ? `<meta property="og:description" content="${description}">` : '',
    `<meta property="og:url" content="${canonical}">`,
    meta?.image
      ? `<meta property="og:image" content="${escapeHtml(new URL(meta.image, url).toString())}">`
      : '',
    meta?.jsonLd ? `<script type="application/ld+json">${scriptJson(meta.jsonLd)}</script>` : '',
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    `<link rel="modulepreload" href="${assets.script}">`,
  ]
  return tags.filter(Boolean).join('\n    ')
}

export async function renderPage(request: Request, options: RenderOptions): Promise<Response> {
  const { store, handler } = rendererFor(options)
  const context = await handler.query(request)
  if (context instanceof Response) return context
  const router = createStaticRouter(handler.dataRoutes, context)
  const body = renderToString(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <StaticRouterProvider router={router} context={context} />
      </StoreContext.Provider>
    </StrictMode>,
  )
  const meta = [...context.matches]
    .reverse()
    .map((match) => metaOf(context.loaderData[match.route.id]))
    .find(Boolean)
  const settings: StorefrontSettings = {
    apiUrl: options.publicApiUrl ?? '',
    publishableKey: options.publishableKey,
    base: options.base,
    authProviders: options.authProviders,
    payments: options.payments,
  }
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%232f4f3e'/%3E%3C/svg%3E">
    ${headOf(meta, new URL(request.url), options.assets)}
  </head>
  <body>
    <div id="root">${body}</div>
    <script>window.${SETTINGS_GLOBAL}=${scriptJson(settings)}</script>
    <script type="module" src="${options.assets.script}"></script>
  </body>
</html>`
  return new Response(html, {
    status: context.statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  })
}
