import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { checklistTemplates } from './checklist-templates.ts'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { inspections } from './inspections.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/** draft: being put together; approved: signed off by a manager (its audits may still be rescheduled). */
export const AUDIT_PROGRAMME_STATUSES = ['draft', 'approved'] as const
export type AuditProgrammeStatus = (typeof AUDIT_PROGRAMME_STATUSES)[number]

/**
 * Stored statuses of a planned audit: planned (no inspection yet), scheduled (one
 * internal_audit inspection per unit was created), cancelled. The API also says
 * `completed` once every inspection of a scheduled audit is completed (computed).
 */
export const PROGRAMME_AUDIT_STATUSES = ['planned', 'scheduled', 'cancelled'] as const
export type ProgrammeAuditStatus = (typeof PROGRAMME_AUDIT_STATUSES)[number]

/**
 * The yearly internal audit programme (chương trình đánh giá nội bộ, ISO 9001:2015
 * clause 9.2): a numbered document a manager approves, listing the audits planned.
 */
export const auditProgrammes = pgTable(
  'audit_programmes',
  {
    id: id(),
    year: integer('year').notNull(),
    /** The document's number, e.g. `01/CT-BQL`. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    /** Objectives, criteria and method of the programme, in the agency's words. */
    objectives: text('objectives'),
    status: text('status').$type<AuditProgrammeStatus>().notNull().default('draft'),
    approvedById: uuid('approved_by_id').references(() => users.id, { onDelete: 'restrict' }),
    approvedAt: instant('approved_at'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('audit_programmes_number_key').on(sql`lower(${t.number})`),
    index('audit_programmes_year_idx').on(t.year, t.id),
    check('audit_programmes_status_valid', sql`${t.status} in (${inList(AUDIT_PROGRAMME_STATUSES)})`),
    check('audit_programmes_year_range', sql`${t.year} between 2000 and 2999`),
    check('audit_programmes_number_not_blank', sql`length(trim(${t.number})) > 0`),
    check('audit_programmes_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('audit_programmes_approved', sql`(${t.status} = 'approved') = (${t.approvedAt} is not null and ${t.approvedById} is not null)`),
  ],
)

export type AuditProgrammeRow = typeof auditProgrammes.$inferSelect

/** One audit of a programme: units, processes and clauses, dates, lead auditor (team in programme_audit_team). */
export const programmeAudits = pgTable(
  'programme_audits',
  {
    id: id(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => auditProgrammes.id, { onDelete: 'restrict' }),
    /** Its number within the programme (1, 2, …). */
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    /** The processes audited, in the agency's words. */
    processes: text('processes').array().notNull().default(sql`'{}'::text[]`),
    clauseNumbers: text('clause_numbers').array().notNull(),
    plannedFrom: date('planned_from', { mode: 'string' }).notNull(),
    plannedTo: date('planned_to', { mode: 'string' }).notNull(),
    leadAuditorId: uuid('lead_auditor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** The clause-based checklist its inspections are performed on. */
    templateId: uuid('template_id')
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: 'restrict' }),
    status: text('status').$type<ProgrammeAuditStatus>().notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    /** The conclusions of the audit report. */
    conclusion: text('conclusion'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('programme_audits_seq_key').on(t.programmeId, t.seq),
    index('programme_audits_lead_idx').on(t.leadAuditorId),
    index('programme_audits_template_idx').on(t.templateId),
    check('programme_audits_status_valid', sql`${t.status} in (${inList(PROGRAMME_AUDIT_STATUSES)})`),
    check('programme_audits_dates', sql`${t.plannedTo} >= ${t.plannedFrom}`),
    check('programme_audits_clauses', sql`cardinality(${t.clauseNumbers}) > 0`),
    check('programme_audits_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('programme_audits_cancel_reason', sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
  ],
)

export type ProgrammeAuditRow = typeof programmeAudits.$inferSelect

/** The units an audit covers; once scheduled, each has the internal_audit inspection that performs it. */
export const programmeAuditUnits = pgTable(
  'programme_audit_units',
  {
    auditId: uuid('audit_id')
      .notNull()
      .references(() => programmeAudits.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    inspectionId: uuid('inspection_id').references(() => inspections.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.auditId, t.orgUnitId] }),
    index('programme_audit_units_unit_idx').on(t.orgUnitId),
    uniqueIndex('programme_audit_units_inspection_key').on(t.inspectionId),
  ],
)

/** The audit team besides the lead auditor. */
export const programmeAuditTeam = pgTable(
  'programme_audit_team',
  {
    auditId: uuid('audit_id')
      .notNull()
      .references(() => programmeAudits.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.userId] }), index('programme_audit_team_user_idx').on(t.userId)],
)
