/**
 * Foreign ids in a request body. A reference that does not exist, is of the wrong kind,
 * or that the actor may not read is a 422 `reference` problem naming the field, never a
 * 500 from a foreign-key violation or a 409 about someone else's record. "Not readable"
 * and "does not exist" answer alike so that a guessed id reveals nothing.
 */
import type { FieldMessage } from './problem-messages.ts'
import type { Entity } from './problem-words.ts'
import { fieldError, HttpProblem, type FieldError, type ParamsArg } from './problems.ts'

export const referenceProblem = (errors: FieldError[]) =>
  new HttpProblem(422, 'reference', 'Reference not usable', 'reference.unusable', {}, errors)

/** The referenced record is missing or hidden from the actor. */
export const missingReference = (path: string, what: Entity) => referenceProblem([fieldError(path, 'field.reference', { kind: what })])

/** The referenced record exists but breaks the route's rule (`rule` is a stable code). */
export const brokenRule = <C extends FieldMessage>(path: string, text: C, ...params: ParamsArg<C>) => referenceProblem([fieldError(path, text, ...params)])

/**
 * Returns the row when it exists and `readable(row)` holds; otherwise throws the 422
 * problem. One query per reference, run by the caller inside its transaction.
 */
export async function requireReference<T>(path: string, what: Entity, row: T | undefined, readable: (row: T) => boolean = () => true): Promise<T> {
  if (row === undefined || row === null || !readable(row)) throw missingReference(path, what)
  return row
}
