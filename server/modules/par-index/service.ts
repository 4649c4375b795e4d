/**
 * The PAR index self-assessment (Chỉ số cải cách hành chính): criteria sets loaded from
 * the province's file; per year, the self score of each leaf with its evidence, running
 * totals up the tree, the appraised score entered later, and the points lost per
 * criterion that a remediation plan takes up (`remediationCandidates`).
 *
 * Totals are computed from one query (the set's criteria with this year's scores) walked
 * bottom-up; figures from our own data (figures.ts) sit beside the criteria that name one.
 */
import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  orgUnits,
  parAssessments,
  parCriteria,
  parCriteriaSets,
  parScores,
  PAR_ASSESSMENT_STATUSES,
  users,
  type ParAssessmentRow,
  type ParCriteriaSetRow,
  type ParCriterionRow,
  type ParDataSource,
  type ParScoreRow,
} from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound, unprocessable } from '../../lib/problems.ts'
import { requireReference } from '../../lib/references.ts'
import type { UploadedFile } from '../../lib/uploads.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { attachmentsByIds, claimAttachments } from '../attachments/service.ts'
import { recordAudit } from '../audit-log/service.ts'
import { tasksFromSources } from '../plans/tasks.ts'
import { readCriteriaFile } from './criteria-file.ts'
import { yearFigures } from './figures.ts'
import type {
  Appraisal,
  CreateParAssessment,
  ParAssessment,
  ParAssessmentDetail,
  ParAssessmentQuery,
  ParCriteriaSet,
  ParCriteriaSetDetail,
  ParCriteriaSetQuery,
  ParCriterion,
  ParFigure,
  ParScoredCriterion,
  Remediation,
  RemediationCandidate,
  SelfScore,
} from './schemas.ts'

/**
 * The life of a year's self-assessment: scored while a draft; submitted, its self
 * scores frozen; appraised once a manager enters the province's scores (again and
 * again while corrections come). A submitted one may be reopened by a manager.
 */
export const PAR_WORKFLOW = defineWorkflow('par-assessment', PAR_ASSESSMENT_STATUSES, {
  score: { from: ['draft'] },
  submit: { from: ['draft'], to: 'submitted' },
  reopen: { from: ['submitted'], to: 'draft' },
  appraise: { from: ['submitted', 'appraised'], to: 'appraised' },
})

/** Who may do each operation (the workflow says when). */
const OPERATION_PERMISSION = { score: 'par.self_assess', submit: 'par.self_assess', reopen: 'par.appraise', appraise: 'par.appraise' } as const

const round2 = (n: number) => Math.round(n * 100) / 100

// ---- criteria sets --------------------------------------------------------------------------

const criteriaCount = sql<number>`(select count(*) from ${parCriteria} c where c.set_id = ${parCriteriaSets.id})::int`

function toCriteriaSet(row: ParCriteriaSetRow, n: number): ParCriteriaSet {
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    issuedBy: row.issuedBy,
    isSample: row.isSample,
    maxPoints: Number(row.maxPoints),
    criteriaCount: Number(n),
    sourceFilename: row.sourceFilename,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  }
}

function toCriterion(row: ParCriterionRow): ParCriterion {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    depth: row.depth,
    title: row.title,
    maxPoints: Number(row.maxPoints),
    scoring: row.scoring,
    isLeaf: row.isLeaf,
    dataSource: row.dataSource,
  }
}

export async function listCriteriaSets(db: Db, actor: Actor, query: ParCriteriaSetQuery) {
  requirePermission(actor, 'par.read')
  const page = keyset(
    [{ column: parCriteriaSets.year, read: (r: { set: ParCriteriaSetRow }) => r.set.year }, dateKey(parCriteriaSets.createdAt, (r) => r.set.createdAt), textKey(parCriteriaSets.id, (r) => r.set.id)],
    query,
    'desc',
  )
  const rows = await db
    .select({ set: parCriteriaSets, n: criteriaCount })
    .from(parCriteriaSets)
    .where(and(query.year ? eq(parCriteriaSets.year, query.year) : undefined, page.where))
    .orderBy(desc(parCriteriaSets.year), desc(parCriteriaSets.createdAt), desc(parCriteriaSets.id))
    .limit(page.limit)
  return page.page(rows, (r) => toCriteriaSet(r.set, r.n))
}

async function findSet(db: Db, id: string) {
  const [row] = await db.select({ set: parCriteriaSets, n: criteriaCount }).from(parCriteriaSets).where(eq(parCriteriaSets.id, id))
  if (!row) throw notFound('par-criteria-set', id)
  return row
}

