// The one error hierarchy: every error a caller can cause has a type, a message and an HTTP status.
// Type names follow Medusa's error types so Medusa storefronts understand them.

export type ErrorType =
  | 'invalid_data'
  | 'invalid_request'
  | 'unauthorized'
  | 'not_allowed'
  | 'not_found'
  | 'duplicate_error'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unexpected_state'
  | 'service_unavailable'
  | 'unknown_error'

export interface FieldIssue {
  field: string
  message: string
}

export class ShopwrightError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly status: number,
    readonly details?: { issues?: FieldIssue[]; retryAfterSeconds?: number },
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class InvalidDataError extends ShopwrightError {
  constructor(message: string, issues?: FieldIssue[]) {
    super('invalid_data', message, 400, issues ? { issues } : undefined)
  }
}

export class UnauthorizedError extends ShopwrightError {
  constructor(message = 'Authentication required') {
    super('unauthorized', message, 401)
  }
}

export class ForbiddenError extends ShopwrightError {
  constructor(message = 'Not allowed') {
    super('not_allowed', message, 403)
  }
}

export class NotFoundError extends ShopwrightError {
  constructor(message: string) {
    super('not_found', message, 404)
  }
}

export class MethodNotAllowedError extends ShopwrightError {
  constructor(message: string) {
    super('not_allowed', message, 405)
  }
}

export class ConflictError extends ShopwrightError {
  /** `issues` name the fields in conflict (an email already taken), for forms to show there. */
  constructor(message: string, issues?: FieldIssue[]) {
    super('conflict', message, 409, issues ? { issues } : undefined)
  }
}

export class DuplicateError extends ShopwrightError {
  constructor(message: string) {
    super('duplicate_error', message, 422)
  }
}

export class PayloadTooLargeError extends ShopwrightError {
  constructor(message: string) {
    super('payload_too_large', message, 413)
  }
}

export class UnsupportedMediaTypeError extends ShopwrightError {
  constructor(message: string) {
    super('unsupported_media_type', message, 415)
  }
}

export class TooManyRequestsError extends ShopwrightError {
  constructor(retryAfterSeconds: number, message = 'Too many requests, try again later') {
    super('too_many_requests', message, 429, { retryAfterSeconds })
  }
}

/** A configuration or plugin option that stops boot; never reaches an HTTP caller. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
