/**
 * Half-year report drafts becoming issued reports (báo cáo 173/BC-BQL of 29/05/2020):
 * a manager creates a draft for a period (and the reform plan it accounts for), writes its
 * narrative, approves it and issues it with a number, date, signer and recipients. Until
 * then its figures are computed from the records whenever it is read; issuing freezes the
 * report (figures and text) as a snapshot, renders the PDF from it and registers that PDF
 * in document control as a record, in the same transaction. Files of an issued report are
 * always rendered from its snapshot.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../../db/client.ts'
import { orgUnits, plans, reportDrafts, users, type ReportDraftRow } from '../../../../db/schema/index.ts'
import { agencyToday, daysBetween, type ServiceEnv } from '../../../lib/clock.ts'
import { assertVersion } from '../../../lib/concurrency.ts'
import { keyset, textKey } from '../../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound } from '../../../lib/problems.ts'
import { requireReference } from '../../../lib/references.ts'
import { vnDate } from '../../../lib/table-export.ts'
import { recordAudit } from '../../audit-log/service.ts'
import { registerRecord } from '../../documents/revisions.ts'
import { periodLabel, type ParModel } from '../par-model.ts'
import { draftIssue, fullNumber, type ParIssue } from '../par-official.ts'
import { renderParPdf } from '../par-pdf.ts'
import { buildDraftReport, printable } from './report-model.ts'
import type { CreateReportDraft, IssueReportDraft, ReportDraft, ReportDraftDetail, ReportDraftQuery, UpdateReportDraft } from './schemas.ts'
import { REPORT_DRAFT_WORKFLOW } from './workflow.ts'

/** What an issued report keeps for good. */
export interface IssuedSnapshot {
  report: ParModel
  issue: ParIssue
}

const approver = alias(users, 'report_approver')
const issuer = alias(users, 'report_issuer')

function selectDrafts(db: Db) {
  return db
    .select({
      draft: reportDrafts,
      plan: { id: plans.id, number: plans.number, issuedOn: plans.issuedOn, title: plans.title },
      approvedBy: { id: approver.id, fullName: approver.fullName },
      issuedBy: { id: issuer.id, fullName: issuer.fullName },
    })
    .from(reportDrafts)
    .leftJoin(plans, eq(plans.id, reportDrafts.planId))
    .leftJoin(approver, eq(approver.id, reportDrafts.approvedById))
    .leftJoin(issuer, eq(issuer.id, reportDrafts.issuedById))
}
type Selected = Awaited<ReturnType<ReturnType<typeof selectDrafts>['execute']>>[number]

function allowedActions(actor: Actor, status: ReportDraftRow['status']) {
  return can(actor, 'report.write') ? REPORT_DRAFT_WORKFLOW.allowedFrom(status) : []
}

export function toReportDraft(r: Selected, actor: Actor): ReportDraft {
  const d = r.draft
  return {
    id: d.id,
    from: d.periodFrom,
    to: d.periodTo,
    periodLabel: periodLabel(d.periodFrom, d.periodTo),
    plan: r.plan?.id ? r.plan : null,
    status: d.status,
    number: d.number,
    issuedOn: d.issuedOn,
    signerTitle: d.signerTitle,
    signerName: d.signerName,
    recipients: d.recipients,
    documentId: d.documentId,
    approvedAt: d.approvedAt?.toISOString() ?? null,
    approvedBy: r.approvedBy?.id ? r.approvedBy : null,
    issuedAt: d.issuedAt?.toISOString() ?? null,
    issuedBy: r.issuedBy?.id ? r.issuedBy : null,
    allowedActions: allowedActions(actor, d.status),
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  }
}

/** Reading: a report not yet issued only for the agency-wide readers; an issued one for every report reader. */
function requireRead(actor: Actor, status: ReportDraftRow['status']) {
  requirePermission(actor, 'report.read')
  if (status !== 'issued') requirePermission(actor, 'report.drafts')
}

async function findDraft(db: Db, id: string, forUpdate = false): Promise<Selected> {
  const query = selectDrafts(db).where(eq(reportDrafts.id, id))
  const [row] = forUpdate ? await query.for('update', { of: reportDrafts }) : await query
  if (!row) throw notFound('report-draft', id)
  return row
}

/** The report of a draft: its snapshot once issued; otherwise computed now, as if issued today. */
async function reportOf(db: Db, actor: Actor, d: ReportDraftRow, env: ServiceEnv): Promise<{ report: ParModel; issue: ParIssue; live: ParModel | null }> {
  if (d.status === 'issued') {
    const snapshot = d.snapshot as IssuedSnapshot
    return { report: snapshot.report, issue: snapshot.issue, live: null }
  }
  const live = await buildDraftReport(db, actor, d, agencyToday(env), env)
  return { report: printable(live), issue: draftIssue(env.config), live }
}

