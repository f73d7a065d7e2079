// Loading data for a screen: the answer, the error, and a way to load again after a change.
import { useCallback, useEffect, useRef, useState } from 'react'
import { type ApiError, api } from './api'

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
