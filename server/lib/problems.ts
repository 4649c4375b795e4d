/**
 * Domain errors that the error handler turns into RFC 9457 problem documents.
 * Services throw these; routes never build error responses themselves.
 *
 * Every problem names a `code` of the message catalogue (`problem-messages.ts`) and the
 * `params` its text uses; `detail` is written from them in the request's language when
 * the response is sent (`problemBody`). The English text is the Error's message (logs).
 */
import type { Permission } from './permissions.ts'
import { PROBLEM_MESSAGES, renderMessage, type FieldMessage, type Lang, type ParamsOf, type ProblemCode, type TextContext } from './problem-messages.ts'
import type { Entity } from './problem-words.ts'
import { titleIn } from './problem-titles.ts'

export interface FieldError {
  /** Where the bad value is: `fullName`, `items.0.text`, `query.limit`, `headers.if-match`. */
  path: string
  /** In English; the response carries it in the request's language (from `text`). */
  message: string
  /** A stable code (the JSON Schema keyword or a domain code) the web app localises. */
  code?: string
  /** Numbers or values the message refers to, e.g. `{ limit: 8 }`. */
  params?: Record<string, unknown>
  /** The catalogue entry the message is written from (not sent). */
  text?: ProblemCode
}

/** A field error written from the catalogue: its public code is the entry's `field`. */
export function fieldError<C extends FieldMessage>(path: string, text: C, ...[params]: ParamsArg<C>): FieldError {
  const entry = PROBLEM_MESSAGES[text] as { field?: string }
  return {
    path,
    message: renderMessage(text, params, 'en'),
    code: entry.field,
    ...(params && Object.keys(params as object).length ? { params: params as Record<string, unknown> } : {}),
    text,
  }
}

/** `[params]` for a code whose text takes params, `[]` or `[undefined]` for one that takes none. */
export type ParamsArg<C extends ProblemCode> = ParamsOf<C> extends void ? [params?: undefined] : [params: ParamsOf<C>]

/** The field errors in `lang`, without the catalogue key. */
export function localFieldErrors(errors: FieldError[] | undefined, lang: Lang): { path: string; message: string; code?: string; params?: Record<string, unknown> }[] {
  return (errors ?? []).map(({ text, ...e }) => (lang === 'en' || !text ? e : { ...e, message: renderMessage(text, e.params ?? {}, lang) }))
}

const contextOf = (errors: FieldError[] | undefined, lang: Lang): TextContext => {
  const local = localFieldErrors(errors, lang)
  return { errors: local, fields: local.map((e) => `${e.path} ${e.message}`).join('; ') }
}

export class HttpProblem<C extends ProblemCode = ProblemCode> extends Error {
  readonly params: Record<string, unknown>

  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly code: C,
    params: ParamsOf<C>,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(renderMessage(code, params, 'en', contextOf(errors, 'en')))
    this.params = (params ?? {}) as Record<string, unknown>
  }

  /** The detail in English. */
  get detail(): string {
    return this.message
  }

  /** The detail in `lang`. */
  detailIn(lang: Lang): string {
    return lang === 'en' ? this.message : renderMessage(this.code, this.params, lang, contextOf(this.errors, lang))
  }
}

/** The RFC 9457 document of a problem in `lang` (without the request id, which only a response has). */
export function problemBody(problem: HttpProblem, lang: Lang = 'en'): Record<string, unknown> {
  return {
    type: problemType(problem.slug),
    title: titleIn(problem.title, lang),
    status: problem.status,
    detail: problem.detailIn(lang),
    code: problem.code,
    params: problem.params,
    ...(problem.errors?.length ? { errors: localFieldErrors(problem.errors, lang) } : {}),
    ...problem.extensions,
  }
}

export const badRequest = <C extends ProblemCode>(code: C, params: ParamsOf<C>, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation', 'Invalid request', code, params, errors)

/** A single field that failed a rule no schema could express; the detail is the field's message. */
export const invalidField = <C extends FieldMessage>(path: string, text: C, ...params: ParamsArg<C>) =>
  badRequest('validation.field', {}, [fieldError(path, text, ...params)])

export const unauthorized = (code: 'not-signed-in' | 'session-ended' = 'not-signed-in') => new HttpProblem(401, 'unauthorized', 'Not signed in', code, undefined)

export const forbidden = <C extends ProblemCode>(code: C, ...[params]: ParamsArg<C>) => new HttpProblem(403, 'forbidden', 'Not allowed', code, params as ParamsOf<C>)

/** The permission table's refusal: "You are not allowed to <what the permission allows>[ for this unit]." */
export const forbiddenPermission = (permission: Permission, inUnit: boolean) =>
  inUnit ? forbidden('forbidden.permission-in-unit', { permission }) : forbidden('forbidden.permission', { permission })

export const notFound = (entity: Entity, id?: string) => new HttpProblem(404, 'not-found', 'Not found', 'not-found', { entity, id })

export const conflict = <C extends ProblemCode>(code: C, params: ParamsOf<C>, errors?: FieldError[], extensions: Record<string, unknown> = {}) =>
  new HttpProblem(409, 'conflict', 'Conflict', code, params, errors, {}, extensions)

/**
 * A state change that the current status does not allow; `allowed` names those that are.
 * `action` and `status` are an operation and a status of the entity's workflow, or a key
 * of the phrases that replace them (`problem-words.ts`).
 */
export const illegalTransition = (entity: string, action: string, status: string, allowed: string[]) =>
  new HttpProblem(409, 'illegal-transition', 'Not allowed in this state', 'illegal-transition', { entity, action, status, allowed }, undefined, {}, { allowed })

export const preconditionFailed = (current: number) =>
  new HttpProblem(412, 'stale', 'Changed by someone else', 'stale', { currentVersion: current }, undefined, { ETag: `"${current}"` }, { currentVersion: current })

export const preconditionRequired = () => new HttpProblem(428, 'if-match-required', 'If-Match required', 'if-match-required', undefined)

export const unprocessable = <C extends ProblemCode>(code: C, params: ParamsOf<C>, errors?: FieldError[]) =>
  new HttpProblem(422, 'unprocessable', 'Cannot be done yet', code, params, errors)

export const tooManyRequests = <C extends ProblemCode>(code: C, params: ParamsOf<C>, retryAfterSeconds: number) =>
  new HttpProblem(429, 'too-many-requests', 'Too many requests', code, params, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  })

export const problemType = (slug: string) => `urn:qms:problem:${slug}`
