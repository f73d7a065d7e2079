// Routing on a radix tree (find-my-way): matching a path costs the same however many routes there are,
// where @koa/router's regular expressions were the largest cost of a hot read.
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import type { Context, Middleware } from 'koa'
import { MethodNotAllowedError } from '../kernel/errors'

export type RouteHandler = (ctx: Context, params: Record<string, string | undefined>) => Promise<void> | void

const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

export class Router {
  private readonly tree = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 500 })

  on(method: string, path: string, handler: RouteHandler): void {
    this.tree.on(method.toUpperCase() as HTTPMethod, path, handler as never)
  }

  middleware(): Middleware {
    return async (ctx, next) => {
      const found = this.tree.find(ctx.method as HTTPMethod, ctx.path)
      if (found) return (found.handler as unknown as RouteHandler)(ctx, found.params)
      const allowed = METHODS.filter((method) => this.tree.find(method, ctx.path))
      if (allowed.length) {
        ctx.set('Allow', allowed.join(', '))
        throw new MethodNotAllowedError(`Method ${ctx.method} is not allowed on ${ctx.path}`)
      }
      await next()
    }
  }
}
