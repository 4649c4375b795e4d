/**
 * Reading a one-stop-shop export (CSV or XLSX) for the dossier import: the heading row,
 * which column holds which field, and every data row with its cells parsed into typed
 * values. Pure: no database; whether the values make a valid dossier is decided by
 * validateImport (dossier-import.ts).
 *
 * Columns are recognised by their heading, in English or Vietnamese, ignoring case,
 * diacritics and punctuation (the list is in docs/dossiers.md and HEADINGS below); title
 * rows above the heading row are skipped.
 */
import { Readable } from 'node:stream'
import { parse as parseCsvStream } from 'csv-parse'
import ExcelJS from 'exceljs'
import type { Channel, DossierStatus } from '../../../db/schema/index.ts'
import { HttpProblem } from '../../lib/problems.ts'
import { assertUnzippedSize, UnzippedTooLarge } from '../../lib/unzipped-size.ts'
import { zonedInstant, type OfficeHours } from '../calendar/working-days.ts'
import type { ImportReport, ImportRowError } from './schemas.ts'
import { isProblemCode, PROBLEM_MESSAGES, renderMessage, type FieldMessage, type Lang } from '../../lib/problem-messages.ts'
import type { ParamsArg } from '../../lib/problems.ts'

// ---- headings -------------------------------------------------------------------

export type FieldName =
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
type RowText = Extract<FieldMessage, `import.row.${string}`>

/** A problem of one row: `message` in English, with the catalogue entry it is written from (kept with the job, never sent) so `rowErrorsIn` can word it in the reader's language. */
export type RowError = ImportRowError & { text?: RowText; params?: Record<string, unknown> }

export function rowError<C extends RowText>(row: number, column: string | null, text: C, ...[params]: ParamsArg<C>): RowError {
  const entry = PROBLEM_MESSAGES[text] as { field: string }
  return { row, column, message: renderMessage(text, params, 'en'), code: entry.field, text, ...(params ? { params: params as Record<string, unknown> } : {}) }
}

/** The row problems worded in `lang` (those stored before they had a catalogue entry keep their English). */
export function rowErrorsIn<E extends RowError>(errors: E[], lang: Lang): E[] {
  if (lang === 'en') return errors
  return errors.map((e) => (e.text && isProblemCode(e.text) ? { ...e, message: renderMessage(e.text, e.params, lang) } : e))
}

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
export type Cell = string | Date

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

/** The bounds on what one import may read (QMS_IMPORT_MAX_ROWS, QMS_IMPORT_MAX_UNCOMPRESSED_BYTES). */
export interface ImportLimits {
  maxRows: number
  maxUncompressedBytes: number
  /** Told now and then how far the reading went: bytes of the file consumed and rows read. */
  onRead?: (bytesRead: number, rowsRead: number) => void
}

// The file is fed to the parsers in slices so that how much was consumed is known (progress).
const SLICE = 256 * 1024
function slices(bytes: Buffer, consumed: (n: number) => void): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += SLICE) {
        const slice = bytes.subarray(at, at + SLICE)
        consumed(at + slice.length)
        yield slice
      }
    })(),
  )
}

// Title rows and the heading row come on top of the data rows the cap counts.
const HEAD_ROWS = 20
// Rows read between two returns to the event loop: a long file must not starve other requests.
export const YIELD_EVERY = 200
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export function tooManyRows(maxRows: number): HttpProblem {
  return new HttpProblem(422, 'import-too-many-rows', 'Too many rows', 'import.too-many-rows', { limit: maxRows, setting: 'QMS_IMPORT_MAX_ROWS' }, undefined, {}, {
    limit: maxRows,
    setting: 'QMS_IMPORT_MAX_ROWS',
  })
}

function tooLargeUnzipped(cap: number): HttpProblem {
  return new HttpProblem(413, 'import-too-large', 'File too large once unzipped', 'import.too-large-unzipped', { limit: cap, setting: 'QMS_IMPORT_MAX_UNCOMPRESSED_BYTES' }, undefined, {}, {
    limit: cap,
    setting: 'QMS_IMPORT_MAX_UNCOMPRESSED_BYTES',
  })
}

