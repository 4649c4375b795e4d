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
import { forbidden } from './problems.ts'

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
  'api_token.manage': { anywhere: ['admin'] },
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

const DESCRIPTIONS: Record<Permission, string> = {
  'org_unit.read': 'see org units',
  'org_unit.write': 'change org units',
  'user.read': 'see users',
  'user.write': 'change users',
  'audit_log.read': 'read the audit log',
  'api_token.manage': 'manage API tokens',
  'checklist_template.read': 'see checklist templates',
  'checklist_template.write': 'change checklist templates',
  'inspection.read': 'see inspections',
  'inspection.write': 'plan or perform inspections',
  'inspection.self_inspect': 'run self-inspections',
  'finding.read': 'see findings',
  'finding.write': 'record or change findings',
  'attachment.upload': 'upload files',
  'attachment.read': 'see this file',
}

export function requirePermission(actor: Actor, permission: Permission, target?: Target): void {
  if (!can(actor, permission, target)) {
    const what = DESCRIPTIONS[permission] ?? permission
    throw forbidden(
      target
        ? `You are not allowed to ${what} for this unit.`
        : `You are not allowed to ${what}. Ask an administrator for the right role.`,
    )
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