async function detail(db: Db, actor: Actor, r: Selected, env: ServiceEnv): Promise<ReportDraftDetail> {
  const d = r.draft
  const { report, live } = await reportOf(db, actor, d, env)
  return {
    ...toReportDraft(r, actor),
    propaganda: d.propaganda,
    direction: d.direction,
    conclusions: d.conclusions,
    nextPeriod: d.nextPeriod,
    // The editor previews the unnumbered sections of a live report (narrative ones even empty).
    report: live ?? report,
  }
}

export async function listReportDrafts(db: Db, actor: Actor, query: ReportDraftQuery) {
  requirePermission(actor, 'report.read')
  const onlyIssued = !can(actor, 'report.drafts')
  const page = keyset([textKey(reportDrafts.periodTo, (r: Selected) => r.draft.periodTo), textKey(reportDrafts.id, (r: Selected) => r.draft.id)], query, 'desc')
  const rows = await selectDrafts(db)
    .where(and(query.status ? eq(reportDrafts.status, query.status) : undefined, onlyIssued ? eq(reportDrafts.status, 'issued') : undefined, page.where))
    .orderBy(desc(reportDrafts.periodTo), desc(reportDrafts.id))
    .limit(page.limit)
  return page.page(rows, (r) => toReportDraft(r, actor))
}

export async function getReportDraft(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<ReportDraftDetail> {
  requirePermission(actor, 'report.read')
  const r = await findDraft(db, id)
  requireRead(actor, r.draft.status)
  return detail(db, actor, r, env)
}

/** The report's file: rendered from the snapshot once issued, from the records now before. */
export async function reportDraftFile(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  requirePermission(actor, 'report.read')
  const r = await findDraft(db, id)
  requireRead(actor, r.draft.status)
  const { report, issue } = await reportOf(db, actor, r.draft, env)
  const name = r.draft.number ? `bao-cao-${r.draft.number.replace(/[^A-Za-z0-9]+/g, '-')}_${r.draft.issuedOn}` : `du-thao-bao-cao_${r.draft.periodFrom}_${r.draft.periodTo}`
  return { report, issue, name }
}

function checkPeriod(from: string, to: string) {
  if (from > to) throw invalidField('to', 'field.range-to-before-from')
  if (daysBetween(from, to) > 3700) throw invalidField('from', 'report.period-too-long')
}

async function checkPlan(db: Db, planId: string | null | undefined) {
  if (!planId) return
  const [row] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId))
  await requireReference('planId', 'plan', row)
}

/** The draft as the audit log keeps it (the report itself is not repeated). */
const auditView = (d: ReportDraftRow) => {
  const { snapshot: _s, ...rest } = d
  return rest
}