const criteriaOf = (db: Db, setId: string) => db.select().from(parCriteria).where(eq(parCriteria.setId, setId)).orderBy(asc(parCriteria.position))

export async function getCriteriaSet(db: Db, actor: Actor, id: string): Promise<ParCriteriaSetDetail> {
  requirePermission(actor, 'par.read')
  const { set, n } = await findSet(db, id)
  return { ...toCriteriaSet(set, n), criteria: (await criteriaOf(db, id)).map(toCriterion) }
}

export interface ImportFields {
  name?: string
  year?: string
  issuedBy?: string
  isSample?: string
}

/** Loads a criteria set from an uploaded file, all of it or nothing. */
export async function importCriteriaSet(db: Db, actor: Actor, file: UploadedFile, fields: ImportFields, env: ServiceEnv): Promise<ParCriteriaSetDetail> {
  requirePermission(actor, 'par.criteria')
  const name = fields.name?.trim()
  if (!name) throw invalidField('name', 'field.required')
  const year = Number(fields.year)
  if (!/^[0-9]{4}$/.test(fields.year ?? '') || year < 2000 || year > 2100) throw invalidField('year', fields.year ? 'par.field-year' : 'field.required')
  const criteria = await readCriteriaFile(file)
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: parCriteriaSets.id }).from(parCriteriaSets).where(and(sql`lower(${parCriteriaSets.name}) = lower(${name})`, eq(parCriteriaSets.year, year)))
    if (dup) throw conflict('par.set-exists', { name, year })
    const maxPoints = round2(criteria.filter((c) => c.depth === 0).reduce((s, c) => s + c.maxPoints, 0))
    const [set] = await tx
      .insert(parCriteriaSets)
      .values({
        name,
        year,
        issuedBy: fields.issuedBy?.trim() || null,
        isSample: fields.isSample === 'true',
        maxPoints,
        sourceFilename: file.filename,
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning()
    // Ids are given here so that children name their parent in the same insert.
    const ids = new Map(criteria.map((c) => [c.code, randomUUID()]))
    await tx.insert(parCriteria).values(
      criteria.map((c, position) => ({
        id: ids.get(c.code)!,
        setId: set.id,
        parentId: c.parentCode ? ids.get(c.parentCode)! : null,
        code: c.code,
        position,
        depth: c.depth,
        title: c.title,
        maxPoints: c.maxPoints,
        scoring: c.scoring,
        isLeaf: c.isLeaf,
        dataSource: c.dataSource,
      })),
    )
    const detail = { ...toCriteriaSet(set, criteria.length), criteria: (await criteriaOf(tx, set.id)).map(toCriterion) }
    const { criteria: _c, ...summary } = detail
    await recordAudit(tx, actor, { action: 'par_criteria_set.import', entityType: 'par_criteria_set', entityId: set.id, after: summary })
    return detail
  })
}

// ---- assessments ----------------------------------------------------------------------------

const submitter = alias(users, 'par_submitter')
const appraiser = alias(users, 'par_appraiser')

function selectAssessments(db: Db) {
  return db
    .select({
      a: parAssessments,
      set: { id: parCriteriaSets.id, name: parCriteriaSets.name, year: parCriteriaSets.year, isSample: parCriteriaSets.isSample, issuedBy: parCriteriaSets.issuedBy, maxPoints: parCriteriaSets.maxPoints },
      submittedBy: { id: submitter.id, fullName: submitter.fullName },
      appraisedBy: { id: appraiser.id, fullName: appraiser.fullName },
    })
    .from(parAssessments)
    .innerJoin(parCriteriaSets, eq(parCriteriaSets.id, parAssessments.setId))
    .leftJoin(submitter, eq(submitter.id, parAssessments.submittedById))
    .leftJoin(appraiser, eq(appraiser.id, parAssessments.appraisedById))
}

type SelectedAssessment = Awaited<ReturnType<ReturnType<typeof selectAssessments>['execute']>>[number]

function allowedActions(actor: Actor, status: ParAssessmentRow['status']): ParAssessment['allowedActions'] {
  return PAR_WORKFLOW.allowedFrom(status).filter((op) => can(actor, OPERATION_PERMISSION[op]))
}

