// Mounts a front end that answers with the fetch API (a Request in, a Response out), such as the
// starter storefront's server-rendered pages. It goes last: API routes and static files answer first.
import type Koa from 'koa'

/** Answers a page request, or undefined to let the next middleware answer. */
export type PageHandler = (request: Request) => Promise<Response | undefined>

export function servePages(prefix: string, handle: PageHandler): Koa.Middleware {
  const base = prefix.replace(/\/$/, '')
  return async (ctx, next) => {
    if (!['GET', 'HEAD'].includes(ctx.method)) return next()
    if (ctx.path !== base && !ctx.path.startsWith(`${base}/`)) return next()
    const headers = new Headers()
    for (const [name, value] of Object.entries(ctx.headers)) {
      if (typeof value === 'string') headers.set(name, value)
    }
    const response = await handle(
      new Request(`${ctx.protocol}://${ctx.host}${ctx.url}`, { method: ctx.method, headers }),
    )
    if (!response) return next()
    ctx.status = response.status
    response.headers.forEach((value, name) => {
      ctx.set(name, value)
    })
    ctx.body = await response.text()
  }
}
