// The Admin API client: the one place that talks to the server. The staff token from sign-in goes on
// every call; errors arrive as ApiError { status, type, message, issues } for forms to show by field.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly issues: Array<{ field: string; message: string }> = [],
  ) {
    super(message)
  }
}

const TOKEN_KEY = 'shopwright.admin.token'
const REFRESH_KEY = 'shopwright.admin.refresh'
const SIGNED_OUT = 'shopwright:signed-out'

function stored(key: string, value: string | null): void {
  if (value) sessionStorage.setItem(key, value)
  else sessionStorage.removeItem(key)
}

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY)
  },
  set token(value: string | null) {
    stored(TOKEN_KEY, value)
    if (!value) stored(REFRESH_KEY, null)
  },
  /** The access token lives 15 minutes; the refresh token trades for a new pair (once each). */
  get refreshToken(): string | null {
    return sessionStorage.getItem(REFRESH_KEY)
  },
  set refreshToken(value: string | null) {
    stored(REFRESH_KEY, value)
  },
  /** Called when the server no longer accepts the token (expired, revoked). */
  onSignedOut(listener: () => void): () => void {
    window.addEventListener(SIGNED_OUT, listener)
    return () => window.removeEventListener(SIGNED_OUT, listener)
  },
}

type QueryValue = string | number | boolean | undefined | null | string[] | Record<string, string | undefined>

/** `?a=1&b[]=x&b[]=y&c[gte]=z`, leaving out empty values. */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const item of value) search.append(`${key}[]`, item)
    else if (typeof value === 'object') {
      for (const [operator, bound] of Object.entries(value))
        if (bound) search.set(`${key}[${operator}]`, bound)
    } else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

async function send<T>(
  method: string,
  path: string,
  body?: BodyInit,
  contentType?: string,
  extra: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra }
  if (contentType) headers['content-type'] = contentType
  if (session.token) headers.authorization = `Bearer ${session.token}`
  const response = await fetch(path, { method, headers, body })
  const text = await response.text()
  let data: any
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = undefined
  }
  if (!response.ok) {
    if (response.status === 401 && session.token && !path.startsWith('/auth/')) {
      if (await refreshSession()) return send<T>(method, path, body, contentType, extra)
      session.token = null
      window.dispatchEvent(new Event(SIGNED_OUT))
    }
    throw new ApiError(
      response.status,
      data?.type ?? 'unknown_error',
      data?.message ?? `Request failed (${response.status})`,
      data?.issues,
    )
  }
  return data as T
}

let refreshing: Promise<boolean> | undefined

/** Trades the refresh token for a new pair; false when the session is over. One refresh at a time. */
function refreshSession(): Promise<boolean> {
  const refreshToken = session.refreshToken
  if (!refreshToken) return Promise.resolve(false)
  refreshing ??= (async () => {
    const response = await fetch('/auth/token/refresh', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    })
    if (!response.ok) return false
    const pair = (await response.json()) as { token: string; refresh_token?: string }
    session.token = pair.token
    session.refreshToken = pair.refresh_token ?? null
    return true
  })().finally(() => {
    refreshing = undefined
  })
  return refreshing
}

export interface CallOptions {
  /** Money movements send one: a retry of the same action is then applied once. */
  idempotencyKey?: string
}

export function api<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const extra: Record<string, string> = options.idempotencyKey
    ? { 'idempotency-key': options.idempotencyKey }
    : {}
  return body === undefined
    ? send<T>(method, path, undefined, undefined, extra)
    : send<T>(method, path, JSON.stringify(body), 'application/json', extra)
}

export interface UploadedFile {
  url: string
  size: number
  content_type: string
}

/** Sends one image to the server's file storage; answers where it is served. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const { file: stored } = await send<{ file: UploadedFile }>(
    'POST',
    '/admin/uploads',
    file,
    file.type || 'application/octet-stream',
  )
  return stored
}

let routes: Promise<Map<string, string | undefined>> | undefined

/**
 * Which API routes this server has ("GET /admin/orders"), each with the permission it states
 * (`x-permission`), to show only the screens and actions the server can serve and the staff may use.
 */
export function availableRoutes(): Promise<Map<string, string | undefined>> {
  routes ??= fetch('/openapi.json')
    .then((response) => (response.ok ? response.json() : { paths: {} }))
    .then((document: { paths: Record<string, Record<string, { 'x-permission'?: string }>> }) => {
      const found = new Map<string, string | undefined>()
      for (const [path, methods] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(methods))
          found.set(`${method.toUpperCase()} ${path}`, operation['x-permission'])
      }
      return found
    })
    .catch(() => new Map<string, string | undefined>())
  return routes
}

/** Saves what a GET answers (a CSV export) as a file: a plain link could not send the staff token. */
export async function downloadFile(path: string): Promise<void> {
  const response = await fetch(path, {
    headers: session.token ? { authorization: `Bearer ${session.token}` } : {},
  })
  if (!response.ok)
    throw new ApiError(response.status, 'unknown_error', `Download failed (${response.status})`)
  const name =
    /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export'
  const link = document.createElement('a')
  link.href = URL.createObjectURL(await response.blob())
  link.download = name
  link.click()
  URL.revokeObjectURL(link.href)
}
