/**
 * Import of dossiers from a one-stop-shop system's export (CSV or XLSX).
 *
 * - Columns are recognised by their heading, in English or Vietnamese, ignoring case,
 *   diacritics and punctuation (the list is in docs/dossiers.md and HEADINGS below);
 *   title rows above the heading row are skipped.
 * - Idempotent by dossier code: a known code is updated (its timeline rebuilt from the
 *   row), an unchanged row writes nothing, a new code is created.
 * - All or nothing: every row is checked first; one bad row and nothing is written, the
 *   answer lists every problem as (row, column, message).
 * - Fast: a handful of queries per 1,000 rows, never one per row.
 */
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { FastifyRequest } from 'fastify'
import type { Db } from '../../../db/client.ts'
import { dossierEvents, dossiers, orgUnits, procedures, type Channel, type DossierStatus } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { HttpProblem, invalidField } from '../../lib/problems.ts'
import { MIME, readUpload, type UploadedFile } from '../../lib/uploads.ts'
import { recordAudit } from '../audit-log/service.ts'
import { loadWorkingCalendar } from '../calendar/service.ts'
import { zonedInstant, type OfficeHours, type WorkingCalendar } from '../calendar/working-days.ts'
import type { DossierAction, ImportReport, ImportRowError } from './schemas.ts'
import { bulkInsert, type BulkColumn } from './bulk-write.ts'
import { canWriteDossier } from './service.ts'
import { applyAction, DOSSIER_WORKFLOW, type DossierState } from './workflow.ts'
import { refreshDossierStats } from './dossier-rollups.ts'

// ---- headings -------------------------------------------------------------------

type FieldName =
  | 'code'
  | 'procedureCode'
  | 'applicantName'
  | 'channel'
  | 'receivedAt'
  | 'dueAt'
  | 'dueAtReason'
  | 'status'
  | 'supplementRequestedAt'
  | 'supplementReceivedAt'
  | 'resolvedAt'
  | 'returnedAt'
  | 'rejectedAt'
  | 'withdrawnAt'
  | 'reason'
  | 'note'

/** Accepted headings per field (compared after `fold`). The first is the canonical English one. */
export const HEADINGS: Record<FieldName, string[]> = {
  code: ['code', 'mã hồ sơ', 'số hồ sơ', 'mã số hồ sơ', 'số biên nhận'],
  procedureCode: ['procedureCode', 'procedure code', 'mã thủ tục', 'mã TTHC', 'mã thủ tục hành chính'],
  applicantName: ['applicantName', 'applicant', 'chủ hồ sơ', 'tên tổ chức, cá nhân', 'tổ chức, cá nhân', 'người nộp', 'người nộp hồ sơ', 'tên người nộp', 'tên doanh nghiệp'],
  channel: ['channel', 'kênh tiếp nhận', 'hình thức nộp', 'hình thức tiếp nhận', 'hình thức'],
  receivedAt: ['receivedAt', 'received at', 'ngày tiếp nhận', 'ngày nhận', 'thời gian tiếp nhận', 'ngày nộp'],
  dueAt: ['dueAt', 'due at', 'ngày hẹn trả', 'ngày hẹn trả kết quả', 'hạn giải quyết', 'hạn xử lý'],
  dueAtReason: ['dueAtReason', 'lý do điều chỉnh hạn'],
  status: ['status', 'trạng thái', 'tình trạng'],
  supplementRequestedAt: ['supplementRequestedAt', 'ngày yêu cầu bổ sung'],
  supplementReceivedAt: ['supplementReceivedAt', 'ngày nhận bổ sung'],
  resolvedAt: ['resolvedAt', 'resolved at', 'ngày có kết quả', 'ngày giải quyết', 'ngày hoàn thành', 'ngày xử lý xong'],
  returnedAt: ['returnedAt', 'returned at', 'ngày trả kết quả', 'ngày trả'],
  rejectedAt: ['rejectedAt', 'rejected at', 'ngày trả lại', 'ngày từ chối'],
  withdrawnAt: ['withdrawnAt', 'withdrawn at', 'ngày rút hồ sơ', 'ngày rút'],
  reason: ['reason', 'lý do'],
  note: ['note', 'ghi chú'],
}
const REQUIRED: FieldName[] = ['code', 'procedureCode', 'applicantName', 'channel', 'receivedAt']