/**
 * The non-empty rows of the file with their 1-based row numbers, read as a stream: at most
 * `maxRows` + HEAD_ROWS rows are kept, and the XLSX is checked against the unzipped-size
 * cap before exceljs sees it, so neither a long sheet nor a zip bomb can hold the process.
 */
async function readRows(bytes: Buffer, format: ImportFormat, limits: ImportLimits): Promise<{ number: number; cells: Cell[] }[]> {
  const rowCap = limits.maxRows + HEAD_ROWS
  const rows: { number: number; cells: Cell[] }[] = []
  let consumed = 0
  const counted = (n: number) => {
    consumed = n
  }
  const tell = () => limits.onRead?.(consumed, rows.length)
  if (format === 'csv') {
    if (bytes.length > limits.maxUncompressedBytes) throw tooLargeUnzipped(limits.maxUncompressedBytes)
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    // Excel in Vietnamese locales writes ';' as the separator: pick the one the first line uses most.
    const newline = bytes.indexOf(0x0a, start)
    const firstLine = bytes.toString('utf8', start, newline === -1 ? Math.min(bytes.length, 64 * 1024) : newline)
    const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
    const parser = slices(bytes.subarray(start), counted).pipe(parseCsvStream({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }))
    let number = 0
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        number++
        if (number % YIELD_EVERY === 0) {
          tell()
          await yieldToLoop()
        }
        if (!cells.some((c) => c.trim() !== '')) continue
        if (rows.length >= rowCap) {
          parser.destroy()
          throw tooManyRows(limits.maxRows)
        }
        rows.push({ number, cells })
      }
    } catch (err) {
      if (err instanceof HttpProblem) throw err
      const line = (err as { lines?: number }).lines
      throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.csv-unreadable', { line: line ?? null, error: (err as Error).message }, undefined, {}, {
        rowErrors: [rowError(line ?? 0, null, 'import.row.csv', { error: (err as Error).message })],
      })
    }
    return rows
  }
  try {
    await assertUnzippedSize(bytes, limits.maxUncompressedBytes)
  } catch (err) {
    if (err instanceof UnzippedTooLarge) throw tooLargeUnzipped(limits.maxUncompressedBytes)
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.xlsx-unreadable', { error: (err as Error).message })
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(slices(bytes, counted), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  let read = 0
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (++read % YIELD_EVERY === 0) {
          tell()
          await yieldToLoop()
        }
        const cells: Cell[] = []
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell.value)
        })
        for (let i = 0; i < cells.length; i++) cells[i] ??= ''
        if (!cells.some((c) => (c instanceof Date ? true : c.trim() !== ''))) continue
        if (rows.length >= rowCap) throw tooManyRows(limits.maxRows)
        rows.push({ number: row.number, cells })
      }
      // Only the first sheet is imported; the rest of the file is not read.
      break
    }
  } catch (err) {
    if (err instanceof HttpProblem) throw err
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.xlsx-unreadable', { error: (err as Error).message })
  }
  return rows
}

// ---- the sheet --------------------------------------------------------------------

export type ImportFormat = ImportReport['format']

/** The fields holding dates and times. */
export type DateField = 'receivedAt' | 'dueAt' | 'supplementRequestedAt' | 'supplementReceivedAt' | 'resolvedAt' | 'returnedAt' | 'rejectedAt' | 'withdrawnAt'
const DATE_FIELDS: DateField[] = ['receivedAt', 'dueAt', 'supplementRequestedAt', 'supplementReceivedAt', 'resolvedAt', 'returnedAt', 'rejectedAt', 'withdrawnAt']

/** A date cell: null when empty; else as written (for messages) and its instant, undefined when it is not a date. */
export type DateCell = { shown: string; value: Date | undefined } | null

