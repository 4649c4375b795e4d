/**
 * Import of dossiers from a one-stop-shop system's export (CSV or XLSX), in steps:
 *
 * 1. readImportFile (import-file.ts): the heading row and every row's cells, typed;
 * 2. validateImport: every row checked against the catalogue, the dates and the caller's
 *    rights (rows → errors);
 * 3. planImport: each valid row's life replayed through the dossier workflow in memory,
 *    giving what will be created, what changes and what is left as it is;
 * 4. writeImport: the plan written in one transaction.
 *
 * importDossiers composes them, reading from the database only what the checks need.
 *
 * - Idempotent by dossier code: a known code is updated (its timeline rebuilt from the
 *   row), an unchanged row writes nothing, a new code is created.
 * - All or nothing: every row is checked first; one bad row and nothing is written, the
 *   answer lists every problem as (row, column, message).
 * - Fast: a handful of queries per 1,000 rows, never one per row.
 */
import { eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { dossierEvents, dossiers, orgUnits, procedures, type Channel, type DossierStatus } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { HttpProblem, type ParamsArg } from '../../lib/problems.ts'
import { MIME, type UploadedFile } from '../../lib/uploads.ts'
import { recordAudit } from '../audit-log/service.ts'
import { loadWorkingCalendar } from '../calendar/service.ts'
import type { WorkingCalendar } from '../calendar/working-days.ts'
import type { DossierAction, ImportReport, ImportRowError } from './schemas.ts'
import { bulkInsert, type BulkColumn } from './bulk-write.ts'
import { readImportFile, rowError, yieldToLoop, YIELD_EVERY, type DateField, type FieldName, type ImportRow, type ImportSheet } from './import-file.ts'
import { canWriteDossier } from './service.ts'
import { applyAction, DOSSIER_WORKFLOW, type DossierState } from './workflow.ts'
import { refreshDossierStats } from './dossier-rollups.ts'
import { missingReference } from '../../lib/references.ts'
import { timeOrderedIds } from '../../lib/time-ordered-ids.ts'

/** What the route read from the upload. */
export interface ImportUpload {
  file: UploadedFile
  dryRun: boolean
  receivingUnitId?: string
}

interface ProcedureInfo {
  id: string
  owningUnitId: string
  processingDays: number
  unitPath: string
  unitCode: string
}

interface ExistingDossier {
  id: string
  code: string
  version: number
  receivingUnitId: string | null
  receivingPath: string | null
  unitPath: string
  values: Record<string, unknown>
}

type EventInsert = typeof dossierEvents.$inferInsert
type DossierInsert = typeof dossiers.$inferInsert

/** The columns compared to decide whether a re-imported row changes anything. */
const COMPARED = [
  'procedureId', 'orgUnitId', 'applicantName', 'channel', 'receivedAt', 'dueAt', 'dueAtReason', 'status', 'timeliness',
  'resolvedAt', 'returnedAt', 'rejectedAt', 'withdrawnAt', 'pausedAt', 'pausedWorkingDays', 'note',
] as const

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : (a ?? null) === (b ?? null)

const MAX_ERRORS = 1000
const DEFAULT_DUE_REASON = 'Hạn theo hệ thống một cửa (nhập từ tệp)'

/** How far an import is, for the background job's progress bar. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'planning' | 'writing'
  rowsRead: number
  rowsTotal?: number
  /** 0–1 over the whole import. */
  fraction: number
}

/** A background job watching the import: told its progress, and able to stop it before it writes. */
export interface ImportObserver {
  progress(progress: ImportProgress): void
  /** Checked between steps and while reading; the import throws its reason once aborted. */
  signal?: AbortSignal
  /** Recorded with the audit entry of the import. */
  jobId?: string
}

// Share of the whole each phase takes, measured on a 50,000-row file: reading the file is most of it.
const READ_SHARE = 0.6
const CHECK_SHARE = 0.15
const PLAN_SHARE = 0.1