/** Lower case, without diacritics (đ → d) or punctuation, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const HEADING_INDEX = new Map<string, FieldName>()
for (const [field, names] of Object.entries(HEADINGS) as [FieldName, string[]][]) {
  for (const name of names) {
    HEADING_INDEX.set(fold(name), field)
    HEADING_INDEX.set(fold(name).replace(/ /g, ''), field)
  }
}
const fieldOfHeading = (heading: string) => HEADING_INDEX.get(fold(heading)) ?? HEADING_INDEX.get(fold(heading).replace(/ /g, ''))

const CHANNEL_WORDS: [RegExp, Channel][] = [
  [/^(online|truc tuyen|dich vu cong truc tuyen|dvc truc tuyen|qua mang|muc [34])/, 'online'],
  [/^(postal|post|buu chinh|dich vu buu chinh|qua buu chinh|buu dien|bccI|bcci)/i, 'postal'],
  [/^(in person|inperson|in_person|truc tiep|tai quay|nop truc tiep)/, 'in_person'],
]
function parseChannel(value: string): Channel | undefined {
  const f = fold(value)
  return CHANNEL_WORDS.find(([re]) => re.test(f))?.[1]
}

const STATUS_WORDS: [RegExp, DossierStatus][] = [
  [/^(received|da tiep nhan|moi tiep nhan|tiep nhan)$/, 'received'],
  [/^(processing|dang xu ly|dang giai quyet|dang thu ly)$/, 'processing'],
  [/^(supplement requested|supplement_requested|cho bo sung|yeu cau bo sung|bo sung ho so|tam dung)$/, 'supplement_requested'],
  [/^(resolved|da giai quyet|da co ket qua|hoan thanh|da xu ly)$/, 'resolved'],
  [/^(returned|da tra ket qua|da tra)$/, 'returned'],
  [/^(rejected|tu choi|tra lai|da tra lai|khong giai quyet)$/, 'rejected'],
  [/^(withdrawn|rut ho so|da rut|cong dan rut ho so)$/, 'withdrawn'],
]
function parseStatus(value: string): DossierStatus | undefined {
  const f = fold(value).replace(/_/g, ' ')
  return STATUS_WORDS.find(([re]) => re.test(f))?.[1]
}

// ---- cells and dates ------------------------------------------------------------

/** A cell as read: text, or (from XLSX) a date whose UTC fields are the wall-clock time. */
type Cell = string | Date

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

function wallInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2999) return undefined
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return new Date(zonedInstant(date, h * 60 + mi, tz).getTime() + s * 1000)
}

/**
 * Accepts dd/MM/yyyy [HH:mm[:ss]], HH:mm[:ss] dd/MM/yyyy, yyyy-MM-dd[ HH:mm[:ss]] (local
 * time), ISO 8601 with Z or an offset, Excel date cells and Excel serial numbers.
 * A date without a time reads as the office opening time.
 */
export function parseInstant(cell: Cell, hours: OfficeHours): Date | undefined {
  const tz = hours.timeZone
  const openH = Math.floor(hours.officeOpen / 60)
  const openM = hours.officeOpen % 60
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined
    const midnight = cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0 && cell.getUTCSeconds() === 0
    return wallInstant(
      cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(),
      midnight ? openH : cell.getUTCHours(), midnight ? openM : cell.getUTCMinutes(), cell.getUTCSeconds(), tz,
    )
  }
  const text = cell.trim()
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/.exec(text)
  if (m) return wallInstant(+m[3], +m[2], +m[1], m[4] ? +m[4] : openH, m[5] ? +m[5] : openM, m[6] ? +m[6] : 0, tz)
  m = /^(\d{1,2})[:h](\d{2})(?::(\d{2}))?[ ,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  if (m) return wallInstant(+m[6], +m[5], +m[4], +m[1], +m[2], m[3] ? +m[3] : 0, tz)
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text)
  if (m) {
    if (m[8]) {
      if (!m[4]) return undefined
      const t = Date.parse(text.replace(' ', 'T'))
      return Number.isNaN(t) ? undefined : new Date(t)
    }
    return wallInstant(+m[1], +m[2], +m[3], m[4] ? +m[4] : openH, m[5] ? +m[5] : openM, m[6] ? +m[6] : 0, tz)
  }
  // An Excel serial number (days since 1899-12-30) in a cell not formatted as a date.
  m = /^(\d{5})(\.\d+)?$/.exec(text)
  if (m) {
    const ms = Math.round((Number(text) - 25569) * 86_400_000)
    return parseInstant(new Date(ms), hours)
  }
  return undefined
}

