// The Admin API client: the staff token from sign-in on every call, errors as { type, message }.

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

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY)
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value)
    else sessionStorage.removeItem(TOKEN_KEY)
  },
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (session.token) headers.authorization = `Bearer ${session.token}`
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const data = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.type ?? 'unknown_error',
      data?.message ?? `Request failed (${response.status})`,
      data?.issues,
    )
  }
  return data as T
}
