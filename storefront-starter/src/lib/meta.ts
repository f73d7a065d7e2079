// What a page tells search engines: its loader returns it, the server writes it into <head>, and the
// browser keeps document.title current as the shopper moves between pages.
export interface PageMeta {
  title: string
  description?: string
  /** The picture that link previews show (Open Graph). */
  image?: string
  /** schema.org structured data, written as application/ld+json. */
  jsonLd?: Record<string, unknown>
  /** 404 for a page that does not exist. */
  status?: number
}

export const SHOP_NAME = 'Shopwright Supply'

export function pageTitle(title?: string): string {
  return title ? `${title} · ${SHOP_NAME}` : SHOP_NAME
}

export function metaOf(data: unknown): PageMeta | undefined {
  return (data as { meta?: PageMeta } | null | undefined)?.meta
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!)
}

/** JSON inside a <script>: nothing in it may close the tag. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}
