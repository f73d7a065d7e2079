// One error middleware: every error becomes JSON { type, message } with the right status; a stack
// trace never leaves the server.
import type { Context, Next } from 'koa'
import { isUniqueViolation } from '../infra/database'
import { type ErrorType, NotFoundError, ShopwrightError } from '../kernel/errors'

interface ErrorBody {
  type: ErrorType
  message: string
  issues?: Array<{ field: string; message: string }>
}

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_data',
  401: 'unauthorized',
  403: 'not_allowed',
  404: 'not_found',
  405: 'not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_data',
  429: 'too_many_requests',
}

/** Errors thrown by Koa's body parser and router (http-errors) say what went wrong in the request. */
function describeHttpError(error: { status: number; type?: string; message: string }, ctx: Context): string {
  if (error.status === 400 && error.type === 'entity.parse.failed') {
    return `Malformed JSON in request body: ${error.message}`
  }
  if (error.status === 413)
    return `Request body is larger than the limit of ${ctx.state.bodyLimit ?? 'the server'}`
  if (error.status === 415)
    return `Unsupported content type ${ctx.get('content-type') || '(none)'}; send application/json`
  if (error.status === 405) return `Method ${ctx.method} is not allowed on ${ctx.path}`
  return error.message
}

export function toErrorResponse(
  error: unknown,
  ctx: Context,
): { status: number; body: ErrorBody; retryAfter?: number } {
  if (error instanceof ShopwrightError) {
    return {
      status: error.status,
      body: {
        type: error.type,
        message: error.message,
        ...(error.details?.issues && { issues: error.details.issues }),
      },
      retryAfter: error.details?.retryAfterSeconds,
    }
  }
  if (isUniqueViolation(error)) {
    return {
      status: 409,
      body: { type: 'duplicate_error', message: 'A record with the same unique value exists' },
    }
  }
  const httpError = error as { status?: number; expose?: boolean; type?: string; message: string }
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return {
      status: httpError.status,
      body: {
        type: TYPE_BY_STATUS[httpError.status] ?? 'invalid_request',
        message: describeHttpError(httpError as never, ctx),
      },
    }
  }
  return { status: 500, body: { type: 'unknown_error', message: 'An unexpected error occurred' } }
}

export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next()
    if (ctx.status === 404 && ctx.body == null) {
      throw new NotFoundError(`No route matches ${ctx.method} ${ctx.path}`)
    }
  } catch (error) {
    const { status, body, retryAfter } = toErrorResponse(error, ctx)
    if (status >= 500) ctx.state.log?.error({ err: error }, 'request failed')
    ctx.status = status
    ctx.body = body
    if (retryAfter) ctx.set('Retry-After', String(retryAfter))
  }
}
