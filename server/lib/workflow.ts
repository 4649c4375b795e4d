/**
 * A state machine as data: for each operation, the statuses it may start from and the
 * status it leads to. Each module declares its table once (nonconformities, document
 * revisions, inspections, dossiers) and asks it what is allowed; who may do it (roles,
 * units, separation of duties) is checked by the module.
 *
 * An operation's `to` is a status, a function of the operation's input when the target
 * depends on it (an effectiveness check that may fail), or absent for an operation that
 * changes the record without moving it (editing an open nonconformity). Other fields of a
 * rule (a dossier's event type, whether a reason is required) ride along untouched.
 */
import { illegalTransition, type HttpProblem } from './problems.ts'

export interface Rule<S extends string> {
  /** The statuses the operation may start from. */
  readonly from: readonly S[]
  /** Where it leads: a status, a function of the operation's input, or absent when the status stays. */
  readonly to?: S | ((...input: never[]) => S)
}

/**
 * Words for the 409's detail, where the operation's or the status's name would read badly:
 * keys of the phrases in `problem-words.ts` (`OPERATIONS`, `STATUSES`, under the entity).
 */
export interface Describe {
  /** Instead of the operation's name, e.g. `add-action-to` ("add an action to"). */
  action?: string
  /** Instead of the status, e.g. `completed-read-only` ("completed (its record is read-only)"). */
  status?: string
}

/** The operations of a table that move the record to another status. */
export type Move<T> = { [K in keyof T]: T[K] extends { to: unknown } ? K : never }[keyof T] & string
/** What `to(op, …)` takes: the input of a `to` function, or nothing. */
export type ToInput<R> = R extends { to: (...input: infer A) => unknown } ? A : []

export interface Workflow<S extends string, T extends Record<string, Rule<S>>> {
  /** The name of the record in messages ("nonconformity"). */
  readonly entity: string
  /** The table as declared, extra fields included. */
  readonly rules: T
  /** Every operation, in the order of the table. */
  readonly ops: (keyof T & string)[]
  /** The operations `status` allows, in table order. One shared, frozen array per status: list pages ask for every row. */
  allowedFrom(status: S): (keyof T & string)[]
  /** The operations that move a record out of (or within) `status`: what a 409 names as allowed now. */
  movesFrom(status: S): Move<T>[]
  can(op: keyof T & string, status: S): boolean
  /** Where `op` leads, given its input when the target depends on it. */
  to<O extends Move<T>>(op: O, ...input: ToInput<T[O]>): S
  /** Throws the 409 `illegal-transition` problem unless `status` allows `op`. */
  assert(op: keyof T & string, status: S, describe?: Describe): void
  /** The 409 for `op` in `status`, for a refusal the module decides itself (the table allows the op, but not this case). */
  problem(op: string, status: S, describe?: Describe): HttpProblem
}

export function defineWorkflow<S extends string, const T extends Record<string, Rule<NoInfer<S>>>>(
  entity: string,
  statuses: readonly S[],
  rules: T,
): Workflow<S, T> {
  type Op = keyof T & string
  const ops = Object.keys(rules) as Op[]
  const allowed = new Map<S, Op[]>()
  const moves = new Map<S, Move<T>[]>()
  for (const status of statuses) {
    const here = ops.filter((op) => rules[op].from.includes(status))
    allowed.set(status, Object.freeze(here) as Op[])
    moves.set(status, Object.freeze(here.filter((op) => rules[op].to !== undefined)) as Move<T>[])
  }
  for (const op of ops) {
    const unknown = rules[op].from.find((status) => !allowed.has(status))
    if (unknown !== undefined) throw new Error(`${entity} workflow: "${op}" starts from an unknown status "${unknown}"`)
  }
  const none = Object.freeze([]) as never[]

  const problem = (op: string, status: S, describe: Describe = {}) =>
    illegalTransition(entity, describe.action ?? op, describe.status ?? status, moves.get(status) ?? none)

  return {
    entity,
    rules,
    ops,
    allowedFrom: (status) => allowed.get(status) ?? none,
    movesFrom: (status) => moves.get(status) ?? none,
    can: (op, status) => rules[op].from.includes(status),
    to(op, ...input) {
      const to = rules[op].to
      if (to === undefined) throw new Error(`${entity} workflow: "${op}" does not change the status`)
      return typeof to === 'function' ? (to as (...a: unknown[]) => S)(...input) : to
    },
    assert(op, status, describe) {
      if (!rules[op].from.includes(status)) throw problem(op, status, describe)
    },
    problem,
  }
}
