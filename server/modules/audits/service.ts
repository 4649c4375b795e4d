/**
 * The internal audit programme (ISO 9001:2015 clause 9.2): a yearly programme a manager
 * approves, and its audits — units, processes and clauses, dates, lead auditor and team.
 * Scheduling an audit creates one internal_audit inspection per unit, performed on the
 * existing perform screen; its failures become findings (inspections/perform.ts). Nobody
 * audits their own unit (inspections/independence.ts).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  auditProgrammes,
  checklistTemplates,
  findings,
  inspections,
  orgUnits,
  programmeAudits,
  programmeAuditTeam,
  programmeAuditUnits,
  users,
  AUDIT_PROGRAMME_STATUSES,
  type AuditProgrammeRow,
  type ProgrammeAuditRow,
} from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, invalidField, notFound, type FieldError } from '../../lib/problems.ts'
import { referenceProblem } from '../../lib/references.ts'
import { unitScope } from '../../lib/unit-scope.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { recordAudit } from '../audit-log/service.ts'
import { toPersonRef } from '../findings/service.ts'
import { assertIndependent } from '../inspections/independence.ts'
import { createInspection, updateInspection } from '../inspections/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import {
  PROGRAMME_AUDIT_API_STATUSES,
  type AuditProgramme,
  type AuditProgrammeDetail,
  type CreateAuditProgramme,
  type CreateProgrammeAudit,
  type ProgrammeAudit,
  type ProgrammeAuditApiStatus,
  type ProgrammeQuery,
  type UpdateAuditProgramme,
  type UpdateProgrammeAudit,
} from './schemas.ts'

/** A programme is drawn up, then approved; audits are planned in both, scheduled only once it is approved. */
export const PROGRAMME_WORKFLOW = defineWorkflow('audit-programme', AUDIT_PROGRAMME_STATUSES, {
  update: { from: ['draft'] },
  approve: { from: ['draft'], to: 'approved' },
  'plan-audit': { from: ['draft', 'approved'] },
  'schedule-audits': { from: ['approved'] },
})

/** planned → scheduled (its inspections exist) → completed (computed from them); cancelled before it is scheduled. */
export const AUDIT_WORKFLOW = defineWorkflow('programme-audit', PROGRAMME_AUDIT_API_STATUSES, {
  update: { from: ['planned', 'scheduled', 'completed'] },
  schedule: { from: ['planned'], to: 'scheduled' },
  cancel: { from: ['planned'], to: 'cancelled' },
})

const approver = alias(users, 'approver')
const lead = alias(users, 'lead_auditor')

// ---------------------------------------------------------------------------------------
// Reading

function selectProgrammes(db: Db) {
  return db
    .select({
      programme: auditProgrammes,
      approver: { id: approver.id, fullName: approver.fullName },
      auditCount: sql<number>`(select count(*) from programme_audits a where a.programme_id = ${auditProgrammes.id} and a.status <> 'cancelled')::int`,
    })
    .from(auditProgrammes)
    .leftJoin(approver, eq(approver.id, auditProgrammes.approvedById))
}
type SelectedProgramme = Awaited<ReturnType<ReturnType<typeof selectProgrammes>['execute']>>[number]

function programmeActions(actor: Actor, status: AuditProgrammeRow['status']): AuditProgramme['allowedActions'] {
  const manages = can(actor, 'audit_programme.write')
  const plans = can(actor, 'audit.plan')
  return PROGRAMME_WORKFLOW.allowedFrom(status).filter((op) => (op === 'update' || op === 'approve' ? manages : plans))
}