export async function importDossiers(db: Db, actor: Actor, upload: ImportUpload, env: ServiceEnv, observer?: ImportObserver): Promise<ImportReport> {
  const hours = env.config
  requirePermission(actor, 'dossier.write')
  const signal = observer?.signal
  const size = Math.max(1, upload.file.bytes.length)
  const sheet = await readImportFile(upload.file.bytes, upload.file.contentType === MIME.csv ? 'csv' : 'xlsx', hours, {
    maxRows: env.config.importMaxRows,
    maxUncompressedBytes: env.config.importMaxUncompressedBytes,
    onRead: (bytesRead, rowsRead) => {
      signal?.throwIfAborted()
      observer?.progress({ phase: 'reading', rowsRead, fraction: READ_SHARE * Math.min(1, bytesRead / size) })
    },
  })
  signal?.throwIfAborted()
  const rowsTotal = sheet.rows.length
  observer?.progress({ phase: 'checking', rowsRead: rowsTotal, rowsTotal, fraction: READ_SHARE })
  const report = (errors: ImportRowError[], committed: boolean, created = 0, updated = 0, unchanged = 0): ImportReport => ({
    dryRun: upload.dryRun,
    committed,
    format: sheet.format,
    rows: sheet.rows.length,
    created,
    updated,
    unchanged,
    errors,
    columns: sheet.columns,
  })
  if (sheet.errors.length) return finish(report(sheet.errors, false), upload.dryRun)

  const context = await loadContext(db, actor, upload.receivingUnitId, sheet.rows, env)
  const checked = await validateImport(sheet, context, actor)
  signal?.throwIfAborted()
  observer?.progress({ phase: 'planning', rowsRead: rowsTotal, rowsTotal, fraction: READ_SHARE + CHECK_SHARE })
  const plan = await planImport(checked.valid, sheet, context, actor)
  signal?.throwIfAborted()
  // Row by row, as the file reads; a row the plan rejects had no other problem.
  const errors = [...checked.errors, ...plan.errors].sort((a, b) => a.row - b.row).slice(0, MAX_ERRORS)
  const created = plan.writes.filter((w) => !w.existing).length
  const updated = plan.writes.length - created
  if (errors.length || upload.dryRun) return finish(report(errors, false, created, updated, plan.unchanged), upload.dryRun)

  // Past this point the import is not aborted: the write is one transaction, all or nothing.
  observer?.progress({ phase: 'writing', rowsRead: rowsTotal, rowsTotal, fraction: READ_SHARE + CHECK_SHARE + PLAN_SHARE })
  await writeImport(db, actor, plan.writes, {
    ...(observer?.jobId ? { jobId: observer.jobId } : {}),
    file: upload.file.filename,
    sha256: upload.file.sha256,
    format: sheet.format,
    rows: sheet.rows.length,
    created,
    updated,
    unchanged: plan.unchanged,
  }, hours.timeZone)
  return report(errors, true, created, updated, plan.unchanged)
}

/** What the checks need from the database, read once per file: a handful of queries. */
export interface ImportContext {
  calendar: WorkingCalendar
  procedureByCode: Map<string, ProcedureInfo>
  /** The unit that received the dossiers: the one given, else the caller's. */
  receivingUnitId: string | null
  receivingPath: string | null
  /** Dossiers already recorded under the file's codes, by lower-case code. */
  existing: Map<string, ExistingDossier>
  now: Date
}

