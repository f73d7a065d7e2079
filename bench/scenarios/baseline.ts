// The baseline: a bare Koa route returning fixed JSON, the ceiling every other scenario is compared to.
import Koa from 'koa'
import type { HttpScenario } from '../scenario'

export const FIXED_JSON = JSON.stringify({
  products: Array.from({ length: 20 }, (_, i) => ({
    id: `prod_${i}`,
    title: `Product ${i}`,
    price: 1000 + i,
  })),
  count: 20,
  offset: 0,
  limit: 20,
})

/** A bare Koa server answering every request with `bytes`. */
export async function serveBytes(bytes: string): Promise<{ url: string }> {
  const app = new Koa()
  app.use((ctx) => {
    ctx.type = 'application/json'
    ctx.body = bytes
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}` }
}

export default {
  kind: 'http',
  name: 'baseline: bare Koa, fixed JSON',
  path: '/',
  serve: () => serveBytes(FIXED_JSON),
} satisfies HttpScenario