export function toProgramme(r: SelectedProgramme, actor: Actor): AuditProgramme {
  const p = r.programme
  return {
    id: p.id,
    year: p.year,
    number: p.number,
    title: p.title,
    objectives: p.objectives,
    status: p.status,
    approvedBy: r.approver?.id ? r.approver : null,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    auditCount: Number(r.auditCount),
    allowedActions: programmeActions(actor, p.status),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}

async function findProgramme(db: Db, id: string, forUpdate = false): Promise<SelectedProgramme> {
  const query = selectProgrammes(db).where(eq(auditProgrammes.id, id))
  const [row] = forUpdate ? await query.for('update', { of: auditProgrammes }) : await query
  if (!row) throw notFound('audit-programme', id)
  return row
}

/** SQL: the audit (in the row of `programme_audits`) has a unit within the actor's scope; undefined when they see every unit. */
function auditInScope(actor: Actor): SQL | undefined {
  const scope = unitScope(actor, 'audit_programme.read')
  if (scope.kind === 'all') return undefined
  if (scope.kind === 'none') return sql`false`
  const match = scope.kind === 'subtree' ? sql`u.path like ${scope.match}` : sql`u.path = ${scope.match}`
  return sql`exists (select 1 from programme_audit_units au join org_units u on u.id = au.org_unit_id where au.audit_id = ${programmeAudits.id} and ${match})`
}

/** The status the API shows: `completed` once every inspection of a scheduled audit is done with, one at least completed. */
function apiStatus(audit: ProgrammeAuditRow, units: ProgrammeAudit['units']): ProgrammeAuditApiStatus {
  if (audit.status !== 'scheduled') return audit.status
  const states = units.map((u) => u.inspection?.status)
  const done = states.length > 0 && states.every((s) => s === 'completed' || s === 'cancelled') && states.includes('completed')
  return done ? 'completed' : 'scheduled'
}

/** Audits with their units (and inspections), team and finding counts: four queries however many audits. */
async function loadAudits(db: Db, actor: Actor, where: SQL | undefined, programmeStatus: AuditProgrammeRow['status']): Promise<ProgrammeAudit[]> {
  const rows = await db
    .select({
      audit: programmeAudits,
      lead: { id: lead.id, fullName: lead.fullName, position: lead.position, orgUnitId: lead.orgUnitId },
      template: { id: checklistTemplates.id, name: checklistTemplates.name },
    })
    .from(programmeAudits)
    .innerJoin(lead, eq(lead.id, programmeAudits.leadAuditorId))
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, programmeAudits.templateId))
    .where(where)
    .orderBy(asc(programmeAudits.seq))
  if (!rows.length) return []
  const ids = rows.map((r) => r.audit.id)
  const [unitRows, teamRows, counts] = await Promise.all([
    db
      .select({
        auditId: programmeAuditUnits.auditId,
        unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name },
        inspection: { id: inspections.id, number: inspections.number, status: inspections.status, plannedFor: inspections.plannedFor, performedOn: inspections.performedOn },
      })
      .from(programmeAuditUnits)
      .innerJoin(orgUnits, eq(orgUnits.id, programmeAuditUnits.orgUnitId))
      .leftJoin(inspections, eq(inspections.id, programmeAuditUnits.inspectionId))
      .where(inArray(programmeAuditUnits.auditId, ids))
      .orderBy(asc(orgUnits.path)),
    db
      .select({ auditId: programmeAuditTeam.auditId, user: { id: users.id, fullName: users.fullName, position: users.position, orgUnitId: users.orgUnitId } })
      .from(programmeAuditTeam)
      .innerJoin(users, eq(users.id, programmeAuditTeam.userId))
      .where(inArray(programmeAuditTeam.auditId, ids))
      .orderBy(asc(users.fullName), asc(users.id)),
    db
      .select({ auditId: programmeAuditUnits.auditId, classification: findings.classification, n: sql<number>`count(*)::int` })
      .from(findings)
      .innerJoin(programmeAuditUnits, eq(programmeAuditUnits.inspectionId, findings.inspectionId))
      .where(inArray(programmeAuditUnits.auditId, ids))
      .groupBy(programmeAuditUnits.auditId, findings.classification),
  ])
  const plans = can(actor, 'audit.plan')
  return rows.map(({ audit: a, lead: l, template }) => {
    const units = unitRows.filter((u) => u.auditId === a.id).map((u) => ({ ...u.unit, inspection: u.inspection?.id ? u.inspection : null }))
    const status = apiStatus(a, units)
    const count = (c: string) => Number(counts.find((n) => n.auditId === a.id && n.classification === c)?.n ?? 0)
    return {
      id: a.id,
      programmeId: a.programmeId,
      seq: a.seq,
      title: a.title,
      units,
      processes: a.processes,
      clauseNumbers: a.clauseNumbers,
      plannedFrom: a.plannedFrom,
      plannedTo: a.plannedTo,
      leadAuditor: toPersonRef(l),
      team: teamRows.filter((t) => t.auditId === a.id).map((t) => toPersonRef(t.user)),
      template,
      status,
      cancelReason: a.cancelReason,
      conclusion: a.conclusion,
      findings: { major_nc: count('major_nc'), minor_nc: count('minor_nc'), observation: count('observation'), improvement_opportunity: count('improvement_opportunity') },
      allowedActions: plans ? AUDIT_WORKFLOW.allowedFrom(status).filter((op) => op !== 'schedule' || programmeStatus === 'approved') : [],
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    }
  })
}

