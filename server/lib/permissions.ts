/**
 * Who may do what, in one place. Every service calls `requirePermission` before it
 * works; lists narrow what they return with `visibleUnitPaths`.
 *
 * The scope rules of PRODUCT.md:
 * - `anywhere`: the role may act on any unit (managers, auditors, admins for their area);
 * - `subtree`: the role may act only inside its own unit's subtree (dept_head);
 * - `ownUnit`: the role may act only on its own unit, not on the units below it (staff).
 */
import type { Role } from '../../db/schema/users.ts'
import { forbiddenPermission } from './problems.ts'

export type { Role }
export { ROLES } from '../../db/schema/users.ts'

/** The person (or integration) behind a request. */
export interface Actor {
  userId: string
  username: string
  fullName: string
  roles: Role[]
  orgUnitId: string | null
  /** `/root/…/unit/` of the actor's unit; null when the user belongs to no unit. */
  orgUnitPath: string | null
  requestId?: string
  via: 'session' | 'token' | 'system'
}

interface Rule {
  anywhere?: readonly Role[]
  subtree?: readonly Role[]
  ownUnit?: readonly Role[]
}

const ALL: readonly Role[] = ['admin', 'manager', 'auditor', 'dept_head', 'staff']

export const RULES = {
  'org_unit.read': { anywhere: ALL },
  'org_unit.write': { anywhere: ['admin'] },
  'user.read': { anywhere: ALL },
  'user.write': { anywhere: ['admin'] },
  'audit_log.read': { anywhere: ['admin', 'manager'] },
  'audit_log.verify': { anywhere: ['admin'] },
  'api_token.manage': { anywhere: ['admin'] },
  /** The mail outbox: who was mailed what, and what failed. */
  'mail.admin': { anywhere: ['admin'] },
  'backup.download': { anywhere: ['admin'] },
  // Documents (clause 7.5): everyone reads; units keep their own documents; managers approve.
  'document.read': { anywhere: ALL },
  'document.write': { anywhere: ['manager'], subtree: ['dept_head'] },
  'document.draft': { anywhere: ['manager'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'document.approve': { anywhere: ['manager'] },
  'document.publish': { anywhere: ['manager'], subtree: ['dept_head'] },
  'document.withdraw': { anywhere: ['manager'] },
  'procedure.read': { anywhere: ALL },
  'procedure.write': { anywhere: ['admin', 'manager'] },
  'calendar.read': { anywhere: ALL },
  'calendar.write': { anywhere: ['admin'] },
  'dossier.read': { anywhere: ALL },
  // Scoped by the dossier's handling unit or the unit that received it (the reception desk).
  'dossier.write': { anywhere: ['admin', 'manager'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'complaint.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'] },
  'complaint.write': { anywhere: ['admin', 'manager'], subtree: ['dept_head'] },
  // Nonconformities (ISO 9001 clause 10.2). Separation of duties beyond roles and units
  // (a verifier owns no action of the NC, the verifier does not close, staff complete
  // only their own actions) is checked in modules/nonconformities/workflow.ts.
  /** Staff also see every NC in which they own an action. */
  'nonconformity.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'nonconformity.create': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'] },
  /** A head of unit may change only the containment of an NC someone else raised. */
  'nonconformity.update': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'] },
  'nonconformity.analyze': { anywhere: ['manager'], subtree: ['dept_head'] },
  /** Plan, start, submit for verification, and add or change actions. */
  'nonconformity.plan': { anywhere: ['manager'], subtree: ['dept_head'] },
  'nonconformity.verify': { anywhere: ['manager', 'auditor'] },
  'nonconformity.close': { anywhere: ['manager'], subtree: ['dept_head'] },
  /** Whoever raised an NC may also cancel it. */
  'nonconformity.cancel': { anywhere: ['manager', 'auditor'] },
  /** On behalf of the owner; an action's owner may always complete it. */
  'action.complete': { anywhere: ['manager'], subtree: ['dept_head'] },
  // Inspections and checklists (issue 3). Auditors and managers plan and perform any
  // inspection; a head of unit runs self-inspections inside their subtree (the service
  // also checks the kind); staff read their own unit's inspections and findings.
  'checklist_template.read': { anywhere: ALL },
  'checklist_template.write': { anywhere: ['manager', 'auditor'] },
  'inspection.read': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'inspection.write': { anywhere: ['manager', 'auditor'] },
  'inspection.self_inspect': { subtree: ['dept_head'] },
  'finding.read': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'finding.write': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'] },
  'attachment.upload': { anywhere: ALL },
  'attachment.read': { anywhere: ['manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  // Compliance summary, dashboard and periodic reports: heads of unit see their subtree's.
  'report.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'] },
  // Half-year report drafts: managers write, approve and issue them; the agency-wide
  // readers also read them before they are issued (their figures are the whole
  // agency's); a head of unit reads the issued ones (frozen).
  'report.write': { anywhere: ['manager'] },
  'report.drafts': { anywhere: ['admin', 'manager', 'auditor'] },
  // Quality objectives (clause 6.2): managers set them; heads of unit keep the indicators
  // of their subtree's objectives and enter their manual values; a frozen computed value
  // is recomputed only by a manager. Read like the records they are computed from.
  'objective.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'objective.write': { anywhere: ['admin', 'manager'] },
  'objective.indicator': { anywhere: ['admin', 'manager'], subtree: ['dept_head'] },
  'objective.recompute': { anywhere: ['admin', 'manager'] },
  // Risks and opportunities (ISO 9001 clause 6.1): heads of units keep the register of
  // their subtree, managers all of it; everyone reads within their unit scope. A risk
  // with no unit (only a process) is the managers'. Its owner and the owners of its
  // treatment actions also read it; an action's owner may always complete it.
  'risk.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'risk.write': { anywhere: ['manager'], subtree: ['dept_head'] },
  // Management reviews (ISO 9001 clause 9.3): managers hold them; everyone reads the reviews
  // of the units in their scope; the chair, the attendees and the owners of its actions
  // also read it. Only the chair approves the minutes (checked in the module).
  'management_review.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'management_review.write': { anywhere: ['manager'] },
  // The PAR index (Chỉ số cải cách hành chính): everyone reads the agency's scores;
  // managers load the province's criteria sets and enter the appraised scores; managers
  // and the internal auditors (the agency's quality function) enter the self-assessment.
  'par.read': { anywhere: ALL },
  'par.criteria': { anywhere: ['manager'] },
  'par.self_assess': { anywhere: ['manager', 'auditor'] },
  'par.appraise': { anywhere: ['manager'] },
  // Administrative-reform plans and their tasks: managers own the plans (create, edit,
  // approve, add and change tasks); heads of units report progress (status, notes,
  // evidence) on the tasks their subtree leads; everyone reads the plans, and the tasks
  // their unit scope leads or supports.
  'plan.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'plan.write': { anywhere: ['manager'] },
  'plan.progress': { anywhere: ['manager'], subtree: ['dept_head'] },
  /** The list of reform areas tasks are grouped by. */
  'plan.areas': { anywhere: ['admin', 'manager'] },
  // Internal audit programme (ISO 9001 clause 9.2): managers own the yearly programme
  // (create, change, approve); auditors and managers plan, schedule and report its audits,
  // which are performed as internal_audit inspections. Everyone reads the programme; the
  // audits, coverage and reports show only the units of the reader's scope. Nobody audits
  // their own unit (modules/inspections/independence.ts).
  'audit_programme.read': { anywhere: ['admin', 'manager', 'auditor'], subtree: ['dept_head'], ownUnit: ['staff'] },
  'audit_programme.write': { anywhere: ['manager'] },
  'audit.plan': { anywhere: ['manager', 'auditor'] },
} as const satisfies Record<string, Rule>

