/**
 * The state machine of a nonconformity, as data: which operation is possible from
 * which status. Who may do it is checked in workflow.ts (roles, units, separation of duties).
 */
import { NC_OPEN_STATUSES, type NcStatus } from '../../../db/schema/nonconformities.ts'
import { HttpProblem } from '../../lib/problems.ts'

export type Transition = 'analyze' | 'plan' | 'start' | 'submit-verification' | 'verify' | 'close' | 'cancel'

export const TRANSITIONS: Record<Transition, readonly NcStatus[]> = {
  // Analysing again from a later open state sends the NC back to analysis (e.g. after a
  // not-effective check showed the root cause was wrong).
  analyze: ['draft', 'analysis', 'action_planned', 'in_progress'],
  plan: ['analysis'],
  start: ['action_planned'],
  'submit-verification': ['in_progress'],
  verify: ['pending_verification'],
  close: ['verified'],
  cancel: NC_OPEN_STATUSES,
}

/** Where each operation leads (verify depends on its result). */
export const TARGET: Record<Exclude<Transition, 'verify'>, NcStatus> = {
  analyze: 'analysis',
  plan: 'action_planned',
  start: 'in_progress',
  'submit-verification': 'pending_verification',
  close: 'closed',
  cancel: 'cancelled',
}

/** Actions may be added or changed until the NC goes to verification. */
export const ACTION_EDIT_STATUSES: readonly NcStatus[] = ['draft', 'analysis', 'action_planned', 'in_progress']
/** An NC's fields may be changed while it is open. */
export const UPDATE_STATUSES: readonly NcStatus[] = NC_OPEN_STATUSES
/** Actions are completed while the NC is in progress. */
export const COMPLETE_STATUSES: readonly NcStatus[] = ['in_progress']

export const isOpen = (status: NcStatus) => NC_OPEN_STATUSES.includes(status)

/** The workflow operations possible from `status`, whoever asks. */
export function transitionsFrom(status: NcStatus): Transition[] {
  return (Object.keys(TRANSITIONS) as Transition[]).filter((t) => TRANSITIONS[t].includes(status))
}

/** 409 naming the operations the NC's status allows. */
export function notInThisState(what: string, code: string, status: NcStatus): HttpProblem {
  const allowed = transitionsFrom(status)
  return new HttpProblem(
    409,
    'illegal-transition',
    'Not allowed in this state',
    `Cannot ${what}: ${code} is ${status}. ${allowed.length ? `Allowed now: ${allowed.join(', ')}.` : 'No action is allowed now.'}`,
    undefined,
    {},
    { allowed },
  )
}
