/**
 * Lost-update protection: every change names the version it was based on in If-Match.
 * Routes read the header with `ifMatch`; services call `assertVersion` after their
 * permission check, so a caller without rights learns nothing about versions.
 */
import { badRequest, preconditionFailed, preconditionRequired } from './problems.ts'

/** The version in `If-Match: "3"` (weak `W/"3"` and bare `3` accepted); undefined when absent. */
export function ifMatch(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['if-match']
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || value.trim() === '') return undefined
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value)
  if (!match) {
    throw badRequest('If-Match must be the ETag you read, e.g. "3".', [
      { path: 'headers.if-match', message: 'must be a version such as "3"', code: 'format' },
    ])
  }
  return Number(match[1])
}

/** 428 without a version, 412 when the record moved on since the client read it. */
export function assertVersion(current: { version: number }, expected: number | undefined): void {
  if (expected === undefined) throw preconditionRequired()
  if (current.version !== expected) throw preconditionFailed(current.version)
}

export const etag = (version: number) => `"${version}"`
