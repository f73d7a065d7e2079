// The full Shopwright stack on the embedded defaults: request id, logging, errors, CORS, body
// parsing, zod validation of query and response, the request scope.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createShopwright, definePlugin, defineRoute } from '@shopwright/core'
import { z } from 'zod'
import type { HttpScenario } from '../scenario'
import { FIXED_JSON } from './baseline'

const fixed = JSON.parse(FIXED_JSON)

const echo = defineRoute({
  method: 'get',
  path: '/store/bench-fixed',
  summary: 'Fixed JSON through the whole stack',
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  response: z.object({
    products: z.array(z.object({ id: z.string(), title: z.string(), price: z.number() })),
    count: z.number(),
    offset: z.number(),
    limit: z.number(),
  }),
  handler: () => fixed,
})

export default {
  kind: 'http',
  name: 'kernel: Shopwright route, validated, fixed JSON',
  path: '/store/bench-fixed?limit=20',
  serve: async () => {
    const app = await createShopwright({
      config: {
        projectDir: mkdtempSync(path.join(tmpdir(), 'sw-bench-')),
        logger: { level: 'silent' },
        http: { validateResponses: false },
        plugins: [definePlugin({ name: 'bench', register: (ctx) => ctx.addRoutes(echo) })],
      },
    })
    await app.listen(0, '127.0.0.1')
    return { url: app.url() }
  },
} satisfies HttpScenario