function toAssessment(r: SelectedAssessment, totals: ParAssessment['totals'], actor: Actor): ParAssessment {
  const a = r.a
  return {
    id: a.id,
    year: a.year,
    status: a.status,
    criteriaSet: { id: r.set.id, name: r.set.name, year: r.set.year, isSample: r.set.isSample, issuedBy: r.set.issuedBy },
    totals,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    submittedBy: r.submittedBy?.id ? r.submittedBy : null,
    appraisedAt: a.appraisedAt?.toISOString() ?? null,
    appraisedBy: r.appraisedBy?.id ? r.appraisedBy : null,
    allowedActions: allowedActions(actor, a.status),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  }
}

/** The list with each year's totals, summed by the database over the leaves (one grouped subquery). */
export async function listAssessments(db: Db, actor: Actor, query: ParAssessmentQuery) {
  requirePermission(actor, 'par.read')
  const page = keyset([{ column: parAssessments.year, read: (r: SelectedAssessment) => r.a.year }], query, 'desc')
  const rows = await selectAssessments(db).where(page.where).orderBy(desc(parAssessments.year)).limit(page.limit)
  const ids = rows.map((r) => r.a.id)
  const sums = ids.length
    ? await db
        .select({
          id: parAssessments.id,
          leaves: sql<number>`count(c.id)::int`,
          scored: sql<number>`count(s.self_score)::int`,
          self: sql<number>`coalesce(sum(s.self_score), 0)::float8`,
          appraised: sql<number | null>`case when count(s.appraised_score) > 0 then coalesce(sum(coalesce(s.appraised_score, s.self_score)), 0) end::float8`,
          lost: sql<number>`coalesce(sum(c.max_points - coalesce(s.appraised_score, s.self_score)), 0)::float8`,
        })
        .from(parAssessments)
        .innerJoin(sql`${parCriteria} c`, sql`c.set_id = ${parAssessments.setId} and c.is_leaf`)
        .leftJoin(sql`${parScores} s`, sql`s.assessment_id = ${parAssessments.id} and s.criterion_id = c.id`)
        .where(sql`${parAssessments.id} in ${ids}`)
        .groupBy(parAssessments.id)
    : []
  const byId = new Map(sums.map((s) => [s.id, s]))
  return page.page(rows, (r) => {
    const s = byId.get(r.a.id)
    return toAssessment(
      r,
      {
        maxPoints: Number(r.set.maxPoints),
        selfScore: round2(Number(s?.self ?? 0)),
        appraisedScore: s?.appraised === null || s?.appraised === undefined ? null : round2(Number(s.appraised)),
        pointsLost: round2(Number(s?.lost ?? 0)),
        leaves: Number(s?.leaves ?? 0),
        scored: Number(s?.scored ?? 0),
      },
      actor,
    )
  })
}

async function findAssessment(db: Db, id: string, forUpdate = false): Promise<SelectedAssessment> {
  const query = selectAssessments(db).where(eq(parAssessments.id, id))
  const [row] = forUpdate ? await query.for('update', { of: parAssessments }) : await query
  if (!row) throw notFound('par-assessment', id)
  return row
}

/** The set's criteria with this assessment's scores, in tree order: one query. */
function scoredCriteria(db: Db, assessmentId: string, setId: string) {
  return db
    .select({ c: parCriteria, s: parScores })
    .from(parCriteria)
    .leftJoin(parScores, and(eq(parScores.criterionId, parCriteria.id), eq(parScores.assessmentId, assessmentId)))
    .where(eq(parCriteria.setId, setId))
    .orderBy(asc(parCriteria.position))
}

type TreeRow = { c: ParCriterionRow; s: ParScoreRow | null }

/**
 * Scores and running totals for every node, bottom-up: a leaf's points lost are
 * max − (appraised ?? self) once it is scored; a parent sums its children.
 */