async function loadContext(db: Db, actor: Actor, receivingUnitIdGiven: string | undefined, rows: ImportRow[], env: ServiceEnv): Promise<ImportContext> {
  const calendar = await loadWorkingCalendar(db, env.config)
  const procedureByCode = new Map<string, ProcedureInfo>()
  for (const p of await db
    .select({ code: procedures.code, id: procedures.id, owningUnitId: procedures.owningUnitId, processingDays: procedures.processingDays, unitPath: orgUnits.path, unitCode: orgUnits.code })
    .from(procedures)
    .innerJoin(orgUnits, sql`${orgUnits.id} = ${procedures.owningUnitId}`)) {
    procedureByCode.set(p.code.toLowerCase(), p)
  }
  const receivingUnitId = receivingUnitIdGiven ?? actor.orgUnitId ?? null
  let receivingPath: string | null = null
  if (receivingUnitId) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(sql`${orgUnits.id} = ${receivingUnitId}`)
    if (!unit) throw missingReference('receivingUnitId', 'unit')
    receivingPath = unit.path
  }

  // Existing dossiers with these codes, in chunks.
  const codes = [...new Set(rows.map((r) => r.code.toLowerCase()).filter(Boolean))]
  const existing = new Map<string, ExistingDossier>()
  const handlingUnit = alias(orgUnits, 'handling_unit')
  const receivingUnit = alias(orgUnits, 'receiving_unit')
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000)
    const found = await db
      .select({ dossier: dossiers, unitPath: handlingUnit.path, receivingPath: receivingUnit.path })
      .from(dossiers)
      .innerJoin(handlingUnit, eq(handlingUnit.id, dossiers.orgUnitId))
      .leftJoin(receivingUnit, eq(receivingUnit.id, dossiers.receivingUnitId))
      .where(inArray(sql`lower(${dossiers.code})`, chunk))
    for (const f of found) {
      existing.set(f.dossier.code.toLowerCase(), {
        id: f.dossier.id,
        code: f.dossier.code,
        version: f.dossier.version,
        receivingUnitId: f.dossier.receivingUnitId,
        receivingPath: f.receivingPath,
        unitPath: f.unitPath,
        values: f.dossier as unknown as Record<string, unknown>,
      })
    }
  }
  return { calendar, procedureByCode, receivingUnitId, receivingPath, existing, now: env.now }
}

/** A row that passed every check, its values typed. */
export interface ValidRow {
  row: ImportRow
  code: string
  procedure: ProcedureInfo
  channel: Channel
  status: DossierStatus
  receivedAt: Date
  /** The due date the file gives, if any. */
  dueGiven: Date | null
  dates: LifeDates
  /** The dossier already recorded under this code. */
  known: ExistingDossier | undefined
}

/**
 * Checks every row: required values, the catalogue, dates (readable, not in the future,
 * fitting the status and in order) and the caller's right to record dossiers of the unit.
 * Every problem is listed, row by row.
 */
