import { msg, str } from '@lit/localize'
import type { ApiError, FieldError } from '../api/client.ts'

/** The API's field error in the user's language; unknown codes keep the server's words. */
export function describeFieldError(error: FieldError | undefined): string {
  if (!error) return ''
  const limit = error.params?.limit
  switch (error.code) {
    case 'required':
      return msg('Required.', { id: 'error.required' })
    case 'minLength':
      // "At least 1 character" is how a schema says a text is required.
      if (limit === 1) return msg('Required.', { id: 'error.required' })
      return msg(str`At least ${limit} characters.`, { id: 'error.minLength' })
    case 'maxLength':
      return msg(str`At most ${limit} characters.`, { id: 'error.maxLength' })
    case 'format':
      return msg('Wrong format.', { id: 'error.format' })
    case 'pattern':
      return msg('Contains characters that are not allowed.', { id: 'error.pattern' })
    case 'duplicate':
      return msg('Already in use.', { id: 'error.duplicate' })
    // 422 reference problems: a missing record and one the user may not see read alike.
    case 'reference':
      return msg('Not found, or not yours to use.', { id: 'error.reference' })
    case 'same_unit':
      return msg('Belongs to another unit.', { id: 'error.sameUnit' })
    case 'not_late':
      return msg('This dossier is neither overdue nor resolved late.', { id: 'error.notLate' })
    case 'no_record':
      return msg('Leave empty for this source.', { id: 'error.noRecord' })
    case 'dossier_unit':
      return msg('Must be the dossier’s unit (or left empty).', { id: 'error.dossierUnit' })
    case 'dossier_procedure':
      return msg('Must be the dossier’s procedure (or left empty).', { id: 'error.dossierProcedure' })
    default:
      return error.message
  }
}

/** The message for a field, or '' (for `aria-invalid` and the error line under an input). */
export function fieldMessage(error: ApiError | undefined, path: string): string {
  return describeFieldError(error?.fieldError(path))
}

/**
 * Clause numbers are sent as a list and judged one by one (`items.1.clauseNumbers.0`, by
 * the schema's pattern or against the ISO 9001 clauses): one line under the single input,
 * naming each clause as it was typed.
 */
export function clauseErrors(error: ApiError | undefined, path: string, typed: string[]): string {
  return (error?.problem.errors ?? [])
    .filter((e) => e.path.startsWith(`${path}.`))
    .map((e) => msg(str`${typed[Number(e.path.split('.').pop())] ?? ''} is not a clause of ISO 9001:2015.`, { id: 'error.badClause' }))
    .join(' ')
}