function buildTree(rows: TreeRow[], figures: Map<ParDataSource, ParFigure>, files: Awaited<ReturnType<typeof attachmentsByIds>>) {
  const nodes: ParScoredCriterion[] = rows.map(({ c, s }) => {
    const self = s?.selfScore ?? null
    const appraised = s?.appraisedScore ?? null
    const basis = appraised ?? self
    return {
      ...toCriterion(c),
      selfScore: c.isLeaf ? self : null,
      appraisedScore: c.isLeaf ? appraised : null,
      pointsLost: c.isLeaf && basis !== null ? round2(Number(c.maxPoints) - basis) : null,
      evidenceText: s?.evidenceText ?? null,
      evidenceUrl: s?.evidenceUrl ?? null,
      attachments: (s?.attachmentIds ?? []).map((id) => files.get(id)).filter((f) => f !== undefined),
      note: s?.note ?? null,
      appraisalNote: s?.appraisalNote ?? null,
      figure: c.dataSource ? (figures.get(c.dataSource) ?? null) : null,
    }
  })
  // A parent's appraised score: its leaves' appraised scores, the self score where the
  // appraisal left a leaf as it was; null while none of its leaves is appraised.
  const basis = nodes.map((n) => (n.isLeaf ? (n.appraisedScore ?? n.selfScore) : null))
  const appraisedAny = nodes.map((n) => n.isLeaf && n.appraisedScore !== null)
  const index = new Map(nodes.map((n, i) => [n.id, i]))
  const add = (a: number | null, b: number | null) => (b === null ? a : round2((a ?? 0) + b))
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]
    const p = n.parentId ? index.get(n.parentId) : undefined
    if (!n.isLeaf) n.appraisedScore = appraisedAny[i] ? basis[i] : null
    if (p === undefined) continue
    const parent = nodes[p]
    parent.selfScore = add(parent.selfScore, n.selfScore)
    parent.pointsLost = add(parent.pointsLost, n.pointsLost)
    basis[p] = add(basis[p], basis[i])
    appraisedAny[p] ||= appraisedAny[i]
  }
  const leaves = nodes.filter((n) => n.isLeaf)
  const sum = (values: (number | null)[]) => values.reduce<number | null>((t, v) => add(t, v), null)
  const appraised = leaves.some((n) => n.appraisedScore !== null)
  const totals: ParAssessment['totals'] = {
    maxPoints: round2(nodes.filter((n) => n.depth === 0).reduce((t, n) => t + n.maxPoints, 0)),
    selfScore: sum(leaves.map((n) => n.selfScore)) ?? 0,
    appraisedScore: appraised ? (sum(leaves.map((n) => n.appraisedScore ?? n.selfScore)) ?? 0) : null,
    pointsLost: sum(leaves.map((n) => n.pointsLost)) ?? 0,
    leaves: leaves.length,
    scored: leaves.filter((n) => n.selfScore !== null).length,
  }
  return { nodes, totals }
}

async function detail(db: Db, actor: Actor, r: SelectedAssessment, env: ServiceEnv): Promise<ParAssessmentDetail> {
  const rows = await scoredCriteria(db, r.a.id, r.a.setId)
  const sources = new Set(rows.map((x) => x.c.dataSource).filter((s) => s !== null))
  const [figures, files] = await Promise.all([yearFigures(db, actor, r.a.year, sources, env), attachmentsByIds(db, rows.flatMap((x) => x.s?.attachmentIds ?? []))])
  const { nodes, totals } = buildTree(rows, figures, files)
  return { ...toAssessment(r, totals, actor), criteria: nodes }
}

export async function getAssessment(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<ParAssessmentDetail> {
  requirePermission(actor, 'par.read')
  return detail(db, actor, await findAssessment(db, id), env)
}

async function topUnit(db: Db): Promise<string> {
  const [root] = await db.select({ id: orgUnits.id }).from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.path)).limit(1)
  if (!root) throw notFound('unit')
  return root.id
}

export async function createAssessment(db: Db, actor: Actor, input: CreateParAssessment, env: ServiceEnv): Promise<ParAssessmentDetail> {
  requirePermission(actor, 'par.self_assess')
  return db.transaction(async (tx) => {
    const [set] = await tx.select({ id: parCriteriaSets.id }).from(parCriteriaSets).where(eq(parCriteriaSets.id, input.criteriaSetId))
    await requireReference('criteriaSetId', 'par-criteria-set', set)
    const [dup] = await tx.select({ id: parAssessments.id }).from(parAssessments).where(eq(parAssessments.year, input.year))
    if (dup) throw conflict('par.assessment-exists', { year: input.year })
    const [row] = await tx
      .insert(parAssessments)
      .values({ year: input.year, setId: input.criteriaSetId, orgUnitId: await topUnit(tx), createdById: actor.via === 'system' ? null : actor.userId, createdAt: env.now, updatedAt: env.now })
      .returning({ id: parAssessments.id })
    const after = await detail(tx, actor, await findAssessment(tx, row.id), env)
    await recordAudit(tx, actor, { action: 'par_assessment.create', entityType: 'par_assessment', entityId: row.id, after: { year: after.year, criteriaSet: after.criteriaSet } })
    return after
  })
}

