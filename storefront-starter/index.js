// The built storefront, for a Node server to mount: its browser assets and its page renderer.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dist = fileURLToPath(new URL('./dist', import.meta.url))
const serverEntry = path.join(dist, 'server', 'entry-server.js')
const manifestFile = path.join(dist, 'client', '.vite', 'manifest.json')

/** Where the browser assets live: served as static files under the storefront's base path. */
export const storefrontAssets = path.join(dist, 'client')

export function isStorefrontBuilt() {
  return existsSync(serverEntry) && existsSync(manifestFile)
}

export async function createStorefront(settings) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  const entry = manifest['src/entry-client.tsx']
  const { renderPage } = await import(pathToFileURL(serverEntry).href)
  const base = settings.base ?? '/shop'
  const assets = {
    script: `${base}/${entry.file}`,
    styles: (entry.css ?? []).map((file) => `${base}/${file}`),
  }
  // One options object for the server's life: the renderer keeps its Store API client and caches per object.
  const options = { authProviders: [], payments: {}, ...settings, base, assets }
  return { base, handle: (request) => renderPage(request, options) }
}
