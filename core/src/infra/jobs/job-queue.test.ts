// Jobs: the same key is one job; failures retry with backoff then dead-letter; cron runs on schedule;
// stopping waits for the job in hand. On the embedded queue, or on BullMQ when REDIS_URL is set.
import { afterEach, describe, expect, it } from 'vitest'
import { definePlugin } from '../../kernel/plugin'
import { createTestApp, eventually, type TestApp } from '../../testing'
import type { DeadLetters } from './dead-letters'
import type { JobRun } from './queue'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('job queue', () => {
  let app: TestApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('runs a job once however often its key is enqueued', async () => {
    const runs: JobRun[] = []
    const plugin = definePlugin({
      name: 'once',
      register: (ctx) => ctx.defineJob({ name: 'report.build', handler: async (job) => void runs.push(job) }),
    })
    app = await createTestApp({ plugins: [plugin], listen: false })
    for (let i = 0; i < 3; i++) {
      await app.jobs.enqueue([
        { name: 'report.build', data: { day: '2026-11-24' }, options: { key: 'report.2026-11-24' } },
      ])
    }
    await eventually(() => runs.length === 1)
    await sleep(300)
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ data: { day: '2026-11-24' }, attempt: 1, maxAttempts: 3 })
  })

  it('waits for a delayed job', async () => {
    const ranAt: number[] = []
    const plugin = definePlugin({
      name: 'delayed',
      register: (ctx) =>
        ctx.defineJob({ name: 'reminder.send', handler: async () => void ranAt.push(Date.now()) }),
    })
    app = await createTestApp({ plugins: [plugin], listen: false })
    const enqueuedAt = Date.now()
    await app.jobs.enqueue([{ name: 'reminder.send', data: {}, options: { delayMs: 400 } }])
    await eventually(() => ranAt.length === 1)
    expect(ranAt[0]! - enqueuedAt).toBeGreaterThanOrEqual(380)
  })

  it('retries with growing delays, then dead-letters', async () => {
    const attempts: Array<{ attempt: number; at: number }> = []
    const plugin = definePlugin({
      name: 'failing',
      register: (ctx) =>
        ctx.defineJob({
          name: 'export.upload',
          attempts: 3,
          backoffMs: 100,
          handler: async (job) => {
            attempts.push({ attempt: job.attempt, at: Date.now() })
            throw new Error('storage is down')
          },
        }),
    })
    app = await createTestApp({ plugins: [plugin], listen: false })
    await app.jobs.enqueue([{ name: 'export.upload', data: { file: 'a.csv' }, options: { key: 'export.a' } }])
    const deadLetters = app.container.resolve<DeadLetters>('deadLetters')
    const page = await eventually(async () => {
      const listed = await deadLetters.list({ limit: 10, offset: 0, jobName: 'export.upload' })
      return listed.count === 1 ? listed : undefined
    })
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3])
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90)
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(190)
    expect(page.dead_letters[0]).toMatchObject({
      data: { file: 'a.csv' },
      attempts: 3,
      error: 'Error: storage is down',
    })
  })

  it('runs a scheduled job on its cron pattern', async () => {
    let ticks = 0
    const plugin = definePlugin({
      name: 'cron',
      register: (ctx) =>
        ctx.schedule({ name: 'every-second', cron: '* * * * * *', handler: async () => void ticks++ }),
    })
    app = await createTestApp({ plugins: [plugin], listen: false })
    await eventually(() => ticks >= 2, 5000)
  })

  it('finishes the job in hand before stopping', async () => {
    let finished = false
    let started = false
    const plugin = definePlugin({
      name: 'slow',
      register: (ctx) =>
        ctx.defineJob({
          name: 'slow.work',
          handler: async () => {
            started = true
            await sleep(500)
            finished = true
          },
        }),
    })
    app = await createTestApp({ plugins: [plugin], listen: false })
    await app.jobs.enqueue([{ name: 'slow.work', data: {} }])
    await eventually(() => started)
    await app.close()
    app = undefined
    expect(finished).toBe(true)
  })
})

describe('embedded job queue leases', () => {
  it('keeps a long job to one run while its lease is renewed', async () => {
    let runs = 0
    const plugin = definePlugin({
      name: 'long',
      register: (ctx) =>
        ctx.defineJob({
          name: 'long.work',
          handler: async () => {
            runs++
            await sleep(800)
          },
        }),
    })
    // A lease far shorter than the job: without renewal the job would be taken for abandoned.
    const app = await createTestApp({ plugins: [plugin], listen: false, config: { jobs: { leaseMs: 150 } } })
    try {
      await app.jobs.enqueue([{ name: 'long.work', data: {} }])
      await eventually(() => runs === 1)
      await sleep(1200)
      expect(runs).toBe(1)
    } finally {
      await app.close()
    }
  })
})
