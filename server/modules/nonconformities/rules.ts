/**
 * Who may do what to one nonconformity, beyond the role table: the unit of the NC and
 * the separation of duties (a verifier owns no action of the NC; the verifier does not
 * close it). Used to refuse (403) and to tell the web app what to offer (`allowedActions`).
 */
import { desc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { nonconformityVerifications } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/permissions.ts'
import { actionOwners, canOn, type NcWithUnit } from './records.ts'
import { NC_WORKFLOW, type NcOperation } from './transitions.ts'

export type Operation = NcOperation

/** What the separation-of-duties rules look at, loaded once per request. */
export interface NcFacts {
  found: NcWithUnit
  /** Everyone who owns (or owned) an action of the NC. */
  ownerIds: Set<string>
  /** The latest effectiveness check. */
  lastCheck: { verifierId: string; effective: boolean; round: number } | null
}

export async function loadFacts(db: Db, found: NcWithUnit): Promise<NcFacts> {
  const owners = await actionOwners(db, found.nc.id)
  const [last] = await db
    .select({ verifierId: nonconformityVerifications.verifierId, effective: nonconformityVerifications.effective, round: nonconformityVerifications.round })
    .from(nonconformityVerifications)
    .where(eq(nonconformityVerifications.nonconformityId, found.nc.id))
    .orderBy(desc(nonconformityVerifications.round))
    .limit(1)
  return { found, ownerIds: new Set(owners), lastCheck: last ?? null }
}

/** Why `actor` may not do `op` on this NC (whatever its status), or null when they may. */
export function refusal(actor: Actor, op: Operation, facts: NcFacts): string | null {
  const { found } = facts
  const raisedByActor = found.nc.createdById === actor.userId
  switch (op) {
    case 'update':
      return canOn(actor, 'nonconformity.update', found) || raisedByActor ? null : 'Only auditors, managers, the head of the unit and whoever raised it change a nonconformity.'
    case 'analyze':
      return canOn(actor, 'nonconformity.analyze', found) ? null : 'Only the head of the nonconformity’s unit (or a manager) analyses its root cause.'
    case 'add-action':
    case 'plan':
    case 'start':
    case 'submit-verification':
      return canOn(actor, 'nonconformity.plan', found) ? null : 'Only the head of the nonconformity’s unit (or a manager) plans and runs its actions.'
    case 'verify':
      if (!canOn(actor, 'nonconformity.verify', found)) return 'Only an auditor or a manager verifies the effectiveness of actions.'
      if (facts.ownerIds.has(actor.userId)) return 'You own an action of this nonconformity, so you cannot verify it: another auditor or a manager must.'
      return null
    case 'close':
      if (!canOn(actor, 'nonconformity.close', found)) return 'Only the head of the nonconformity’s unit (or a manager) closes it.'
      if (facts.lastCheck?.verifierId === actor.userId) return 'You verified this nonconformity, so someone else (the head of the unit or a manager) must close it.'
      return null
    case 'cancel':
      return canOn(actor, 'nonconformity.cancel', found) || raisedByActor ? null : 'Only an auditor, a manager or whoever raised it cancels a nonconformity.'
  }
}

/** What `actor` may do now: the status allows it and nobody's rule forbids it. */
export function allowedOperations(actor: Actor, facts: NcFacts): Operation[] {
  return NC_WORKFLOW.allowedFrom(facts.found.nc.status).filter((op) => !refusal(actor, op, facts))
}

