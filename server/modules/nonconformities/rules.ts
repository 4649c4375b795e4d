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

/** The codes of the refusals below (texts in problem-messages.ts). */
export type NcRefusal =
  | 'nonconformity.only-editors-change'
  | 'nonconformity.only-head-analyses'
  | 'nonconformity.only-head-plans'
  | 'nonconformity.only-auditor-verifies'
  | 'nonconformity.owner-cannot-verify'
  | 'nonconformity.only-head-closes'
  | 'nonconformity.verifier-cannot-close'
  | 'nonconformity.only-editors-cancel'

/** Why `actor` may not do `op` on this NC (whatever its status), or null when they may. */
export function refusal(actor: Actor, op: Operation, facts: NcFacts): NcRefusal | null {
  const { found } = facts
  const raisedByActor = found.nc.createdById === actor.userId
  switch (op) {
    case 'update':
      return canOn(actor, 'nonconformity.update', found) || raisedByActor ? null : 'nonconformity.only-editors-change'
    case 'analyze':
      return canOn(actor, 'nonconformity.analyze', found) ? null : 'nonconformity.only-head-analyses'
    case 'add-action':
    case 'plan':
    case 'start':
    case 'submit-verification':
      return canOn(actor, 'nonconformity.plan', found) ? null : 'nonconformity.only-head-plans'
    case 'verify':
      if (!canOn(actor, 'nonconformity.verify', found)) return 'nonconformity.only-auditor-verifies'
      if (facts.ownerIds.has(actor.userId)) return 'nonconformity.owner-cannot-verify'
      return null
    case 'close':
      if (!canOn(actor, 'nonconformity.close', found)) return 'nonconformity.only-head-closes'
      if (facts.lastCheck?.verifierId === actor.userId) return 'nonconformity.verifier-cannot-close'
      return null
    case 'cancel':
      return canOn(actor, 'nonconformity.cancel', found) || raisedByActor ? null : 'nonconformity.only-editors-cancel'
  }
}

/** What `actor` may do now: the status allows it and nobody's rule forbids it. */
export function allowedOperations(actor: Actor, facts: NcFacts): Operation[] {
  return NC_WORKFLOW.allowedFrom(facts.found.nc.status).filter((op) => !refusal(actor, op, facts))
}