/** Newest year first. Everyone who reads programmes reads them all: a programme is the agency's. */
export async function listProgrammes(db: Db, actor: Actor, query: ProgrammeQuery) {
  requirePermission(actor, 'audit_programme.read')
  const page = keyset([{ column: auditProgrammes.year, read: (r: SelectedProgramme) => r.programme.year }, textKey(auditProgrammes.id, (r: SelectedProgramme) => r.programme.id)], query, 'desc')
  const rows = await selectProgrammes(db)
    .where(and(query.year ? eq(auditProgrammes.year, query.year) : undefined, query.status ? eq(auditProgrammes.status, query.status) : undefined, page.where))
    .orderBy(desc(auditProgrammes.year), desc(auditProgrammes.id))
    .limit(page.limit)
  return page.page(rows, (r) => toProgramme(r, actor))
}

async function detail(db: Db, actor: Actor, r: SelectedProgramme): Promise<AuditProgrammeDetail> {
  const audits = await loadAudits(db, actor, and(eq(programmeAudits.programmeId, r.programme.id), auditInScope(actor)), r.programme.status)
  return { ...toProgramme(r, actor), audits }
}

export async function getProgramme(db: Db, actor: Actor, id: string): Promise<AuditProgrammeDetail> {
  requirePermission(actor, 'audit_programme.read')
  return detail(db, actor, await findProgramme(db, id))
}

/** One audit as the actor may see it (403 when none of its units is in their scope). */
export async function loadAudit(db: Db, actor: Actor, programmeId: string, auditId: string): Promise<ProgrammeAudit> {
  const p = await findProgramme(db, programmeId)
  const [audit] = await loadAudits(db, actor, and(eq(programmeAudits.id, auditId), eq(programmeAudits.programmeId, programmeId), auditInScope(actor)), p.programme.status)
  if (audit) return audit
  const [exists] = await db.select({ id: programmeAudits.id }).from(programmeAudits).where(and(eq(programmeAudits.id, auditId), eq(programmeAudits.programmeId, programmeId)))
  if (!exists) throw notFound('programme-audit', auditId)
  throw forbidden('audit.forbidden-read')
}

export async function getAudit(db: Db, actor: Actor, programmeId: string, auditId: string) {
  requirePermission(actor, 'audit_programme.read')
  return loadAudit(db, actor, programmeId, auditId)
}

// ---------------------------------------------------------------------------------------
// The programme

async function assertNumberFree(db: Db, number: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: auditProgrammes.id })
    .from(auditProgrammes)
    .where(and(sql`lower(${auditProgrammes.number}) = lower(${number})`, exceptId ? sql`${auditProgrammes.id} <> ${exceptId}` : undefined))
  if (clash) throw conflict('code-taken', { entity: 'audit-programme', code: number }, [fieldError('number', 'field.code-taken', { entity: 'audit-programme' })])
}

