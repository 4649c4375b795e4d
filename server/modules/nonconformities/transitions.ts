/**
 * The state machine of a nonconformity, as data: which operation is possible from which
 * status and where it leads. Who may do it is checked in rules.ts (roles, units,
 * separation of duties). The keys are the operations `allowedActions` lists.
 */
import { NC_OPEN_STATUSES, NC_STATUSES, type NcStatus } from '../../../db/schema/nonconformities.ts'
import { defineWorkflow, type Move } from '../../lib/workflow.ts'

/** Actions may be added or changed until the NC goes to verification. */
const ACTION_EDIT_STATUSES = ['draft', 'analysis', 'action_planned', 'in_progress'] as const satisfies readonly NcStatus[]

export const NC_WORKFLOW = defineWorkflow('nonconformity', NC_STATUSES, {
  // Editing the NC or its actions does not move it.
  update: { from: NC_OPEN_STATUSES },
  'add-action': { from: ACTION_EDIT_STATUSES },
  // Analysing again from a later open state sends the NC back to analysis (e.g. after a
  // not-effective check showed the root cause was wrong).
  analyze: { from: ['draft', 'analysis', 'action_planned', 'in_progress'], to: 'analysis' },
  plan: { from: ['analysis'], to: 'action_planned' },
  start: { from: ['action_planned'], to: 'in_progress' },
  'submit-verification': { from: ['in_progress'], to: 'pending_verification' },
  verify: { from: ['pending_verification'], to: (effective: boolean) => (effective ? 'verified' : 'in_progress') },
  close: { from: ['verified'], to: 'closed' },
  cancel: { from: NC_OPEN_STATUSES, to: 'cancelled' },
})

/** What may be done to a nonconformity: `update`, `add-action` and the workflow steps. */
export type NcOperation = (typeof NC_WORKFLOW.ops)[number]
/** The operations that move a nonconformity to another status. */
export type Transition = Move<typeof NC_WORKFLOW.rules>

/** Actions are completed once the work has started, i.e. in the status `start` leads to. */
export const actionsCompletable = (status: NcStatus) => status === NC_WORKFLOW.to('start')

export const isOpen = (status: NcStatus) => NC_OPEN_STATUSES.includes(status)