export async function validateImport(sheet: ImportSheet, context: ImportContext, actor: Actor): Promise<{ errors: ImportRowError[]; valid: ValidRow[] }> {
  const { headingOf } = sheet
  const errors: ImportRowError[] = []
  const valid: ValidRow[] = []
  const fail = <C extends Parameters<typeof rowError>[2]>(row: number, column: string | null, text: C, ...params: ParamsArg<C>) => {
    errors.push(rowError(row, column, text, ...params))
  }
  const seen = new Map<string, number>()
  let done = 0
  for (const row of sheet.rows) {
    if (++done % YIELD_EVERY === 0) await yieldToLoop()
    const r = row.number
    const rowErrorsBefore = errors.length
    const { code } = row
    if (!code) fail(r, headingOf('code'), 'import.row.required')
    else if (code.length > 100) fail(r, headingOf('code'), 'import.row.max-length', { limit: 100 })
    else if (seen.has(code.toLowerCase())) fail(r, headingOf('code'), 'import.row.duplicate-in-file', { row: seen.get(code.toLowerCase())! })
    else seen.set(code.toLowerCase(), r)

    const { procedureCode } = row
    const procedure = procedureCode ? context.procedureByCode.get(procedureCode.toLowerCase()) : undefined
    if (!procedureCode) fail(r, headingOf('procedureCode'), 'import.row.required')
    else if (!procedure) fail(r, headingOf('procedureCode'), 'import.row.unknown-procedure', { code: procedureCode })

    const { applicantName } = row
    if (!applicantName) fail(r, headingOf('applicantName'), 'import.row.required')
    else if (applicantName.length > 500) fail(r, headingOf('applicantName'), 'import.row.max-length', { limit: 500 })

    const { channelText, channel } = row
    if (!channelText) fail(r, headingOf('channel'), 'import.row.required')
    else if (!channel) fail(r, headingOf('channel'), 'import.row.channel', { value: channelText })

    const instant = (field: DateField, required = false): Date | null => {
      const cell = row.dates[field]
      if (!cell) {
        if (required) fail(r, headingOf(field), 'import.row.required')
        return null
      }
      const { value } = cell
      if (!value) {
        fail(r, headingOf(field), 'import.row.date-format', { value: cell.shown })
        return null
      }
      if (value > context.now) {
        fail(r, headingOf(field), 'import.row.future')
        return null
      }
      return value
    }
    const receivedAt = instant('receivedAt', true)
    const dueGiven = (() => {
      const cell = row.dates.dueAt
      if (!cell) return null
      if (!cell.value) fail(r, headingOf('dueAt'), 'import.row.date-format', { value: cell.shown })
      return cell.value ?? null
    })()
    const supplementRequestedAt = instant('supplementRequestedAt')
    const supplementReceivedAt = instant('supplementReceivedAt')
    const resolvedAt = instant('resolvedAt')
    const returnedAt = instant('returnedAt')
    const rejectedAt = instant('rejectedAt')
    const withdrawnAt = instant('withdrawnAt')

    // The status: as written, or from the dates.
    const { statusText } = row
    let status: DossierStatus | undefined
    if (statusText) {
      status = row.status
      if (!status) fail(r, headingOf('status'), 'import.row.status', { value: statusText })
    } else {
      status = withdrawnAt ? 'withdrawn' : rejectedAt ? 'rejected' : returnedAt ? 'returned' : resolvedAt ? 'resolved'
        : supplementRequestedAt && !supplementReceivedAt ? 'supplement_requested' : supplementReceivedAt ? 'processing' : 'received'
    }

    if (errors.length > rowErrorsBefore || !status || !receivedAt || !procedure || !channel) continue

    // Dates must fit the status and follow each other.
    // Each date a status needs, with the status whose wording says why.
    const needs: [boolean, FieldName, DossierStatus][] = [
      [status === 'resolved' || status === 'returned', 'resolvedAt', 'resolved'],
      [status === 'returned', 'returnedAt', 'returned'],
      [status === 'rejected', 'rejectedAt', 'rejected'],
      [status === 'withdrawn', 'withdrawnAt', 'withdrawn'],
      [status === 'supplement_requested', 'supplementRequestedAt', 'supplement_requested'],
    ]
    const dates: Record<string, Date | null> = { resolvedAt, returnedAt, rejectedAt, withdrawnAt, supplementRequestedAt, supplementReceivedAt }
    for (const [needed, field, because] of needs) if (needed && !dates[field]) fail(r, headingOf(field), 'import.row.required-for-status', { status: because })
    const forbiddenFor: [FieldName, DossierStatus[]][] = [
      ['resolvedAt', ['resolved', 'returned']],
      ['returnedAt', ['returned']],
      ['rejectedAt', ['rejected']],
      ['withdrawnAt', ['withdrawn']],
    ]
    for (const [field, statuses] of forbiddenFor) {
      if (dates[field] && !statuses.includes(status)) fail(r, headingOf(field), 'import.row.status-mismatch', { status })
    }
    if (supplementReceivedAt && !supplementRequestedAt) fail(r, headingOf('supplementReceivedAt'), 'import.row.needs', { column: headingOf('supplementRequestedAt') })
    if (status === 'supplement_requested' && supplementReceivedAt) fail(r, headingOf('supplementReceivedAt'), 'import.row.supplement-awaited')
    const order: [FieldName, Date | null][] = [
      ['supplementRequestedAt', supplementRequestedAt],
      ['supplementReceivedAt', supplementReceivedAt],
      ['resolvedAt', resolvedAt],
      ['returnedAt', returnedAt],
    ]
    let previous: [FieldName, Date] = ['receivedAt', receivedAt]
    for (const [field, value] of order) {
      if (!value) continue
      if (value < previous[1]) fail(r, headingOf(field), 'import.row.before', { column: headingOf(previous[0]) })
      previous = [field, value]
    }
    for (const [field, value] of [['rejectedAt', rejectedAt], ['withdrawnAt', withdrawnAt]] as const) {
      const after = supplementReceivedAt ?? supplementRequestedAt ?? receivedAt
      if (value && value < after) fail(r, headingOf(field), 'import.row.before', { column: headingOf(supplementReceivedAt ? 'supplementReceivedAt' : supplementRequestedAt ? 'supplementRequestedAt' : 'receivedAt') })
    }
    if (dueGiven && dueGiven < receivedAt) fail(r, headingOf('dueAt'), 'import.row.before', { column: headingOf('receivedAt') })

    const known = context.existing.get(code.toLowerCase())
    const allowed = known
      ? canWriteDossier(actor, known.unitPath, known.receivingPath) && canWriteDossier(actor, procedure.unitPath, known.receivingPath)
      : canWriteDossier(actor, procedure.unitPath, context.receivingPath)
    if (!allowed) fail(r, headingOf('procedureCode'), 'import.row.forbidden-unit', { unit: procedure.unitCode })
    if (errors.length > rowErrorsBefore) continue

    valid.push({ row, code, procedure, channel, status, receivedAt, dueGiven, dates: { supplementRequestedAt, supplementReceivedAt, resolvedAt, returnedAt, rejectedAt, withdrawnAt }, known })
  }
  return { errors, valid }
}