function cellText(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('text' in value) return String((value as { text: unknown }).text)
    if ('error' in value) return ''
    return ''
  }
  return String(value)
}

/** The rows of the file with their 1-based row numbers. */
async function readRows(file: UploadedFile): Promise<{ number: number; cells: Cell[] }[]> {
  if (file.contentType === MIME.csv) {
    let text = file.bytes.toString('utf8')
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    // Excel in Vietnamese locales writes ';' as the separator: pick the one the first line uses most.
    const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
    const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
    let records: string[][]
    try {
      records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][]
    } catch (err) {
      const line = (err as { lines?: number }).lines
      throw new HttpProblem(422, 'import-invalid', 'The file has errors', `The CSV file cannot be read${line ? ` (line ${line})` : ''}: ${(err as Error).message}`, undefined, {}, {
        rowErrors: [{ row: line ?? 0, column: null, message: (err as Error).message, code: 'csv' }],
      })
    }
    return records.map((cells, i) => ({ number: i + 1, cells }))
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', `The XLSX file cannot be read: ${(err as Error).message}`)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return []
  const rows: { number: number; cells: Cell[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= ''
    rows.push({ number, cells })
  })
  return rows
}

// ---- the import ---------------------------------------------------------------------

export interface ImportUpload {
  file: UploadedFile
  dryRun: boolean
  receivingUnitId?: string
}