export async function createReportDraft(db: Db, actor: Actor, input: CreateReportDraft, env: ServiceEnv): Promise<ReportDraftDetail> {
  requirePermission(actor, 'report.write')
  checkPeriod(input.from, input.to)
  return db.transaction(async (tx) => {
    await checkPlan(tx, input.planId)
    const [row] = await tx
      .insert(reportDrafts)
      .values({
        periodFrom: input.from,
        periodTo: input.to,
        planId: input.planId ?? null,
        propaganda: input.propaganda ?? '',
        direction: input.direction ?? '',
        conclusions: input.conclusions ?? '',
        nextPeriod: input.nextPeriod ?? '',
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning()
    await recordAudit(tx, actor, { action: 'report_draft.create', entityType: 'report_draft', entityId: row.id, after: auditView(row) })
    return detail(tx, actor, await findDraft(tx, row.id), env)
  })
}

/** Runs one change in a transaction: lock, check the version and the workflow, change, audit, return. */
async function change(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  op: 'update' | 'approve' | 'reopen' | 'issue',
  env: ServiceEnv,
  apply: (tx: Db, d: ReportDraftRow) => Promise<Partial<ReportDraftRow>>,
): Promise<ReportDraftDetail> {
  requirePermission(actor, 'report.write')
  return db.transaction(async (tx) => {
    const current = await findDraft(tx, id, true)
    const d = current.draft
    assertVersion(d, expectedVersion)
    REPORT_DRAFT_WORKFLOW.assert(op, d.status, op === 'update' ? { action: 'change', ...(d.status === 'issued' ? { status: 'issued-read-only' } : {}) } : undefined)
    const changes = await apply(tx, d)
    const [after] = await tx
      .update(reportDrafts)
      .set({ ...changes, ...(op === 'update' ? {} : { status: REPORT_DRAFT_WORKFLOW.to(op) }), version: d.version + 1, updatedAt: env.now })
      .where(eq(reportDrafts.id, id))
      .returning()
    await recordAudit(tx, actor, { action: `report_draft.${op}`, entityType: 'report_draft', entityId: id, before: auditView(d), after: auditView(after) })
    return detail(tx, actor, await findDraft(tx, id), env)
  })
}

export function updateReportDraft(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateReportDraft, env: ServiceEnv) {
  return change(db, actor, id, expectedVersion, 'update', env, async (tx, d) => {
    const from = input.from ?? d.periodFrom
    const to = input.to ?? d.periodTo
    checkPeriod(from, to)
    if (input.planId) await checkPlan(tx, input.planId)
    return {
      periodFrom: from,
      periodTo: to,
      planId: input.planId === undefined ? d.planId : input.planId,
      propaganda: input.propaganda ?? d.propaganda,
      direction: input.direction ?? d.direction,
      conclusions: input.conclusions ?? d.conclusions,
      nextPeriod: input.nextPeriod ?? d.nextPeriod,
    }
  })
}

export const approveReportDraft = (db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) =>
  change(db, actor, id, expectedVersion, 'approve', env, async () => ({ approvedAt: env.now, approvedById: actor.userId }))

export const reopenReportDraft = (db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) =>
  change(db, actor, id, expectedVersion, 'reopen', env, async () => ({ approvedAt: null, approvedById: null }))

/**
 * approved → issued: the number (unique in the year of issue), the date (not before the
 * period's end, not after today), the signer and recipients; the report computed now
 * with them is frozen, and its PDF is registered as a record in document control.
 */
export function issueReportDraft(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: IssueReportDraft, env: ServiceEnv) {
  requirePermission(actor, 'document.write')
  return change(db, actor, id, expectedVersion, 'issue', env, async (tx, d) => {
    const today = agencyToday(env)
    if (input.issuedOn < d.periodTo) throw invalidField('issuedOn', 'report.field-issued-before-period', { to: d.periodTo })
    if (input.issuedOn > today) throw invalidField('issuedOn', 'report.field-issued-in-future', { today })
    const [root] = await tx.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits).where(sql`${orgUnits.parentId} is null`).orderBy(orgUnits.path).limit(1)
    const number = fullNumber(input.number, root.code)
    const year = Number(input.issuedOn.slice(0, 4))
    const [clash] = await tx
      .select({ id: reportDrafts.id })
      .from(reportDrafts)
      .where(and(eq(reportDrafts.issueYear, year), sql`lower(${reportDrafts.number}) = lower(${number})`))
    if (clash) throw conflict('report.number-taken', { number, year }, [fieldError('number', 'report.field-number-taken')])
    const live = await buildDraftReport(tx, actor, d, input.issuedOn, env)
    const recipients = input.recipients.map((x) => x.trim()).filter(Boolean)
    const issue: ParIssue = { number, place: env.config.agencyPlace, date: input.issuedOn, signerTitle: input.signerTitle.trim(), signerName: input.signerName.trim(), recipients }
    const report = printable({ ...live, asOf: input.issuedOn, dateLine: `Ngày ${input.issuedOn.slice(8, 10)} tháng ${input.issuedOn.slice(5, 7)} năm ${year}` })
    const pdf = await renderParPdf(report, issue)
    const summary = report.title.split('\n')[1] ?? report.title
    const record = await registerRecord(
      tx,
      actor,
      {
        code: `${number}-${year}`,
        title: `Báo cáo số ${number} ngày ${vnDate(input.issuedOn)}: ${summary}`,
        owningUnitId: root.id,
        effectiveFrom: input.issuedOn,
        changeSummary: `Ban hành báo cáo số ${number} ngày ${vnDate(input.issuedOn)}`,
        file: { name: `bao-cao-${number.replace(/[^A-Za-z0-9]+/g, '-')}_${input.issuedOn}.pdf`, contentType: 'application/pdf', bytes: pdf },
      },
      env,
    )
    const snapshot: IssuedSnapshot = { report, issue }
    return {
      number,
      issuedOn: input.issuedOn,
      issueYear: year,
      signerTitle: issue.signerTitle!,
      signerName: issue.signerName!,
      recipients,
      snapshot,
      documentId: record.documentId,
      issuedAt: env.now,
      issuedById: actor.userId,
    }
  })
}