export async function createProgramme(db: Db, actor: Actor, input: CreateAuditProgramme, env: ServiceEnv): Promise<AuditProgrammeDetail> {
  requirePermission(actor, 'audit_programme.write')
  return db.transaction(async (tx) => {
    const number = input.number.trim()
    await assertNumberFree(tx, number)
    const [row] = await tx
      .insert(auditProgrammes)
      .values({ year: input.year, number, title: input.title.trim(), objectives: input.objectives?.trim() || null, createdById: actor.userId, createdAt: env.now, updatedAt: env.now })
      .returning({ id: auditProgrammes.id })
    const after = await detail(tx, actor, await findProgramme(tx, row.id))
    await recordAudit(tx, actor, { action: 'audit_programme.create', entityType: 'audit_programme', entityId: row.id, after: withoutLists(after) })
    return after
  })
}

function withoutLists({ audits: _a, allowedActions: _b, ...programme }: AuditProgrammeDetail) {
  return programme
}

export async function updateProgramme(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateAuditProgramme, env: ServiceEnv) {
  requirePermission(actor, 'audit_programme.write')
  return db.transaction(async (tx) => {
    const current = await findProgramme(tx, id, true)
    assertVersion(current.programme, expectedVersion)
    PROGRAMME_WORKFLOW.assert('update', current.programme.status)
    const p = current.programme
    const number = input.number?.trim() ?? p.number
    if (number.toLowerCase() !== p.number.toLowerCase()) await assertNumberFree(tx, number, id)
    const before = toProgramme(current, actor)
    await tx
      .update(auditProgrammes)
      .set({
        number,
        title: input.title?.trim() ?? p.title,
        objectives: input.objectives === undefined ? p.objectives : input.objectives?.trim() || null,
        version: p.version + 1,
        updatedAt: env.now,
      })
      .where(eq(auditProgrammes.id, id))
    const after = await detail(tx, actor, await findProgramme(tx, id))
    await recordAudit(tx, actor, { action: 'audit_programme.update', entityType: 'audit_programme', entityId: id, before, after: withoutLists(after) })
    return after
  })
}

export async function approveProgramme(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) {
  requirePermission(actor, 'audit_programme.write')
  return db.transaction(async (tx) => {
    const current = await findProgramme(tx, id, true)
    assertVersion(current.programme, expectedVersion)
    PROGRAMME_WORKFLOW.assert('approve', current.programme.status)
    const before = toProgramme(current, actor)
    await tx
      .update(auditProgrammes)
      .set({ status: PROGRAMME_WORKFLOW.to('approve'), approvedById: actor.userId, approvedAt: env.now, version: current.programme.version + 1, updatedAt: env.now })
      .where(eq(auditProgrammes.id, id))
    const after = await detail(tx, actor, await findProgramme(tx, id))
    await recordAudit(tx, actor, { action: 'audit_programme.approve', entityType: 'audit_programme', entityId: id, before, after: withoutLists(after) })
    return after
  })
}

// ---------------------------------------------------------------------------------------
// Its audits

interface AuditInput {
  orgUnitIds: string[]
  clauseNumbers: string[]
  plannedFrom: string
  plannedTo: string
  leadAuditorId: string
  teamIds: string[]
  templateId: string
}

/**
 * Everything a schema cannot check, for the fields `changed` names: clauses of the
 * outline, dates in the programme's year and in order (400); units, people and template
 * that exist (422 reference) and are active (400); then, always, independence of the
 * lead and team from the units (422 naming the person).
 */