/** Locks the assessment, then checks who, the version and the status, in that order. */
async function lockFor(tx: Db, actor: Actor, id: string, op: keyof typeof OPERATION_PERMISSION, expectedVersion: number | undefined) {
  requirePermission(actor, OPERATION_PERMISSION[op])
  const r = await findAssessment(tx, id, true)
  assertVersion(r.a, expectedVersion)
  PAR_WORKFLOW.assert(op, r.a.status)
  return r
}

async function findCriterion(tx: Db, setId: string, criterionId: string, path?: string) {
  const [c] = await tx.select().from(parCriteria).where(and(eq(parCriteria.id, criterionId), eq(parCriteria.setId, setId)))
  if (!c) {
    if (path) return requireReference(path, 'par-criterion', c)
    throw notFound('par-criterion', criterionId)
  }
  if (!c.isLeaf) throw unprocessable('par.not-a-leaf', { code: c.code })
  return c
}

function assertWithinMax(c: ParCriterionRow, score: number | null, path: string) {
  if (score !== null && score > Number(c.maxPoints) + 1e-9) {
    throw unprocessable('par.score-over-max', { code: c.code, max: Number(c.maxPoints) }, [fieldError(path, 'par.field-score-max', { max: Number(c.maxPoints) })])
  }
}

const bump = (tx: Db, r: SelectedAssessment, env: ServiceEnv, set: Partial<ParAssessmentRow> = {}) =>
  tx.update(parAssessments).set({ ...set, version: r.a.version + 1, updatedAt: env.now }).where(eq(parAssessments.id, r.a.id))

/** The self score of one leaf, with its evidence and note; points above 0 need evidence. */
export async function scoreCriterion(db: Db, actor: Actor, id: string, criterionId: string, expectedVersion: number | undefined, input: SelfScore, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const r = await lockFor(tx, actor, id, 'score', expectedVersion)
    const c = await findCriterion(tx, r.a.setId, criterionId)
    const score = input.selfScore === null ? null : round2(input.selfScore)
    assertWithinMax(c, score, 'selfScore')
    const evidenceText = input.evidenceText?.trim() || null
    const evidenceUrl = input.evidenceUrl?.trim() || null
    const attachmentIds = [...new Set(input.attachmentIds ?? [])]
    if (score !== null && score > 0 && !evidenceText && !evidenceUrl && !attachmentIds.length) {
      throw unprocessable('par.evidence-required', { code: c.code, title: c.title }, [fieldError('evidenceText', 'par.field-evidence-required')])
    }
    await claimAttachments(tx, actor, attachmentIds, r.a.orgUnitId, 'attachmentIds')
    const [before] = await tx.select().from(parScores).where(and(eq(parScores.assessmentId, id), eq(parScores.criterionId, criterionId)))
    const values = { selfScore: score, evidenceText, evidenceUrl, attachmentIds, note: input.note?.trim() || null, updatedById: actor.userId, updatedAt: env.now }
    await tx
      .insert(parScores)
      .values({ assessmentId: id, criterionId, ...values })
      .onConflictDoUpdate({ target: [parScores.assessmentId, parScores.criterionId], set: values })
    await bump(tx, r, env)
    const after = await detail(tx, actor, await findAssessment(tx, id), env)
    const pick = (s?: Partial<ParScoreRow>) => (s ? { selfScore: s.selfScore ?? null, evidenceText: s.evidenceText ?? null, evidenceUrl: s.evidenceUrl ?? null, attachmentIds: s.attachmentIds ?? [], note: s.note ?? null } : null)
    await recordAudit(tx, actor, { action: 'par_assessment.score', entityType: 'par_assessment', entityId: id, before: before ? { code: c.code, ...pick(before) } : null, after: { code: c.code, ...pick(values) } })
    return after
  })
}

/** Freezes the self scores: every leaf must be scored (0 is a score). */
export async function submitAssessment(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const r = await lockFor(tx, actor, id, 'submit', expectedVersion)
    const unscored = (await scoredCriteria(tx, id, r.a.setId)).filter((x) => x.c.isLeaf && (x.s?.selfScore ?? null) === null).map((x) => x.c.code)
    if (unscored.length) throw unprocessable('par.unscored', { count: unscored.length, codes: unscored.slice(0, 10) })
    await bump(tx, r, env, { status: PAR_WORKFLOW.to('submit'), submittedAt: env.now, submittedById: actor.userId })
    const after = await detail(tx, actor, await findAssessment(tx, id), env)
    await recordAudit(tx, actor, { action: 'par_assessment.submit', entityType: 'par_assessment', entityId: id, before: { status: r.a.status }, after: { status: after.status, totals: after.totals } })
    return after
  })
}

