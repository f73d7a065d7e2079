// Loading data for a screen: the answer, the error, and a way to load again after a change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useAccess } from './access'
import { type ApiError, api, availableRoutes } from './api'

export interface Resource<T> {
  data: T | undefined
  error: ApiError | Error | undefined
  loading: boolean
  reload: () => Promise<void>
}

/** GETs `path` (none while it is null) and again whenever it changes; a stale answer never wins. */
export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<Error>()
  const [loading, setLoading] = useState(path !== null)
  const latest = useRef(path)

  const load = useCallback(async () => {
    latest.current = path
    if (path === null) return
    setLoading(true)
    try {
      const answer = await api<T>('GET', path)
      if (latest.current !== path) return
      setData(answer)
      setError(undefined)
    } catch (caught) {
      if (latest.current !== path) return
      setError(caught as Error)
    } finally {
      if (latest.current === path) setLoading(false)
    }
  }, [path])

  useEffect(() => {
    void load()
  }, [load])

  return { data, error, loading, reload: load }
}

/** A value that follows `value` once it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/**
 * The API routes ("GET /admin/orders") this server has and the signed-in staff member may call (the
 * permission each states is one they hold); undefined until known. Screens show only what is in it.
 */
export function useRoutes(): Set<string> | undefined {
  const { can } = useAccess()
  const [routes, setRoutes] = useState<Map<string, string | undefined>>()
  useEffect(() => void availableRoutes().then(setRoutes), [])
  return useMemo(
    () =>
      routes &&
      new Set([...routes].flatMap(([route, permission]) => (!permission || can(permission) ? [route] : []))),
    [routes, can],
  )
}

/**
 * GETs `path` only where the server has `route` and the staff member may call it: a screen can use
 * an API that not every server has, or not every role may read.
 */
export function useOptionalResource<T>(route: string, path: string | null): Resource<T> {
  const routes = useRoutes()
  return useResource<T>(routes?.has(route) ? path : null)
}

/** The currencies the shop sells in: the store's, and every region's. */
export function useCurrencies(): { currencies: string[]; loaded: boolean } {
  const routes = useRoutes()
  const stores = useResource<{ stores: Array<{ supported_currencies: Array<{ currency_code: string }> }> }>(
    routes?.has('GET /admin/stores') ? '/admin/stores' : null,
  )
  const regions = useResource<{ regions: Array<{ currency_code: string }> }>(
    routes?.has('GET /admin/regions') ? '/admin/regions?limit=200' : null,
  )
  const currencies = useMemo(
    () => [
      ...new Set(
        [
          ...(stores.data?.stores[0]?.supported_currencies.map((currency) => currency.currency_code) ?? []),
          ...(regions.data?.regions.map((region) => region.currency_code) ?? []),
        ].map((code) => code.toLowerCase()),
      ),
    ],
    [stores.data, regions.data],
  )
  const loaded =
    (!routes?.has('GET /admin/regions') || Boolean(regions.data)) &&
    (!routes?.has('GET /admin/stores') || Boolean(stores.data))
  return { currencies, loaded: loaded && routes !== undefined }
}

/** A list screen's page, search and filters, kept in the address: Back and a shared link keep them. */
export function useListParams() {
  const [params, setParams] = useSearchParams()
  const offset = Number(params.get('offset') ?? 0) || 0
  /** Sets (or, empty, removes) some; any change but the page's own goes back to the first page. */
  const update = useCallback(
    (changes: Record<string, string>) => {
      const next = new URLSearchParams(params)
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value)
        else next.delete(key)
      }
      if (!('offset' in changes)) next.delete('offset')
      setParams(next, { replace: true })
    },
    [params, setParams],
  )
  return { params, offset, update }
}

/** Runs a change (delete, revoke, resend), then reloads what it changed; its error stays to be shown. */
export function useChange(reload: () => Promise<void>) {
  const [problem, setProblem] = useState<Error>()
  const run = async (work: () => Promise<unknown>, reloadAfter: () => Promise<void> = reload) => {
    try {
      await work()
      setProblem(undefined)
      await reloadAfter()
      return true
    } catch (caught) {
      setProblem(caught as Error)
      return false
    }
  }
  return { problem, run }
}

/**
 * Choices saved as soon as they are made (a checkbox that saves on click): each is shown as made, and
 * its control held, until the server answers; then the reloaded data shows what was saved.
 */
export function usePendingChoices() {
  const [pending, setPending] = useState<Record<string, boolean>>({})
  async function hold<T>(key: string, value: boolean, save: () => Promise<T>): Promise<T> {
    setPending((choices) => ({ ...choices, [key]: value }))
    try {
      return await save()
    } finally {
      setPending(({ [key]: _, ...rest }) => rest)
    }
  }
  return { pending, hold }
}
