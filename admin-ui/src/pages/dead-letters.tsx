// Event deliveries and jobs that failed every attempt, with a replay button for each.
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api'
import { DataTable, PageHeader } from '../ui/page'

interface DeadLetter {
  id: string
  job_name: string
  job_key: string
  error: string
  attempts: number
  failed_at: number
}

interface Page {
  dead_letters: DeadLetter[]
  count: number
}

export function DeadLettersPage() {
  const [page, setPage] = useState<Page | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      setPage(await api<Page>('GET', '/admin/dead-letters?limit=50'))
      setError(null)
    } catch (caught) {
      setError((caught as Error).message)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  async function replay(id: string) {
    try {
      await api('POST', `/admin/dead-letters/${id}/replay`)
      await load()
    } catch (caught) {
      setError((caught as Error).message)
    }
  }

  return (
    <section>
      <PageHeader
        title="Failed deliveries"
        subtitle="Event deliveries and jobs that failed every attempt. Replay runs one again."
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {page && page.count === 0 && <p className="empty">Nothing has failed. All events were delivered.</p>}
      {page && page.count > 0 && (
        <DataTable columns={['Job', 'Error', 'Attempts', 'Failed', { label: 'Actions', hidden: true }]}>
          {page.dead_letters.map((entry) => (
            <tr key={entry.id}>
              <td>
                {entry.job_name}
                <div className="muted small">{entry.job_key}</div>
              </td>
              <td>{entry.error}</td>
              <td>{entry.attempts}</td>
              <td>{new Date(entry.failed_at).toLocaleString()}</td>
              <td>
                <button type="button" onClick={() => replay(entry.id)}>
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}
