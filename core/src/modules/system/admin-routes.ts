// Admin routes for the kernel's own records: dead-lettered event deliveries and jobs.
import { z } from 'zod'
import { listQuery, listResponse } from '../../http/list'
import { defineRoute, idParams } from '../../http/route'
import type { DeadLetters } from '../../infra/jobs/dead-letters'
import type { JobQueue } from '../../infra/jobs/queue'

const deadLetter = z.object({
  id: z.string(),
  job_name: z.string(),
  job_key: z.string(),
  data: z.unknown(),
  error: z.string(),
  attempts: z.number().int(),
  failed_at: z.number().int(),
  replayed_at: z.number().int().nullable(),
  replay_count: z.number().int(),
})

export const listDeadLetters = defineRoute({
  method: 'get',
  path: '/admin/dead-letters',
  permission: 'dead_letter:read',
  summary: 'List event deliveries and jobs that failed every attempt',
  tags: ['System'],
  query: listQuery().extend({
    include_replayed: z.stringbool().default(false),
    job_name: z.string().max(191).optional(),
  }),
  response: listResponse('dead_letters', deadLetter),
  handler: ({ query, scope }) =>
    scope.resolve<DeadLetters>('deadLetters').list({
      limit: query.limit,
      offset: query.offset,
      includeReplayed: query.include_replayed,
      jobName: query.job_name,
    }),
})

export const replayDeadLetter = defineRoute({
  method: 'post',
  path: '/admin/dead-letters/:id/replay',
  permission: 'dead_letter:write',
  summary: 'Run a dead-lettered delivery or job again from its first attempt',
  tags: ['System'],
  params: idParams,
  response: z.object({ id: z.string(), replayed: z.literal(true) }),
  status: 202,
  handler: async ({ params, scope }) => {
    await scope.resolve<DeadLetters>('deadLetters').replay(params.id, scope.resolve<JobQueue>('jobs'))
    return { id: params.id, replayed: true as const }
  },
})
