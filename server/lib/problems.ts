/**
 * Domain errors that the error handler turns into RFC 9457 problem documents.
 * Services throw these; routes never build error responses themselves.
 */
export interface FieldError {
  /** Where the bad value is: `fullName`, `items.0.text`, `query.limit`, `headers.if-match`. */
  path: string
  message: string
  /** A stable code (the JSON Schema keyword or a domain code) the web app localises. */
  code?: string
  /** Numbers or values the message refers to, e.g. `{ limit: 8 }`. */
  params?: Record<string, unknown>
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail)
  }
}

/** The RFC 9457 document of a problem (without the request id, which only a response has). */
export function problemBody(problem: HttpProblem): Record<string, unknown> {
  return {
    type: problemType(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
    ...problem.extensions,
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation', 'Invalid request', detail, errors)

/** A single field that failed a rule no schema could express. */
export const invalidField = (path: string, message: string, code = 'invalid', params?: Record<string, unknown>) =>
  badRequest(message, [{ path, message, code, params }])

export const unauthorized = (detail = 'Sign in to continue.') =>
  new HttpProblem(401, 'unauthorized', 'Not signed in', detail)

export const forbidden = (detail = 'You are not allowed to do this.') =>
  new HttpProblem(403, 'forbidden', 'Not allowed', detail)

export const notFound = (what: string, id?: string) =>
  new HttpProblem(404, 'not-found', 'Not found', id ? `${what} ${id} does not exist.` : `${what} does not exist.`)

export const conflict = (detail: string, errors?: FieldError[], extensions: Record<string, unknown> = {}) =>
  new HttpProblem(409, 'conflict', 'Conflict', detail, errors, {}, extensions)

/** A state change that the current status does not allow; `allowed` names those that are. */
export const illegalTransition = (entity: string, action: string, status: string, allowed: string[]) =>
  new HttpProblem(
    409,
    'illegal-transition',
    'Not allowed in this state',
    `Cannot ${action} a ${entity} that is ${status}. ${allowed.length ? `Allowed now: ${allowed.join(', ')}.` : 'No action is allowed now.'}`,
    undefined,
    {},
    { allowed },
  )

export const preconditionFailed = (current: number) =>
  new HttpProblem(
    412,
    'stale',
    'Changed by someone else',
    `This record has changed since you loaded it (it is now at version ${current}). Reload it and apply your change again.`,
    undefined,
    { ETag: `"${current}"` },
    { currentVersion: current },
  )

export const preconditionRequired = () =>
  new HttpProblem(
    428,
    'if-match-required',
    'If-Match required',
    'Send the If-Match header with the version you read (the ETag of the resource) to change it.',
  )

export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(422, 'unprocessable', 'Cannot be done yet', detail, errors)

export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'too-many-requests', 'Too many requests', detail, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  })

export const problemType = (slug: string) => `urn:qms:problem:${slug}`
