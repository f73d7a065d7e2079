// Events, nothing lost: the same tests pass on the embedded queue (SQLite or MySQL) and on BullMQ
// (when REDIS_URL is set).
import { afterEach, describe, expect, it } from 'vitest'
import { definePlugin } from '../../kernel/plugin'
import { createTestApp, eventually, type TestApp, testBackends } from '../../testing'
import type { DeadLetters } from '../jobs/dead-letters'
import type { EventMessage } from './event-bus'

interface Recorder {
  seen: EventMessage[]
  failuresLeft: number
}

function recordingPlugin(recorders: Record<string, Recorder>) {
  return definePlugin({
    name: 'recorders',
    register(ctx) {
      for (const [id, recorder] of Object.entries(recorders)) {
        ctx.subscribe({
          id,
          event: 'thing.happened',
          handler: async (event) => {
            recorder.seen.push(event)
            if (recorder.failuresLeft > 0) {
              recorder.failuresLeft--
              throw new Error(`${id} is failing on purpose`)
            }
          },
        })
      }
    },
  })
}

const recorder = (failuresLeft = 0): Recorder => ({ seen: [], failuresLeft })

describe('event bus', () => {
  let app: TestApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('delivers a committed event to each subscriber', async () => {
    const a = recorder()
    const b = recorder()
    app = await createTestApp({ plugins: [recordingPlugin({ a, b })] })
    expect(app.jobs.kind).toBe(testBackends.redisUrl ? 'bullmq' : 'embedded')
    const id = await app.db.transaction(async (em) => app!.events.emit(em, 'thing.happened', { n: 1 }))

    await eventually(() => a.seen.length === 1 && b.seen.length === 1)
    for (const event of [...a.seen, ...b.seen]) {
      expect(event).toMatchObject({
        id,
        name: 'thing.happened',
        data: { n: 1 },
        attempt: 1,
        redelivered: false,
      })
    }
  })

  it('never delivers an event from a rolled-back transaction', async () => {
    const a = recorder()
    app = await createTestApp({ plugins: [recordingPlugin({ a })] })
    await expect(
      app.db.transaction(async (em) => {
        app!.events.emit(em, 'thing.happened', { n: 'rolled back' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const committed = await app.events.publish('thing.happened', { n: 'committed' })

    await eventually(() => a.seen.some((event) => event.id === committed))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(a.seen.map((event) => event.data)).toEqual([{ n: 'committed' }])
    // Only the committed event was ever written (modules may write events of their own at boot).
    const written = await app.db
      .knex()('event_outbox')
      .where({ name: 'thing.happened' })
      .count({ count: '*' })
    expect(written.map((row) => Number(row.count))).toEqual([1])
  })

  it('retries a failing subscriber and marks the retry as a redelivery, without touching the others', async () => {
    const flaky = recorder(2)
    const steady = recorder()
    app = await createTestApp({ plugins: [recordingPlugin({ flaky, steady })] })
    const id = await app.events.publish('thing.happened', { n: 2 })

    await eventually(() => flaky.seen.length === 3)
    expect(flaky.seen.map((event) => [event.id, event.attempt, event.redelivered])).toEqual([
      [id, 1, false],
      [id, 2, true],
      [id, 3, true],
    ])
    expect(steady.seen).toHaveLength(1)
  })

  it('dead-letters a subscriber that keeps failing, and replays it', async () => {
    const broken = recorder(Number.POSITIVE_INFINITY)
    app = await createTestApp({
      plugins: [recordingPlugin({ broken })],
      config: { events: { maxAttempts: 3 } },
    })
    const deadLetters = app.container.resolve<DeadLetters>('deadLetters')
    const id = await app.events.publish('thing.happened', { n: 3 })

    const listed = await eventually(async () => {
      const page = await deadLetters.list({ limit: 10, offset: 0 })
      return page.count === 1 ? page : undefined
    })
    expect(broken.seen).toHaveLength(3)
    expect(listed.dead_letters[0]).toMatchObject({
      job_name: 'event.deliver',
      data: { event_id: id, subscriber: 'broken' },
      attempts: 3,
      error: expect.stringContaining('broken is failing on purpose'),
    })

    broken.failuresLeft = 0
    await deadLetters.replay(listed.dead_letters[0]!.id, app.jobs)
    await eventually(() => broken.seen.length === 4)
    expect(broken.seen[3]).toMatchObject({ id, attempt: 1, redelivered: true })
    expect((await deadLetters.list({ limit: 10, offset: 0 })).count).toBe(0)
    expect(
      (await deadLetters.list({ limit: 10, offset: 0, includeReplayed: true })).dead_letters[0],
    ).toMatchObject({ replay_count: 1, replayed_at: expect.any(Number) })
  })

  it('lets a subscriber do its work once when an event is delivered again', async () => {
    let applied = 0
    const plugin = definePlugin({
      name: 'once',
      register(ctx) {
        ctx.subscribe({
          id: 'once.counter',
          event: 'thing.happened',
          handler: async (event) => {
            await app!.db.transaction(async (em) => {
              if (await app!.events.claimOnce(em, 'once.counter', event.id)) applied++
            })
            // Fail after the work committed, as a crash would: the event comes again.
            if (event.attempt === 1) throw new Error('lost the acknowledgement')
          },
        })
      },
    })
    app = await createTestApp({ plugins: [plugin] })
    const id = await app.events.publish('thing.happened', {})

    await eventually(async () => {
      const [row] = await app!.db.knex()('event_receipt').where({ event_id: id })
      return row
    })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(applied).toBe(1)
    expect(await app.db.knex()('event_receipt').where({ event_id: id })).toHaveLength(1)
  })
})
