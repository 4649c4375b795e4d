/**
 * Lost-update protection: every change names the version it was based on in If-Match.
 * Routes read the header with `ifMatch`; services call `assertVersion` after their
 * permission check, so a caller without rights learns nothing about versions.
 */
import { badRequest, fieldError, preconditionFailed, preconditionRequired } from './problems.ts'

/** The version in `If-Match: "3"` (bare `3` accepted); undefined when absent. A weak `W/"3"` is refused: RFC 9110 §13.1.1 asks a strong comparison. */
export function ifMatch(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['if-match']
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || value.trim() === '') return undefined
  if (/^\s*W\//i.test(value)) {
    throw badRequest('if-match.weak', undefined, [fieldError('headers.if-match', 'field.if-match-weak')])
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(value)
  if (!match) {
    throw badRequest('if-match.format', undefined, [fieldError('headers.if-match', 'field.if-match-format')])
  }
  return Number(match[1])
}

/** 428 without a version, 412 when the record moved on since the client read it. */
export function assertVersion(current: { version: number }, expected: number | undefined): void {
  if (expected === undefined) throw preconditionRequired()
  if (current.version !== expected) throw preconditionFailed(current.version)
}

export const etag = (version: number) => `"${version}"`