type DossierWrite = { insert: DossierInsert; events: EventInsert[]; existing?: ExistingDossier }

/** What the import will do: the dossiers to create or update with their timelines, and how many rows change nothing. */
export interface ImportPlan {
  writes: DossierWrite[]
  unchanged: number
  /** Rows whose dates do not lead to their status through the workflow. */
  errors: ImportRowError[]
}

/**
 * Replays each valid row's life through the dossier workflow in memory (the same state
 * machine as manual transitions) and compares the result with the dossier already
 * recorded under its code. Reads and writes nothing.
 */
export async function planImport(rows: ValidRow[], sheet: Pick<ImportSheet, 'headingOf'>, context: ImportContext, actor: Actor): Promise<ImportPlan> {
  const plan: ImportPlan = { writes: [], unchanged: 0, errors: [] }
  const { errors } = plan
  let done = 0
  // Enough for every row; a dossier already recorded keeps its id.
  const newIds = timeOrderedIds(rows.length, context.now)
  for (const valid of rows) {
    if (++done % YIELD_EVERY === 0) await yieldToLoop()
    const { row, code, procedure, channel, status, receivedAt, dueGiven, dates, known } = valid
    // Replay the dossier's life through the same state machine as manual transitions.
    const computedDue = context.calendar.dueAt(receivedAt, procedure.processingDays)
    const overridden = dueGiven !== null && Math.abs(dueGiven.getTime() - computedDue.getTime()) >= 60_000
    const initialDue = overridden ? dueGiven! : computedDue
    const life = replay(status, receivedAt, initialDue, dates, context.calendar)
    if (!life) {
      errors.push(rowError(row.number, sheet.headingOf('status'), 'import.row.dates-status', { status }))
      continue
    }
    const id = known?.id ?? newIds[done - 1]
    const insert: DossierInsert = {
      id,
      code,
      procedureId: procedure.id,
      orgUnitId: procedure.owningUnitId,
      receivingUnitId: known ? known.receivingUnitId : context.receivingUnitId,
      applicantName: row.applicantName,
      channel,
      receivedAt,
      dueAtReason: overridden ? row.dueAtReason || DEFAULT_DUE_REASON : null,
      ...life.state,
      note: row.note || null,
      source: 'import',
      createdAt: context.now,
      updatedAt: context.now,
    }
    if (known && COMPARED.every((c) => same(known.values[c], insert[c]))) {
      plan.unchanged++
      continue
    }
    const events: EventInsert[] = life.events.map((e, i) => ({
      dossierId: id,
      seq: i + 1,
      ...e,
      reason: e.type === 'rejected' || e.type === 'supplement_requested' ? row.reason || null : e.type === 'received' && overridden ? insert.dueAtReason : null,
      actorId: null,
      actorName: `${actor.fullName} (import)`,
      source: 'import' as const,
      recordedAt: context.now,
    }))
    plan.writes.push({ insert, events, existing: known })
  }
  return plan
}