async function validateAudit(db: Db, year: number, a: AuditInput, changed: (field: keyof AuditInput) => boolean) {
  const errors: FieldError[] = []
  if (changed('clauseNumbers')) a.clauseNumbers.forEach((c, i) => isIsoClause(c) || errors.push(fieldError(`clauseNumbers.${i}`, 'field.not-a-clause', { value: c })))
  for (const f of ['plannedFrom', 'plannedTo'] as const) {
    if (changed(f) && Number(a[f].slice(0, 4)) !== year) errors.push(fieldError(f, 'audit.field-outside-year', { year }))
  }
  if (a.plannedTo < a.plannedFrom) errors.push(fieldError('plannedTo', 'audit.field-dates-order'))

  const missing: FieldError[] = []
  const people = [a.leadAuditorId, ...a.teamIds]
  const [unitRows, userRows, templateRows] = await Promise.all([
    changed('orgUnitIds') ? db.select({ id: orgUnits.id, active: orgUnits.active }).from(orgUnits).where(inArray(orgUnits.id, a.orgUnitIds)) : [],
    changed('leadAuditorId') || changed('teamIds') ? db.select({ id: users.id, active: users.active }).from(users).where(inArray(users.id, people)) : [],
    changed('templateId') ? db.select({ id: checklistTemplates.id }).from(checklistTemplates).where(eq(checklistTemplates.id, a.templateId)) : [],
  ])
  if (changed('orgUnitIds')) {
    a.orgUnitIds.forEach((id, i) => {
      const unit = unitRows.find((u) => u.id === id)
      if (!unit) missing.push(fieldError(`orgUnitIds.${i}`, 'field.reference', { kind: 'unit' }))
      else if (!unit.active) errors.push(fieldError(`orgUnitIds.${i}`, 'field.unit-deactivated'))
    })
  }
  if (changed('leadAuditorId') || changed('teamIds')) {
    people.forEach((id, i) => {
      const path = i === 0 ? 'leadAuditorId' : `teamIds.${i - 1}`
      const user = userRows.find((u) => u.id === id)
      if (!user) missing.push(fieldError(path, 'field.reference', { kind: 'user' }))
      else if (!user.active) errors.push(fieldError(path, 'field.user-deactivated'))
    })
  }
  if (changed('templateId') && !templateRows.length) missing.push(fieldError('templateId', 'field.reference', { kind: 'checklist-template' }))
  if (errors.length) throw badRequest('validation.fields', { where: 'body', count: errors.length }, errors)
  if (missing.length) throw referenceProblem(missing)
  await assertIndependent(db, a.orgUnitIds, [{ field: 'leadAuditorId', userId: a.leadAuditorId }, ...a.teamIds.map((userId, i) => ({ field: `teamIds.${i}`, userId }))])
}

async function replaceRows(db: Db, auditId: string, orgUnitIds: string[] | undefined, teamIds: string[] | undefined) {
  if (orgUnitIds) {
    await db.delete(programmeAuditUnits).where(eq(programmeAuditUnits.auditId, auditId))
    await db.insert(programmeAuditUnits).values(orgUnitIds.map((orgUnitId) => ({ auditId, orgUnitId })))
  }
  if (teamIds) {
    await db.delete(programmeAuditTeam).where(eq(programmeAuditTeam.auditId, auditId))
    if (teamIds.length) await db.insert(programmeAuditTeam).values(teamIds.map((userId) => ({ auditId, userId })))
  }
}

export async function planAudit(db: Db, actor: Actor, programmeId: string, input: CreateProgrammeAudit, env: ServiceEnv): Promise<ProgrammeAudit> {
  requirePermission(actor, 'audit.plan')
  return db.transaction(async (tx) => {
    const p = await findProgramme(tx, programmeId, true)
    PROGRAMME_WORKFLOW.assert('plan-audit', p.programme.status)
    const teamIds = (input.teamIds ?? []).filter((id) => id !== input.leadAuditorId)
    const values = { ...input, teamIds }
    await validateAudit(tx, p.programme.year, values, () => true)
    const [{ seq }] = await tx
      .select({ seq: sql<number>`(coalesce(max(${programmeAudits.seq}), 0) + 1)::int` })
      .from(programmeAudits)
      .where(eq(programmeAudits.programmeId, programmeId))
    const [row] = await tx
      .insert(programmeAudits)
      .values({
        programmeId,
        seq,
        title: input.title.trim(),
        processes: (input.processes ?? []).map((s) => s.trim()).filter(Boolean),
        clauseNumbers: input.clauseNumbers,
        plannedFrom: input.plannedFrom,
        plannedTo: input.plannedTo,
        leadAuditorId: input.leadAuditorId,
        templateId: input.templateId,
        createdById: actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: programmeAudits.id })
    await replaceRows(tx, row.id, input.orgUnitIds, teamIds)
    const audit = await loadAudit(tx, actor, programmeId, row.id)
    await recordAudit(tx, actor, { action: 'programme_audit.create', entityType: 'programme_audit', entityId: row.id, after: { ...forLog(audit), programme: p.programme.number } })
    return audit
  })
}

