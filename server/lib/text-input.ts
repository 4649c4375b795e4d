/**
 * Rules for text that comes from a client (docs/api.md, "Input rules"): PostgreSQL text
 * cannot hold NUL, a lone surrogate cannot be stored as UTF-8, and two spellings of the
 * same word (precomposed "ệ" or "e" + combining marks) must compare equal, so text is
 * stored in Unicode NFC.
 */
import { invalidField } from './problems.ts'

// Passwords are hashed as typed; normalising them could lock out a user whose device composes differently.
const VERBATIM = /password/i
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Throws a 400 naming `path` for NUL or a lone surrogate; otherwise the NFC form (or the text as is for passwords). */
export function cleanText(value: string, path: string): string {
  if (value.includes('\0')) throw invalidField(path, 'field.nul')
  if (LONE_SURROGATE.test(value)) throw invalidField(path, 'field.encoding')
  return VERBATIM.test(path.split('.').at(-1) ?? '') ? value : value.normalize('NFC')
}

// Body fields are named bare ("name", "items.0.text"), like the validation errors.
const join = (path: string, key: string | number) => (path === 'body' ? String(key) : `${path}.${key}`)

/** `cleanText` over every string of a parsed body, query or params, in place; keys are checked too. */
export function cleanTree(value: unknown, path: string, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value, path)
  if (depth > 64 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanTree(value[i], join(path, i), depth + 1)
    return value
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    cleanText(key, join(path, key))
    record[key] = cleanTree(record[key], join(path, key), depth + 1)
  }
  return value
}
