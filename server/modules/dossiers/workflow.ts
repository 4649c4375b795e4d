/**
 * The dossier state machine, shared by manual transitions and the import:
 *
 *   received → processing ⇄ supplement_requested
 *   received | processing → resolved → returned
 *   received | processing | supplement_requested → rejected | withdrawn
 *
 * `applyAction` returns the new columns and the event to record; it does not touch the
 * database, so the import can replay a dossier's life in memory.
 */
import { DOSSIER_STATUSES, type DossierEventType, type DossierRow, type DossierStatus } from '../../../db/schema/dossiers.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import type { WorkingCalendar } from '../calendar/working-days.ts'
import type { DossierAction } from './schemas.ts'

interface ActionRule {
  from: readonly DossierStatus[]
  to: DossierStatus
  event: DossierEventType
  reasonRequired?: boolean
}

const ACTIONS: Record<DossierAction, ActionRule> = {
  'start-processing': { from: ['received'], to: 'processing', event: 'processing_started' },
  'request-supplement': { from: ['received', 'processing'], to: 'supplement_requested', event: 'supplement_requested', reasonRequired: true },
  'supplement-received': { from: ['supplement_requested'], to: 'processing', event: 'supplement_received' },
  resolve: { from: ['received', 'processing'], to: 'resolved', event: 'resolved' },
  'return-result': { from: ['resolved'], to: 'returned', event: 'result_returned' },
  reject: { from: ['received', 'processing', 'supplement_requested'], to: 'rejected', event: 'rejected', reasonRequired: true },
  withdraw: { from: ['received', 'processing', 'supplement_requested'], to: 'withdrawn', event: 'withdrawn' },
}

export const DOSSIER_WORKFLOW = defineWorkflow('dossier', DOSSIER_STATUSES, ACTIONS)

/** Unresolved statuses: the clock runs (or stands still while a supplement is awaited). */
export const PENDING_STATUSES: readonly DossierStatus[] = ['received', 'processing', 'supplement_requested']

/** The columns of a dossier that its life changes. */
export type DossierState = Pick<
  DossierRow,
  'status' | 'dueAt' | 'timeliness' | 'resolvedAt' | 'returnedAt' | 'rejectedAt' | 'withdrawnAt' | 'pausedAt' | 'pausedWorkingDays'
>

export interface AppliedAction {
  state: DossierState
  event: { type: DossierEventType; at: Date; statusAfter: DossierStatus; dueAtAfter: Date; pausedWorkingDays: number | null }
}

/** The new state after `action` at `at`; the caller has checked that the status allows it. */
export function applyAction(current: DossierState, action: DossierAction, at: Date, calendar: WorkingCalendar): AppliedAction {
  const rule = DOSSIER_WORKFLOW.rules[action]
  // Only the state's columns: the caller writes them back, and a whole row would carry
  // columns no one may set (the generated search text).
  const state: DossierState = {
    status: rule.to,
    dueAt: current.dueAt,
    timeliness: current.timeliness,
    resolvedAt: current.resolvedAt,
    returnedAt: current.returnedAt,
    rejectedAt: current.rejectedAt,
    withdrawnAt: current.withdrawnAt,
    pausedAt: current.pausedAt,
    pausedWorkingDays: current.pausedWorkingDays,
  }
  let paused: number | null = null
  switch (action) {
    case 'request-supplement':
      state.pausedAt = at
      break
    case 'supplement-received':
      paused = calendar.pausedWorkingDays(current.pausedAt!, at)
      state.dueAt = calendar.moveDue(current.dueAt, paused)
      state.pausedWorkingDays = current.pausedWorkingDays + paused
      state.pausedAt = null
      break
    case 'resolve':
      state.resolvedAt = at
      state.timeliness = calendar.timeliness(at, current.dueAt)
      break
    case 'return-result':
      state.returnedAt = at
      break
    case 'reject':
      state.rejectedAt = at
      state.pausedAt = null
      break
    case 'withdraw':
      state.withdrawnAt = at
      state.pausedAt = null
      break
  }
  return { state, event: { type: rule.event, at, statusAfter: state.status, dueAtAfter: state.dueAt, pausedWorkingDays: paused } }
}

/** Unresolved and past due at `now`; while a supplement is awaited the clock stands still at the request. */
export function isOverdue(state: Pick<DossierState, 'status' | 'dueAt' | 'pausedAt'>, now: Date): boolean {
  if (state.status === 'supplement_requested') return state.pausedAt !== null && state.dueAt.getTime() < state.pausedAt.getTime()
  if (state.status === 'received' || state.status === 'processing') return state.dueAt.getTime() < now.getTime()
  return false
}