/** What the audit log records of an import. */
export interface ImportSummary {
  /** The background job that ran it, if any. */
  jobId?: string
  file: string
  sha256: string
  format: ImportSheet['format']
  rows: number
  created: number
  updated: number
  unchanged: number
}

/**
 * Writes the plan in one transaction: dossiers, rebuilt timelines, the statistics rollups and one audit entry.
 * In key order: each index page a chunk touches is then read and written once, and the
 * new dossiers and all the events (time-ordered ids, time-ordered-ids.ts) go to the
 * right-hand pages of their indexes, which matters once the tables outgrow shared buffers.
 */
export async function writeImport(db: Db, actor: Actor, writes: DossierWrite[], summary: ImportSummary, timeZone: string) {
  const ordered = [...writes].sort((a, b) => (a.insert.id! < b.insert.id! ? -1 : a.insert.id! > b.insert.id! ? 1 : 0))
  const events = ordered.flatMap((w) => w.events)
  const eventIds = timeOrderedIds(events.length, events[0]?.recordedAt ?? new Date())
  events.forEach((e, i) => (e.id = eventIds[i]))
  await db.transaction(async (tx) => {
    // The planner's estimates for a chunk's statements (the contribution CTEs above all)
    // run to millions of rows, past jit_above_cost: each spent 1–2 s compiling for a few
    // thousand rows of work. work_mem: the rollups are corrected in one statement for the
    // whole file (dossier-rollups.ts), its aggregates then stay in memory.
    await tx.execute(sql`set local jit = off`)
    await tx.execute(sql`set local work_mem = '64MB'`)
    // Re-imported dossiers get their timeline rebuilt from the row.
    const replaced = ordered.filter((w) => w.existing).map((w) => w.insert.id!)
    for (let i = 0; i < replaced.length; i += 5000) await tx.delete(dossierEvents).where(inArray(dossierEvents.dossierId, replaced.slice(i, i + 5000)))
    await bulkInsert(tx, 'dossiers', DOSSIER_COLUMNS, ordered.map((w) => w.insert), {
      suffix: sql.raw(`on conflict (id) do update set ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, version = dossiers.version + 1`),
    })
    await bulkInsert(tx, 'dossier_events', EVENT_COLUMNS, events, { chunk: 20_000 })
    await refreshDossierStats(tx, ordered.map((w) => w.insert.id!), timeZone)
    await recordAudit(tx, actor, {
      action: 'dossier.import',
      entityType: 'dossier',
      after: {
        ...summary,
        codes: writes.length <= 200 ? writes.map((w) => w.insert.code) : undefined,
      },
    })
  })
}

