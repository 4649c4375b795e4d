/**
 * The nonconformity workflow (ISO 9001 clause 10.2): analyse → plan → start → submit for
 * verification → verify → close, or cancel. Each operation checks, in this order: the
 * caller's role and unit and the separation of duties (403), the version (428/412),
 * the status (409 naming what is allowed) and what must be done first (422).
 */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { actions, nonconformities, nonconformityVerifications, type NcStatus, type NonconformityRow } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import type { Actor } from '../../lib/permissions.ts'
import { fieldError, forbidden, unprocessable, type FieldError } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import { notifyAssigned } from './actions/service.ts'
import { notify } from '../notifications/service.ts'
import { applyNcChange } from './nonconformity-rollups.ts'
import { actionOwners, except, findNonconformity, ncCode, recordNcEvent, type NcWithUnit } from './records.ts'
import { responsibleHeads, usersWithRole } from '../notifications/recipients.ts'
import { loadFacts, refusal, type NcFacts } from './rules.ts'
import type { AnalyzeBody, CancelBody, CloseBody, PlanBody, VerifyBody } from './schemas.ts'
import { loadNonconformity, ncRecord } from './service.ts'
import { NC_WORKFLOW, type Transition } from './transitions.ts'

interface Step {
  /** Where the NC goes, when it depends on the input (otherwise the workflow's `to`). */
  to?: NcStatus
  set?: Partial<typeof nonconformities.$inferInsert>
  details?: Record<string, unknown>
  /** Notifications and other writes after the NC row has changed. */
  after?: (tx: Db, row: NonconformityRow) => Promise<void>
}

async function transition(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  op: Transition,
  env: ServiceEnv,
  work: (tx: Db, facts: NcFacts) => Promise<Step>,
) {
  return db.transaction(async (tx) => {
    const found = await findNonconformity(tx, id, { forUpdate: true })
    const facts = await loadFacts(tx, found)
    const reason = refusal(actor, op, facts)
    if (reason) throw forbidden(reason)
    assertVersion(found.nc, expectedVersion)
    NC_WORKFLOW.assert(op, found.nc.status)
    const step = await work(tx, facts)
    const to = step.to ?? NC_WORKFLOW.to(op)
    const [row] = await tx
      .update(nonconformities)
      .set({ ...step.set, status: to, version: found.nc.version + 1, updatedAt: env.now })
      .where(eq(nonconformities.id, id))
      .returning()
    await applyNcChange(tx, found.nc, row)
    await recordNcEvent(tx, actor, id, env.now, { action: op, from: found.nc.status, to, details: step.details })
    await recordAudit(tx, actor, { action: `nonconformity.${op}`, entityType: 'nonconformity', entityId: id, before: ncRecord(found.nc), after: ncRecord(row) })
    await step.after?.(tx, row)
    return loadNonconformity(tx, actor, id, env)
  })
}

const link = (id: string) => `/nonconformities/${id}`

async function headsOf(db: Db, found: NcWithUnit): Promise<string[]> {
  return (await responsibleHeads(db, [found.nc.orgUnitId])).get(found.nc.orgUnitId) ?? []
}

export function analyzeNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, body: AnalyzeBody, env: ServiceEnv) {
  return transition(db, actor, id, version, 'analyze', env, async () => ({
    set: { rootCause: body.rootCause, analyzedAt: env.now, analyzedById: actor.userId },
    details: { summary: body.rootCause.summary, whys: body.rootCause.whys.length, categories: body.rootCause.categories },
  }))
}

/** What a root cause still lacks before actions can be planned. */
export function rootCauseGaps(rootCause: NonconformityRow['rootCause']): FieldError[] {
  if (!rootCause) return [fieldError('rootCause', 'nonconformity.root-cause-missing')]
  const gaps: FieldError[] = []
  if (!rootCause.whys.some((w) => w.because.trim())) gaps.push(fieldError('rootCause.whys', 'nonconformity.whys-needed'))
  if (!rootCause.summary.trim()) gaps.push(fieldError('rootCause.summary', 'nonconformity.root-cause-summary-empty'))
  if (!rootCause.categories.length) gaps.push(fieldError('rootCause.categories', 'nonconformity.category-needed'))
  return gaps
}

export function planNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, body: PlanBody, env: ServiceEnv) {
  return transition(db, actor, id, version, 'plan', env, async (tx, { found }) => {
    const gaps = rootCauseGaps(found.nc.rootCause)
    const planned = await tx
      .select({ id: actions.id, type: actions.type, ownerId: actions.ownerId, description: actions.description, dueDate: actions.dueDate, status: actions.status })
      .from(actions)
      .where(eq(actions.nonconformityId, id))
    if (!planned.some((a) => a.type === 'corrective')) {
      gaps.push(fieldError('actions', 'nonconformity.plan-needs-corrective-action'))
    }
    if (body.verificationPlannedDate && body.verificationPlannedDate < found.nc.detectedOn) {
      gaps.push(fieldError('verificationPlannedDate', 'nonconformity.verification-before-detection', { min: found.nc.detectedOn }))
    }
    if (gaps.length) {
      throw unprocessable('nonconformity.plan-incomplete', {}, gaps)
    }
    return {
      set: { plannedAt: env.now, plannedById: actor.userId, verificationPlannedDate: body.verificationPlannedDate ?? found.nc.verificationPlannedDate },
      details: { actions: planned.length, verificationPlannedDate: body.verificationPlannedDate ?? null },
      after: async (tx2, row) => {
        const stillPlanned = { ...found, nc: row }
        for (const a of planned.filter((p) => p.status === 'open')) await notifyAssigned(tx2, actor, stillPlanned, a)
      },
    }
  })
}

