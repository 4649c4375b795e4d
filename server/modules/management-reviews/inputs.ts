/**
 * The inputs of a management review (ISO 9001:2015 clause 9.3.2), assembled from the
 * records of its period and its unit's subtree, one section per item. Each figure comes
 * from the module that already counts it: the compliance summary (dossiers on time,
 * inspections, findings, nonconformities, complaints) and clause coverage from reports/,
 * indicator values from objectives/, document changes from documents/, the register's
 * figures from risks/, internal audits from the inspection list. Only the status of the
 * earlier reviews' actions is this module's own.
 *
 * A draft review shows these figures as of now; holding it stores them (`frozen: true`)
 * in the review, so records entered later never change its minutes.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { agencyToday, localDate, type ServiceEnv } from '../../lib/clock.ts'
import { systemActor } from '../../lib/permissions.ts'
import { localDayRange } from '../calendar/working-days.ts'
import { documentChanges } from '../documents/changes.ts'
import { listInspections } from '../inspections/service.ts'
import { objectiveResults } from '../objectives/period-results.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { clauseCoverage } from '../reports/clause-coverage.ts'
import { complianceSummary } from '../reports/compliance.ts'
import { findingCountsScan } from '../findings/finding-rollups.ts'
import { riskPeriodFigures } from '../risks/review-figures.ts'
import type { ReviewInputs } from './schemas.ts'

export const reviewCode = (n: number) => `XXLĐ-${String(n).padStart(4, '0')}`

/** What the inputs depend on: the review's unit, period, and its place among the unit's reviews. */
export interface InputScope {
  reviewId: string
  number: number
  orgUnitId: string
  /** The unit is the top of the organisation: the risks of a process only count too. */
  wholeAgency: boolean
  periodFrom: string
  periodTo: string
  meetingDate: string
}

/** Figures every reader sees alike, whoever asks: the review's scope, not the reader's, decides them. */
const reader = systemActor

export async function computeInputs(db: Db, scope: InputScope, env: ServiceEnv): Promise<ReviewInputs> {
  const { orgUnitId: unitId, periodFrom: from, periodTo: to } = scope
  const today = agencyToday(env)
  const { start, end } = localDayRange(from, to, env.config.timeZone)
  const auditFindings = sql` and f.inspection_id in (select i.id from inspections i where i.kind = 'internal_audit') and ${inSubtreeOf(sql`f.org_unit_id`, unitId)}`
  const [summary, auditCounts, audits, changes, coverage, objectives, risks, previousActions] = await Promise.all([
    complianceSummary(db, reader, { from, to, orgUnitId: unitId }, env),
    findingCountsScan(db, from, to, auditFindings),
    listInspections(db, reader, { kind: 'internal_audit', from, to, orgUnitId: unitId, limit: 100 }),
    documentChanges(db, unitId, start, end, env.config.timeZone),
    clauseCoverage(db, reader),
    objectiveResults(db, unitId, from, to, env),
    riskPeriodFigures(db, { unitId, withoutUnit: scope.wholeAgency }, { from, to, start, end, today }, env.config),
    earlierActions(db, scope, start, today, env.config.timeZone),
  ])
  const measured = objectives.flatMap((o) => o.periods).filter((p) => p.value !== null)
  const { opportunitiesRecorded, opportunitiesOpen, ...riskFigures } = risks
  return {
    frozen: false,
    computedAt: env.now.toISOString(),
    asOf: today,
    from,
    to,
    previousActions,
    changes: { ...changes, clauseCoverage: coverage.summary },
    complaints: summary.complaints,
    objectives: {
      indicators: objectives.length,
      periodsMeasured: measured.length,
      periodsOnTarget: measured.filter((p) => p.onTarget).length,
      items: objectives,
    },
    processPerformance: { dossiers: summary.dossiers, inspections: summary.inspections, criteria: summary.criteria.overall },
    nonconformities: { metrics: summary.nonconformities, overdueActions: summary.overdueActions.total },
    audits: {
      total: audits.items.length,
      completed: audits.items.filter((i) => i.status === 'completed').length,
      findings: { total: auditCounts.total, open: auditCounts.open, byClassification: auditCounts.byClassification },
      items: audits.items.slice(0, 30).map((i) => ({
        id: i.id,
        number: i.number,
        unit: i.orgUnit.name,
        date: i.inspectionDate,
        status: i.status,
        score: i.score,
        findingCount: i.findingCount,
      })),
    },
    risks: riskFigures,
    improvements: { findings: summary.findings.byClassification.improvement_opportunity, opportunitiesRecorded, opportunitiesOpen },
  }
}

/**
 * 9.3.2 a: the actions decided by the earlier reviews of the unit's subtree (held before
 * this one), open ones and those done since the period began, oldest review first.
 */
async function earlierActions(db: Db, scope: InputScope, start: Date, today: string, timeZone: string): Promise<ReviewInputs['previousActions']> {
  const rows = await queryRows<{ review_id: string; number: number; id: string; description: string; owner: string; due_date: string; status: 'open' | 'done'; completed_at: Date | string | null }>(
    db,
    sql`select r.id as review_id, r.number, d.id, d.description, o.full_name as owner, to_char(d.due_date, 'YYYY-MM-DD') as due_date, d.status, d.completed_at
          from management_review_decisions d
          join management_reviews r on r.id = d.review_id
          join users o on o.id = d.owner_id
         where d.owner_id is not null and r.id <> ${scope.reviewId} and r.status <> 'draft'
           and (r.meeting_date < ${scope.meetingDate}::date or (r.meeting_date = ${scope.meetingDate}::date and r.number < ${scope.number}))
           and ${inSubtreeOf(sql`r.org_unit_id`, scope.orgUnitId)}
           and (d.status = 'open' or d.completed_at >= ${start.toISOString()}::timestamptz)
         order by r.meeting_date, r.number, d.created_at, d.id
         limit 200`,
  )
  const items = rows.map((r) => ({
    reviewId: r.review_id,
    reviewCode: reviewCode(r.number),
    decisionId: r.id,
    description: r.description,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status === 'open' && r.due_date < today,
    completedOn: r.completed_at ? localDate(new Date(r.completed_at), timeZone) : null,
  }))
  return {
    total: items.length,
    done: items.filter((i) => i.status === 'done').length,
    open: items.filter((i) => i.status === 'open').length,
    overdue: items.filter((i) => i.overdue).length,
    items,
  }
}