export async function readImportUpload(request: FastifyRequest, maxBytes: number): Promise<ImportUpload> {
  const { file, fields } = await readUpload(request, { allowed: [MIME.csv, MIME.xlsx], maxBytes })
  const dryRun = (fields.dryRun ?? 'false').toLowerCase()
  if (!['true', 'false', '1', '0', ''].includes(dryRun)) throw invalidField('dryRun', 'must be true or false', 'type')
  const receivingUnitId = fields.receivingUnitId?.trim() || undefined
  if (receivingUnitId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(receivingUnitId)) {
    throw invalidField('receivingUnitId', 'must be a unit id (UUID)', 'format')
  }
  return { file, dryRun: dryRun === 'true' || dryRun === '1', receivingUnitId }
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

export async function importDossiers(db: Db, actor: Actor, upload: ImportUpload, env: ServiceEnv): Promise<ImportReport> {
  const hours = env.config
  requirePermission(actor, 'dossier.write')
  const format = upload.file.contentType === MIME.csv ? 'csv' : 'xlsx'
  const rows = await readRows(upload.file)
  const errors: ImportRowError[] = []
  const fail = (row: number, column: string | null, message: string, code: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, column, message, code })
  }

  // The heading row: the first of the first 20 rows that names the required columns.
  const headerIndex = rows.slice(0, 20).findIndex((r) => {
    const fields = new Set(r.cells.map((c) => (typeof c === 'string' ? fieldOfHeading(c) : undefined)))
    return REQUIRED.filter((f) => fields.has(f)).length >= 3
  })
  if (headerIndex === -1) {
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'No heading row found: the file must have a row naming at least the columns code, procedureCode, applicantName, channel and receivedAt (or their Vietnamese headings, see docs/dossiers.md).', undefined, {}, {
      rowErrors: [{ row: 1, column: null, message: 'no heading row with the required columns', code: 'no_heading' }],
    })
  }
  const header = rows[headerIndex]
  const columns = header.cells.map((c) => ({ heading: String(c).trim(), field: (typeof c === 'string' ? fieldOfHeading(c) : undefined) ?? null }))
  const columnOf = new Map<FieldName, number>()
  columns.forEach((c, i) => {
    if (c.field && !columnOf.has(c.field as FieldName)) columnOf.set(c.field as FieldName, i)
  })
  const headingOf = (field: FieldName) => (columnOf.has(field) ? columns[columnOf.get(field)!].heading : HEADINGS[field][0])
  for (const field of REQUIRED) if (!columnOf.has(field)) fail(header.number, HEADINGS[field][0], `the column ${HEADINGS[field][0]} (${HEADINGS[field][1]}) is missing`, 'missing_column')

  const dataRows = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => (c instanceof Date ? true : c.trim() !== '')))
  const report = (committed: boolean, created = 0, updated = 0, unchanged = 0): ImportReport => ({
    dryRun: upload.dryRun,
    committed,
    format,
    rows: dataRows.length,
    created,
    updated,
    unchanged,
    errors,
    columns,
  })
  if (errors.length) return finish(report(false), upload.dryRun)

  const calendar = await loadWorkingCalendar(db, hours)
  const procedureByCode = new Map<string, ProcedureInfo>()
  for (const p of await db
    .select({ code: procedures.code, id: procedures.id, owningUnitId: procedures.owningUnitId, processingDays: procedures.processingDays, unitPath: orgUnits.path, unitCode: orgUnits.code })
    .from(procedures)
    .innerJoin(orgUnits, sql`${orgUnits.id} = ${procedures.owningUnitId}`)) {
    procedureByCode.set(p.code.toLowerCase(), p)
  }
  const receivingUnitId = upload.receivingUnitId ?? actor.orgUnitId ?? null
  let receivingPath: string | null = null
  if (receivingUnitId) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(sql`${orgUnits.id} = ${receivingUnitId}`)
    if (!unit) throw invalidField('receivingUnitId', 'refers to a unit that does not exist', 'exists')
    receivingPath = unit.path
  }

  // Existing dossiers with these codes, in chunks.
  const text = (row: { cells: Cell[] }, field: FieldName): Cell => {
    const i = columnOf.get(field)
    const v = i === undefined ? '' : (row.cells[i] ?? '')
    return typeof v === 'string' ? v.trim() : v
  }
  const str = (row: { cells: Cell[] }, field: FieldName) => {
    const v = text(row, field)
    return v instanceof Date ? v.toISOString() : v
  }
  const codes = [...new Set(dataRows.map((r) => str(r, 'code').toLowerCase()).filter(Boolean))]
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

  const now = env.now
  const seen = new Map<string, number>()
  const writes: { insert: DossierInsert; events: EventInsert[]; existing?: ExistingDossier }[] = []
  let unchanged = 0

  for (const row of dataRows) {
    const r = row.number
    const rowErrorsBefore = errors.length
    const code = str(row, 'code')
    if (!code) fail(r, headingOf('code'), 'is required', 'required')
    else if (code.length > 100) fail(r, headingOf('code'), 'must be at most 100 characters', 'maxLength')
    else if (seen.has(code.toLowerCase())) fail(r, headingOf('code'), `appears twice in the file (also on row ${seen.get(code.toLowerCase())})`, 'duplicate_in_file')
    else seen.set(code.toLowerCase(), r)

    const procedureCode = str(row, 'procedureCode')
    const procedure = procedureCode ? procedureByCode.get(procedureCode.toLowerCase()) : undefined
    if (!procedureCode) fail(r, headingOf('procedureCode'), 'is required', 'required')
    else if (!procedure) fail(r, headingOf('procedureCode'), `no procedure with code "${procedureCode}" in the catalogue`, 'unknown_procedure')

    const applicantName = str(row, 'applicantName')
    if (!applicantName) fail(r, headingOf('applicantName'), 'is required', 'required')
    else if (applicantName.length > 500) fail(r, headingOf('applicantName'), 'must be at most 500 characters', 'maxLength')

    const channelText = str(row, 'channel')
    const channel = channelText ? parseChannel(channelText) : undefined
    if (!channelText) fail(r, headingOf('channel'), 'is required', 'required')
    else if (!channel) fail(r, headingOf('channel'), `"${channelText}" is not a channel: online (trực tuyến), in_person (trực tiếp) or postal (bưu chính)`, 'enum')

    const instant = (field: FieldName, required = false): Date | null => {
      const cell = text(row, field)
      if (cell === '') {
        if (required) fail(r, headingOf(field), 'is required', 'required')
        return null
      }
      const value = parseInstant(cell, hours)
      if (!value) {
        fail(r, headingOf(field), `"${cell instanceof Date ? cell.toISOString() : cell}" is not a date: use dd/mm/yyyy hh:mm`, 'format')
        return null
      }
      if (value > now) {
        fail(r, headingOf(field), 'must not be in the future', 'future')
        return null
      }
      return value
    }
    const receivedAt = instant('receivedAt', true)
    const dueGiven = (() => {
      const cell = text(row, 'dueAt')
      if (cell === '') return null
      const value = parseInstant(cell, hours)
      if (!value) fail(r, headingOf('dueAt'), `"${cell instanceof Date ? cell.toISOString() : cell}" is not a date: use dd/mm/yyyy hh:mm`, 'format')
      return value ?? null
    })()
    const supplementRequestedAt = instant('supplementRequestedAt')
    const supplementReceivedAt = instant('supplementReceivedAt')
    const resolvedAt = instant('resolvedAt')
    const returnedAt = instant('returnedAt')
    const rejectedAt = instant('rejectedAt')
    const withdrawnAt = instant('withdrawnAt')
    const reason = str(row, 'reason') || null
    const note = str(row, 'note') || null

    // The status: as written, or from the dates.
    const statusText = str(row, 'status')
    let status: DossierStatus | undefined
    if (statusText) {
      status = parseStatus(statusText)
      if (!status) fail(r, headingOf('status'), `"${statusText}" is not a status (e.g. đang xử lý, đã giải quyết, đã trả kết quả, từ chối, rút hồ sơ)`, 'enum')
    } else {
      status = withdrawnAt ? 'withdrawn' : rejectedAt ? 'rejected' : returnedAt ? 'returned' : resolvedAt ? 'resolved'
        : supplementRequestedAt && !supplementReceivedAt ? 'supplement_requested' : supplementReceivedAt ? 'processing' : 'received'
    }

    if (errors.length > rowErrorsBefore || !status || !receivedAt || !procedure || !channel) continue

    // Dates must fit the status and follow each other.
    const needs: [boolean, FieldName, string][] = [
      [status === 'resolved' || status === 'returned', 'resolvedAt', 'is required for a resolved dossier'],
      [status === 'returned', 'returnedAt', 'is required for a dossier whose result was returned'],
      [status === 'rejected', 'rejectedAt', 'is required for a rejected dossier'],
      [status === 'withdrawn', 'withdrawnAt', 'is required for a withdrawn dossier'],
      [status === 'supplement_requested', 'supplementRequestedAt', 'is required while a supplement is awaited'],
    ]
    const dates: Record<string, Date | null> = { resolvedAt, returnedAt, rejectedAt, withdrawnAt, supplementRequestedAt, supplementReceivedAt }
    for (const [needed, field, message] of needs) if (needed && !dates[field]) fail(r, headingOf(field), message, 'required')
    const forbiddenFor: [FieldName, DossierStatus[]][] = [
      ['resolvedAt', ['resolved', 'returned']],
      ['returnedAt', ['returned']],
      ['rejectedAt', ['rejected']],
      ['withdrawnAt', ['withdrawn']],
    ]
    for (const [field, statuses] of forbiddenFor) {
      if (dates[field] && !statuses.includes(status)) fail(r, headingOf(field), `does not fit the status ${status}`, 'status_mismatch')
    }
    if (supplementReceivedAt && !supplementRequestedAt) fail(r, headingOf('supplementReceivedAt'), `needs ${headingOf('supplementRequestedAt')}`, 'dependency')
    if (status === 'supplement_requested' && supplementReceivedAt) fail(r, headingOf('supplementReceivedAt'), 'does not fit a dossier still awaiting its supplement', 'status_mismatch')
    const order: [FieldName, Date | null][] = [
      ['supplementRequestedAt', supplementRequestedAt],
      ['supplementReceivedAt', supplementReceivedAt],
      ['resolvedAt', resolvedAt],
      ['returnedAt', returnedAt],
    ]
    let previous: [FieldName, Date] = ['receivedAt', receivedAt]
    for (const [field, value] of order) {
      if (!value) continue
      if (value < previous[1]) fail(r, headingOf(field), `must not be before ${headingOf(previous[0])}`, 'order')
      previous = [field, value]
    }
    for (const [field, value] of [['rejectedAt', rejectedAt], ['withdrawnAt', withdrawnAt]] as const) {
      const after = supplementReceivedAt ?? supplementRequestedAt ?? receivedAt
      if (value && value < after) fail(r, headingOf(field), `must not be before ${headingOf(supplementReceivedAt ? 'supplementReceivedAt' : supplementRequestedAt ? 'supplementRequestedAt' : 'receivedAt')}`, 'order')
    }
    if (dueGiven && dueGiven < receivedAt) fail(r, headingOf('dueAt'), `must not be before ${headingOf('receivedAt')}`, 'order')

    const known = existing.get(code.toLowerCase())
    const allowed = known
      ? canWriteDossier(actor, known.unitPath, known.receivingPath) && canWriteDossier(actor, procedure.unitPath, known.receivingPath)
      : canWriteDossier(actor, procedure.unitPath, receivingPath)
    if (!allowed) fail(r, headingOf('procedureCode'), `you are not allowed to record dossiers of unit ${procedure.unitCode}`, 'forbidden')
    if (errors.length > rowErrorsBefore) continue

    // Replay the dossier's life through the same state machine as manual transitions.
    const computedDue = calendar.dueAt(receivedAt, procedure.processingDays)
    const overridden = dueGiven !== null && Math.abs(dueGiven.getTime() - computedDue.getTime()) >= 60_000
    const initialDue = overridden ? dueGiven! : computedDue
    const life = replay(status, receivedAt, initialDue, { supplementRequestedAt, supplementReceivedAt, resolvedAt, returnedAt, rejectedAt, withdrawnAt }, calendar)
    if (!life) {
      fail(r, headingOf('status'), `the dates given do not lead to the status ${status}`, 'status_mismatch')
      continue
    }
    const id = known?.id ?? crypto.randomUUID()
    const insert: DossierInsert = {
      id,
      code,
      procedureId: procedure.id,
      orgUnitId: procedure.owningUnitId,
      receivingUnitId: known ? known.receivingUnitId : receivingUnitId,
      applicantName,
      channel,
      receivedAt,
      dueAtReason: overridden ? str(row, 'dueAtReason') || DEFAULT_DUE_REASON : null,
      ...life.state,
      note,
      source: 'import',
      createdAt: now,
      updatedAt: now,
    }
    if (known && COMPARED.every((c) => same(known.values[c], insert[c]))) {
      unchanged++
      continue
    }
    const events: EventInsert[] = life.events.map((e, i) => ({
      dossierId: id,
      seq: i + 1,
      ...e,
      reason: e.type === 'rejected' || e.type === 'supplement_requested' ? reason : e.type === 'received' && overridden ? insert.dueAtReason : null,
      actorId: null,
      actorName: `${actor.fullName} (import)`,
      source: 'import' as const,
      recordedAt: now,
    }))
    writes.push({ insert, events, existing: known })
  }

  const created = writes.filter((w) => !w.existing).length
  const updated = writes.length - created
  if (errors.length || upload.dryRun) return finish(report(false, created, updated, unchanged), upload.dryRun)

  await db.transaction(async (tx) => {
    // Re-imported dossiers get their timeline rebuilt from the row.
    const replaced = writes.filter((w) => w.existing).map((w) => w.insert.id!)
    for (let i = 0; i < replaced.length; i += 5000) await tx.delete(dossierEvents).where(inArray(dossierEvents.dossierId, replaced.slice(i, i + 5000)))
    await bulkInsert(tx, 'dossiers', DOSSIER_COLUMNS, writes.map((w) => w.insert), {
      suffix: sql.raw(`on conflict (id) do update set ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, version = dossiers.version + 1`),
    })
    await bulkInsert(tx, 'dossier_events', EVENT_COLUMNS, writes.flatMap((w) => w.events), { chunk: 20_000 })
    await refreshDossierStats(tx, writes.map((w) => w.insert.id!), hours.timeZone)
    await recordAudit(tx, actor, {
      action: 'dossier.import',
      entityType: 'dossier',
      after: {
        file: upload.file.filename,
        sha256: upload.file.sha256,
        format,
        rows: dataRows.length,
        created,
        updated,
        unchanged,
        codes: writes.length <= 200 ? writes.map((w) => w.insert.code) : undefined,
      },
    })
  })
  return report(true, created, updated, unchanged)
}

/** With errors, a real import is a 422 carrying the report; a dry run answers 200 either way. */
function finish(report: ImportReport, dryRun: boolean): ImportReport {
  if (dryRun || !report.errors.length) return report
  const n = report.errors.length
  throw new HttpProblem(
    422,
    'import-invalid',
    'The file has errors',
    `Nothing was imported: ${n}${n >= MAX_ERRORS ? '+' : ''} problem${n === 1 ? '' : 's'} in the file, listed in rowErrors (row, column, message).`,
    undefined,
    {},
    { rowErrors: report.errors },
  )
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