function forLog({ allowedActions: _a, findings: _f, ...audit }: ProgrammeAudit) {
  return audit
}

async function lockAudit(db: Db, actor: Actor, programmeId: string, auditId: string) {
  const p = await findProgramme(db, programmeId, true)
  const [row] = await db
    .select()
    .from(programmeAudits)
    .where(and(eq(programmeAudits.id, auditId), eq(programmeAudits.programmeId, programmeId)))
    .for('update')
  if (!row) throw notFound('programme-audit', auditId)
  const current = await loadAudit(db, actor, programmeId, auditId)
  return { p, row, current }
}

/** Fields an audit keeps once scheduled, and once completed. */
const FIXED_WHEN_SCHEDULED = ['orgUnitIds', 'templateId'] as const
const OPEN_WHEN_COMPLETED = ['conclusion', 'title'] as const

export async function updateAudit(db: Db, actor: Actor, programmeId: string, auditId: string, expectedVersion: number | undefined, input: UpdateProgrammeAudit, env: ServiceEnv) {
  requirePermission(actor, 'audit.plan')
  return db.transaction(async (tx) => {
    const { p, row, current } = await lockAudit(tx, actor, programmeId, auditId)
    assertVersion(row, expectedVersion)
    AUDIT_WORKFLOW.assert('update', current.status, { action: 'change' })
    const fixed =
      current.status === 'completed'
        ? Object.keys(input).filter((k) => !(OPEN_WHEN_COMPLETED as readonly string[]).includes(k))
        : current.status === 'scheduled'
          ? FIXED_WHEN_SCHEDULED.filter((k) => input[k] !== undefined)
          : []
    if (fixed.length) throw conflict('audit.scheduled-locked', undefined, fixed.map((k) => fieldError(k, 'audit.field-locked')))
    const rescheduled = (input.plannedFrom !== undefined && input.plannedFrom !== row.plannedFrom) || (input.plannedTo !== undefined && input.plannedTo !== row.plannedTo)
    const reason = input.reason?.trim()
    if (rescheduled && !reason) throw invalidField('reason', 'audit.field-reschedule-reason-required')

    const leadAuditorId = input.leadAuditorId ?? row.leadAuditorId
    const teamIds = (input.teamIds ?? current.team.map((t) => t.id)).filter((id) => id !== leadAuditorId)
    const values: AuditInput = {
      orgUnitIds: input.orgUnitIds ?? current.units.map((u) => u.id),
      clauseNumbers: input.clauseNumbers ?? row.clauseNumbers,
      plannedFrom: input.plannedFrom ?? row.plannedFrom,
      plannedTo: input.plannedTo ?? row.plannedTo,
      leadAuditorId,
      teamIds,
      templateId: input.templateId ?? row.templateId,
    }
    const peopleChange = input.leadAuditorId !== undefined || input.teamIds !== undefined
    await validateAudit(tx, p.programme.year, values, (f) => input[f] !== undefined)

    await tx
      .update(programmeAudits)
      .set({
        title: input.title?.trim() ?? row.title,
        processes: input.processes ? input.processes.map((s) => s.trim()).filter(Boolean) : row.processes,
        clauseNumbers: values.clauseNumbers,
        plannedFrom: values.plannedFrom,
        plannedTo: values.plannedTo,
        leadAuditorId,
        templateId: values.templateId,
        conclusion: input.conclusion === undefined ? row.conclusion : input.conclusion?.trim() || null,
        version: row.version + 1,
        updatedAt: env.now,
      })
      .where(eq(programmeAudits.id, auditId))
    await replaceRows(tx, auditId, input.orgUnitIds, peopleChange ? teamIds : undefined)

    // A scheduled audit's inspections follow it: a new start date moves those still
    // planned, a new lead or team goes to those not completed (each change is the
    // inspection's own, audited and notified by the inspections module).
    const moved: string[] = []
    if (current.status === 'scheduled' && (input.plannedFrom !== undefined || peopleChange)) {
      for (const u of current.units) {
        const i = u.inspection
        if (!i || i.status === 'completed' || i.status === 'cancelled') continue
        const change = {
          ...(input.plannedFrom !== undefined && i.status === 'planned' && i.plannedFor !== values.plannedFrom ? { plannedFor: values.plannedFrom } : {}),
          ...(peopleChange ? { leadInspectorId: leadAuditorId, teamIds } : {}),
        }
        if (!Object.keys(change).length) continue
        const [{ version }] = await tx.select({ version: inspections.version }).from(inspections).where(eq(inspections.id, i.id))
        await updateInspection(tx, actor, i.id, version, change, env)
        moved.push(i.number)
      }
    }
    const after = await loadAudit(tx, actor, programmeId, auditId)
    await recordAudit(tx, actor, {
      action: 'programme_audit.update',
      entityType: 'programme_audit',
      entityId: auditId,
      before: forLog(current),
      after: { ...forLog(after), ...(reason ? { reason } : {}), ...(moved.length ? { inspectionsChanged: moved } : {}) },
    })
    return after
  })
}