/** Back to draft (a manager), for a correction before the appraisal. */
export async function reopenAssessment(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const r = await lockFor(tx, actor, id, 'reopen', expectedVersion)
    await bump(tx, r, env, { status: PAR_WORKFLOW.to('reopen'), submittedAt: null, submittedById: null })
    const after = await detail(tx, actor, await findAssessment(tx, id), env)
    await recordAudit(tx, actor, { action: 'par_assessment.reopen', entityType: 'par_assessment', entityId: id, before: { status: r.a.status }, after: { status: after.status } })
    return after
  })
}

/** The province's appraised scores of some leaves (a manager), entered once the self-assessment is submitted. */
export async function appraiseAssessment(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: Appraisal, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const r = await lockFor(tx, actor, id, 'appraise', expectedVersion)
    const changes: { code: string; appraisedScore: number | null; note: string | null }[] = []
    for (const [i, s] of input.scores.entries()) {
      const c = await findCriterion(tx, r.a.setId, s.criterionId, `scores.${i}.criterionId`)
      const score = s.appraisedScore === null ? null : round2(s.appraisedScore)
      assertWithinMax(c, score, `scores.${i}.appraisedScore`)
      const values = { appraisedScore: score, appraisalNote: s.note?.trim() || null, updatedById: actor.userId, updatedAt: env.now }
      await tx
        .insert(parScores)
        .values({ assessmentId: id, criterionId: c.id, ...values })
        .onConflictDoUpdate({ target: [parScores.assessmentId, parScores.criterionId], set: values })
      changes.push({ code: c.code, appraisedScore: score, note: values.appraisalNote })
    }
    await bump(tx, r, env, { status: PAR_WORKFLOW.to('appraise'), appraisedAt: env.now, appraisedById: actor.userId })
    const after = await detail(tx, actor, await findAssessment(tx, id), env)
    await recordAudit(tx, actor, { action: 'par_assessment.appraise', entityType: 'par_assessment', entityId: id, before: { status: r.a.status }, after: { status: after.status, scores: changes, totals: after.totals } })
    return after
  })
}

// ---- remediation ----------------------------------------------------------------------------

const points = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 })

/**
 * The remediation candidates of a year: every leaf that lost points, most first, with
 * the content of the task that would take it up. This is the extension point of the
 * remediation plan: the plans module turns a candidate into a plan task.
 */
export async function remediationCandidates(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<Remediation> {
  requirePermission(actor, 'par.read')
  const r = await findAssessment(db, id)
  const { criteria } = await detail(db, actor, r, env)
  const byId = new Map(criteria.map((c) => [c.id, c]))
  const areaOf = (c: ParScoredCriterion): ParScoredCriterion => (c.parentId ? areaOf(byId.get(c.parentId)!) : c)
  const lost = criteria.filter((c) => c.isLeaf && (c.pointsLost ?? 0) > 0)
  const tasks = await tasksFromSources(db, actor, 'par_criterion', lost.map((c) => c.id))
  const items: RemediationCandidate[] = lost
    .map((c) => {
      const score = (c.appraisedScore ?? c.selfScore)!
      const area = areaOf(c)
      return {
        criterionId: c.id,
        code: c.code,
        title: c.title,
        area: { code: area.code, title: area.title },
        maxPoints: c.maxPoints,
        score,
        pointsLost: c.pointsLost!,
        note: c.appraisalNote ?? c.note,
        suggestedTask: `Khắc phục hạn chế, thiếu sót của tiêu chí ${c.code} “${c.title}” (đạt ${points(score)}/${points(c.maxPoints)} điểm, chưa đạt ${points(c.pointsLost!)} điểm)`,
        tasks: tasks.get(c.id) ?? [],
      }
    })
    .sort((a, b) => b.pointsLost - a.pointsLost || a.code.localeCompare(b.code, 'en', { numeric: true }))
  return {
    assessmentId: r.a.id,
    year: r.a.year,
    basis: r.a.status === 'appraised' ? 'appraised' : 'self',
    title: `Kế hoạch khắc phục những hạn chế, thiếu sót của các tiêu chí chưa đạt điểm chuẩn về Chỉ số cải cách hành chính năm ${r.a.year}`,
    items,
  }
}