export type Permission = keyof typeof RULES

/** The unit a record belongs to, for scoped rules. Omit it for unscoped actions. */
export interface Target {
  orgUnitPath: string | null | undefined
}

export function isWithinSubtree(actor: Actor, unitPath: string | null | undefined): boolean {
  return Boolean(actor.orgUnitPath && unitPath && unitPath.startsWith(actor.orgUnitPath))
}

export function hasRole(actor: Actor, ...roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r))
}

export function can(actor: Actor, permission: Permission, target?: Target): boolean {
  const rule: Rule = RULES[permission]
  if (rule.anywhere && hasRole(actor, ...rule.anywhere)) return true
  if (!target) {
    // Without a target, a scoped role may proceed: the service narrows to its scope.
    return Boolean((rule.subtree && hasRole(actor, ...rule.subtree)) || (rule.ownUnit && hasRole(actor, ...rule.ownUnit)))
  }
  if (rule.subtree && hasRole(actor, ...rule.subtree) && isWithinSubtree(actor, target.orgUnitPath)) return true
  if (rule.ownUnit && hasRole(actor, ...rule.ownUnit) && actor.orgUnitPath && target.orgUnitPath === actor.orgUnitPath) return true
  return false
}


export function requirePermission(actor: Actor, permission: Permission, target?: Target): void {
  if (!can(actor, permission, target)) {
    throw forbiddenPermission(permission, target !== undefined)
  }
}

/**
 * The unit paths whose records the actor may see under `permission`:
 * `'all'`, or a list of path prefixes (subtree) and exact paths (own unit).
 */
export function visibleUnitPaths(actor: Actor, permission: Permission): 'all' | { prefixes: string[]; exact: string[] } {
  const rule: Rule = RULES[permission]
  if (rule.anywhere && hasRole(actor, ...rule.anywhere)) return 'all'
  const prefixes: string[] = []
  const exact: string[] = []
  if (actor.orgUnitPath) {
    if (rule.subtree && hasRole(actor, ...rule.subtree)) prefixes.push(actor.orgUnitPath)
    else if (rule.ownUnit && hasRole(actor, ...rule.ownUnit)) exact.push(actor.orgUnitPath)
  }
  return { prefixes, exact }
}

/** The actor used by start-up jobs and demo data. */
export const systemActor: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  fullName: 'System',
  roles: ['admin', 'manager'],
  orgUnitId: null,
  orgUnitPath: null,
  via: 'system',
}