/**
 * Creates the internal_audit inspection of each unit (on the audit's checklist, its first
 * day, its lead and team), through the inspections module: permission, independence,
 * numbering, audit entry and notifications are the inspection's own.
 */
export async function scheduleAudit(db: Db, actor: Actor, programmeId: string, auditId: string, expectedVersion: number | undefined, env: ServiceEnv) {
  requirePermission(actor, 'audit.plan')
  return db.transaction(async (tx) => {
    const { p, row, current } = await lockAudit(tx, actor, programmeId, auditId)
    assertVersion(row, expectedVersion)
    PROGRAMME_WORKFLOW.assert('schedule-audits', p.programme.status, { action: 'schedule-audits-of' })
    AUDIT_WORKFLOW.assert('schedule', current.status)
    const basis = `Chương trình đánh giá nội bộ số ${p.programme.number}: ${row.title}`
    for (const unit of current.units) {
      const inspection = await createInspection(tx, actor, {
        templateId: row.templateId,
        orgUnitId: unit.id,
        kind: 'internal_audit',
        plannedFor: row.plannedFrom,
        leadInspectorId: row.leadAuditorId,
        teamIds: current.team.map((t) => t.id),
        basis,
      })
      await tx
        .update(programmeAuditUnits)
        .set({ inspectionId: inspection.id })
        .where(and(eq(programmeAuditUnits.auditId, auditId), eq(programmeAuditUnits.orgUnitId, unit.id)))
    }
    await tx
      .update(programmeAudits)
      .set({ status: 'scheduled', version: row.version + 1, updatedAt: env.now })
      .where(eq(programmeAudits.id, auditId))
    const after = await loadAudit(tx, actor, programmeId, auditId)
    await recordAudit(tx, actor, { action: 'programme_audit.schedule', entityType: 'programme_audit', entityId: auditId, before: forLog(current), after: forLog(after) })
    return after
  })
}

export async function cancelAudit(db: Db, actor: Actor, programmeId: string, auditId: string, expectedVersion: number | undefined, reason: string, env: ServiceEnv) {
  requirePermission(actor, 'audit.plan')
  return db.transaction(async (tx) => {
    const { row, current } = await lockAudit(tx, actor, programmeId, auditId)
    assertVersion(row, expectedVersion)
    AUDIT_WORKFLOW.assert('cancel', current.status)
    const trimmed = reason.trim()
    if (!trimmed) throw invalidField('reason', 'audit.field-reason-required')
    await tx.update(programmeAudits).set({ status: 'cancelled', cancelReason: trimmed, version: row.version + 1, updatedAt: env.now }).where(eq(programmeAudits.id, auditId))
    const after = await loadAudit(tx, actor, programmeId, auditId)
    await recordAudit(tx, actor, { action: 'programme_audit.cancel', entityType: 'programme_audit', entityId: auditId, before: forLog(current), after: forLog(after) })
    return after
  })
}

/** The programme row, for the coverage and the report. */
export async function programmeRow(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'audit_programme.read')
  return (await findProgramme(db, id)).programme
}