export function startNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, env: ServiceEnv) {
  return transition(db, actor, id, version, 'start', env, async (_tx, { found }) => ({
    set: { startedAt: found.nc.startedAt ?? env.now },
  }))
}

export function submitForVerification(db: Db, actor: Actor, id: string, version: number | undefined, env: ServiceEnv) {
  return transition(db, actor, id, version, 'submit-verification', env, async (tx, facts) => {
    const open = await tx
      .select({ id: actions.id, description: actions.description })
      .from(actions)
      .where(and(eq(actions.nonconformityId, id), eq(actions.status, 'open')))
    if (open.length) {
      throw unprocessable('nonconformity.actions-open', { actions: open.map((a) => a.description) }, [
        fieldError('actions', 'nonconformity.field-actions-open', { count: open.length, open: open.map((a) => a.id) }),
      ])
    }
    const round = (facts.lastCheck?.round ?? 0) + 1
    return {
      set: { submittedAt: env.now },
      after: async (tx2) => {
        const code = ncCode(facts.found.nc.number)
        // Auditors who own an action could not verify it; do not ask them.
        const auditors = (await usersWithRole(tx2, 'auditor')).filter((u) => !facts.ownerIds.has(u))
        await notify(tx2, {
          userIds: except(actor, auditors),
          kind: 'nonconformity.verification_requested',
          title: `${code} is ready for an effectiveness check: ${facts.found.nc.title}`,
          params: { code, title: facts.found.nc.title, unit: facts.found.unit.name },
          link: link(id),
          entityType: 'nonconformity',
          entityId: id,
          dedupeKey: `nc:${id}:verification-requested:${round}`,
        })
      },
    }
  })
}

export function verifyNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, body: VerifyBody, env: ServiceEnv) {
  return transition(db, actor, id, version, 'verify', env, async (tx, facts) => {
    const round = (facts.lastCheck?.round ?? 0) + 1
    await tx.insert(nonconformityVerifications).values({ nonconformityId: id, round, verifierId: actor.userId, effective: body.effective, note: body.note, verifiedAt: env.now })
    const code = ncCode(facts.found.nc.number)
    return {
      to: NC_WORKFLOW.to('verify', body.effective),
      set: round === 1 ? { firstCheckEffective: body.effective } : undefined,
      details: { effective: body.effective, note: body.note, round },
      after: async (tx2) => {
        const heads = await headsOf(tx2, facts.found)
        await notify(tx2, {
          userIds: except(actor, body.effective ? heads : [...heads, ...facts.ownerIds]),
          kind: body.effective ? 'nonconformity.verified' : 'nonconformity.not_effective',
          title: body.effective
            ? `${code}: the actions were verified effective; it can be closed`
            : `${code}: the actions were found NOT effective; more action is needed (${body.note})`,
          params: { code, title: facts.found.nc.title, note: body.note },
          link: link(id),
          entityType: 'nonconformity',
          entityId: id,
          dedupeKey: `nc:${id}:verified:${round}`,
        })
      },
    }
  })
}

export function closeNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, body: CloseBody, env: ServiceEnv) {
  return transition(db, actor, id, version, 'close', env, async (_tx, { found }) => ({
    set: { closedAt: env.now, closedOn: agencyToday(env), closedById: actor.userId, closingNote: body.note?.trim() || null },
    details: body.note?.trim() ? { note: body.note.trim() } : undefined,
    after: async (tx2) => {
      const code = ncCode(found.nc.number)
      await notify(tx2, {
        userIds: except(actor, found.nc.createdById ? [found.nc.createdById] : []),
        kind: 'nonconformity.closed',
        title: `${code} was closed: ${found.nc.title}`,
        params: { code, title: found.nc.title },
        link: link(id),
        entityType: 'nonconformity',
        entityId: id,
        dedupeKey: `nc:${id}:closed`,
      })
    },
  }))
}

export function cancelNonconformity(db: Db, actor: Actor, id: string, version: number | undefined, body: CancelBody, env: ServiceEnv) {
  return transition(db, actor, id, version, 'cancel', env, async (tx, { found }) => ({
    set: { cancelledAt: env.now, cancelledById: actor.userId, cancelReason: body.reason },
    details: { reason: body.reason },
    after: async (tx2) => {
      const code = ncCode(found.nc.number)
      const owners = await actionOwners(tx, id, { openOnly: true })
      await notify(tx2, {
        userIds: except(actor, [...(await headsOf(tx2, found)), ...owners]),
        kind: 'nonconformity.cancelled',
        title: `${code} was cancelled: ${body.reason}`,
        params: { code, title: found.nc.title, reason: body.reason },
        link: link(id),
        entityType: 'nonconformity',
        entityId: id,
        dedupeKey: `nc:${id}:cancelled`,
      })
    },
  }))
}