/** With errors, a real import is a 422 carrying the report; a dry run answers 200 either way. */
function finish(report: ImportReport, dryRun: boolean): ImportReport {
  if (dryRun || !report.errors.length) return report
  const n = report.errors.length
  throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.has-errors', { count: n, more: n >= MAX_ERRORS }, undefined, {}, { rowErrors: report.errors })
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

const DOSSIER_COLUMNS: BulkColumn<DossierInsert>[] = [
  { column: 'id', type: 'uuid', value: (d) => d.id },
  { column: 'code', type: 'text', value: (d) => d.code },
  { column: 'procedure_id', type: 'uuid', value: (d) => d.procedureId },
  { column: 'org_unit_id', type: 'uuid', value: (d) => d.orgUnitId },
  { column: 'receiving_unit_id', type: 'uuid', value: (d) => d.receivingUnitId },
  { column: 'applicant_name', type: 'text', value: (d) => d.applicantName },
  { column: 'channel', type: 'text', value: (d) => d.channel },
  { column: 'received_at', type: 'timestamptz', value: (d) => d.receivedAt },
  { column: 'due_at', type: 'timestamptz', value: (d) => d.dueAt },
  { column: 'due_at_reason', type: 'text', value: (d) => d.dueAtReason },
  { column: 'status', type: 'text', value: (d) => d.status },
  { column: 'timeliness', type: 'text', value: (d) => d.timeliness },
  { column: 'resolved_at', type: 'timestamptz', value: (d) => d.resolvedAt },
  { column: 'returned_at', type: 'timestamptz', value: (d) => d.returnedAt },
  { column: 'rejected_at', type: 'timestamptz', value: (d) => d.rejectedAt },
  { column: 'withdrawn_at', type: 'timestamptz', value: (d) => d.withdrawnAt },
  { column: 'paused_at', type: 'timestamptz', value: (d) => d.pausedAt },
  { column: 'paused_working_days', type: 'int', value: (d) => d.pausedWorkingDays },
  { column: 'note', type: 'text', value: (d) => d.note },
  { column: 'source', type: 'text', value: (d) => d.source },
  { column: 'created_at', type: 'timestamptz', value: (d) => d.createdAt },
  { column: 'updated_at', type: 'timestamptz', value: (d) => d.updatedAt },
]
/** What a re-import overwrites (never the code, the receiving unit or the creation time). */
const UPDATED_COLUMNS = [...COMPARED.map(snake), 'source', 'updated_at']

const EVENT_COLUMNS: BulkColumn<EventInsert>[] = [
  { column: 'id', type: 'uuid', value: (e) => e.id },
  { column: 'dossier_id', type: 'uuid', value: (e) => e.dossierId },
  { column: 'seq', type: 'int', value: (e) => e.seq },
  { column: 'type', type: 'text', value: (e) => e.type },
  { column: 'at', type: 'timestamptz', value: (e) => e.at },
  { column: 'recorded_at', type: 'timestamptz', value: (e) => e.recordedAt },
  { column: 'actor_id', type: 'uuid', value: (e) => e.actorId },
  { column: 'actor_name', type: 'text', value: (e) => e.actorName },
  { column: 'reason', type: 'text', value: (e) => e.reason },
  { column: 'status_after', type: 'text', value: (e) => e.statusAfter },
  { column: 'due_at_after', type: 'timestamptz', value: (e) => e.dueAtAfter },
  { column: 'paused_working_days', type: 'int', value: (e) => e.pausedWorkingDays },
  { column: 'source', type: 'text', value: (e) => e.source },
]

interface LifeDates {
  supplementRequestedAt: Date | null
  supplementReceivedAt: Date | null
  resolvedAt: Date | null
  returnedAt: Date | null
  rejectedAt: Date | null
  withdrawnAt: Date | null
}

/** The dossier's state and timeline from its dates, through the workflow's own rules. */
function replay(target: DossierStatus, receivedAt: Date, dueAt: Date, dates: LifeDates, calendar: WorkingCalendar) {
  let state: DossierState = {
    status: 'received',
    dueAt,
    timeliness: null,
    resolvedAt: null,
    returnedAt: null,
    rejectedAt: null,
    withdrawnAt: null,
    pausedAt: null,
    pausedWorkingDays: 0,
  }
  const events: Omit<EventInsert, 'dossierId' | 'seq'>[] = [
    { type: 'received', at: receivedAt, statusAfter: 'received', dueAtAfter: dueAt, pausedWorkingDays: null },
  ]
  let possible = true
  const step = (action: DossierAction, at: Date) => {
    if (!possible || !DOSSIER_WORKFLOW.can(action, state.status)) {
      possible = false
      return
    }
    const applied = applyAction(state, action, at, calendar)
    state = applied.state
    events.push(applied.event)
  }
  // "Processing started" is recorded only when the export says no more than that.
  if (target === 'processing' && !dates.supplementRequestedAt) step('start-processing', receivedAt)
  if (dates.supplementRequestedAt) step('request-supplement', dates.supplementRequestedAt)
  if (dates.supplementReceivedAt) step('supplement-received', dates.supplementReceivedAt)
  if (dates.resolvedAt) step('resolve', dates.resolvedAt)
  if (dates.returnedAt) step('return-result', dates.returnedAt)
  if (dates.rejectedAt) step('reject', dates.rejectedAt)
  if (dates.withdrawnAt) step('withdraw', dates.withdrawnAt)
  return possible && state.status === target ? { state, events } : null
}