/** A data row with its cells parsed; a value that does not parse is left undefined for validation to report. */
export interface ImportRow {
  /** The row number in the file (1-based). */
  number: number
  code: string
  procedureCode: string
  applicantName: string
  channelText: string
  channel: Channel | undefined
  statusText: string
  status: DossierStatus | undefined
  dates: Record<DateField, DateCell>
  dueAtReason: string
  reason: string
  note: string
}

export interface ImportSheet {
  format: ImportFormat
  /** How each heading was understood. */
  columns: ImportReport['columns']
  /** The column's heading as written in the file; the canonical English one for a missing column. */
  headingOf: (field: FieldName) => string
  /** One per required column the heading row lacks. */
  errors: ImportRowError[]
  /** The non-empty rows below the heading row. */
  rows: ImportRow[]
}

/** Reads the file: finds the heading row, maps the columns and parses every data row (dates in the agency's office hours). */
export async function readImportFile(bytes: Buffer, format: ImportFormat, hours: OfficeHours, limits: ImportLimits): Promise<ImportSheet> {
  const rows = await readRows(bytes, format, limits)
  const errors: ImportRowError[] = []

  // The heading row: the first of the first 20 rows that names the required columns.
  const headerIndex = rows.slice(0, 20).findIndex((r) => {
    const fields = new Set(r.cells.map((c) => (typeof c === 'string' ? fieldOfHeading(c) : undefined)))
    return REQUIRED.filter((f) => fields.has(f)).length >= 3
  })
  if (headerIndex === -1) {
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.no-heading', undefined, undefined, {}, {
      rowErrors: [rowError(1, null, 'import.row.no-heading')],
    })
  }
  const header = rows[headerIndex]
  const columns = header.cells.map((c) => ({ heading: String(c).trim(), field: (typeof c === 'string' ? fieldOfHeading(c) : undefined) ?? null }))
  const columnOf = new Map<FieldName, number>()
  columns.forEach((c, i) => {
    if (c.field && !columnOf.has(c.field as FieldName)) columnOf.set(c.field as FieldName, i)
  })
  const headingOf = (field: FieldName) => (columnOf.has(field) ? columns[columnOf.get(field)!].heading : HEADINGS[field][0])
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) errors.push(rowError(header.number, HEADINGS[field][0]!, 'import.row.missing-column', { column: HEADINGS[field][0]!, vietnamese: HEADINGS[field][1]! }))
  }

  const dataRows = rows.slice(headerIndex + 1)
  if (dataRows.length > limits.maxRows) throw tooManyRows(limits.maxRows)

  const text = (row: { cells: Cell[] }, field: FieldName): Cell => {
    const i = columnOf.get(field)
    const v = i === undefined ? '' : (row.cells[i] ?? '')
    return typeof v === 'string' ? v.trim() : v
  }
  const str = (row: { cells: Cell[] }, field: FieldName) => {
    const v = text(row, field)
    return v instanceof Date ? v.toISOString() : v
  }
  const date = (row: { cells: Cell[] }, field: DateField): DateCell => {
    const cell = text(row, field)
    if (cell === '') return null
    return { shown: cell instanceof Date ? cell.toISOString() : cell, value: parseInstant(cell, hours) }
  }
  const parsed: ImportRow[] = []
  for (const row of dataRows) {
    if (parsed.length % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop()
    const channelText = str(row, 'channel')
    const statusText = str(row, 'status')
    parsed.push({
      number: row.number,
      code: str(row, 'code'),
      procedureCode: str(row, 'procedureCode'),
      applicantName: str(row, 'applicantName'),
      channelText,
      channel: channelText ? parseChannel(channelText) : undefined,
      statusText,
      status: statusText ? parseStatus(statusText) : undefined,
      dates: Object.fromEntries(DATE_FIELDS.map((f) => [f, date(row, f)])) as Record<DateField, DateCell>,
      dueAtReason: str(row, 'dueAtReason'),
      reason: str(row, 'reason'),
      note: str(row, 'note'),
    })
  }
  return { format, columns, headingOf, errors, rows: parsed }
}
