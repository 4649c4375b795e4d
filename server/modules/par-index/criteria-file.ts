/**
 * Reading a criteria set from the file a province issues (XLSX, first sheet) or from
 * JSON, and checking the tree: every problem is named by its row (the XLSX row number;
 * for JSON the place in the `criteria` list, from 1), so one answer lists them all.
 *
 * XLSX: a heading row naming at least the code, title and maximum-points columns
 * (English or Vietnamese headings), then one row per criterion, parents before their
 * children. JSON: `{ "criteria": [{ "code", "title", "maxPoints", "scoring"?, "dataSource"? }] }`
 * (or the list itself).
 */
import ExcelJS from 'exceljs'
import { PAR_DATA_SOURCES, type ParDataSource } from '../../../db/schema/par-index.ts'
import { fieldError, HttpProblem, unprocessable, type FieldError } from '../../lib/problems.ts'
import { assertUnzippedSize } from '../../lib/unzipped-size.ts'
import { MIME, type UploadedFile } from '../../lib/uploads.ts'

/** A criteria file is a few hundred rows: 5 MB unzipped is plenty and bounds a zip bomb. */
const MAX_UNZIPPED = 5 * 1024 * 1024
const MAX_ROWS = 2000

export interface CriterionInput {
  row: number
  code: string
  parentCode: string | null
  depth: number
  title: string
  maxPoints: number
  scoring: string | null
  dataSource: ParDataSource | null
  isLeaf: boolean
}

type Column = 'code' | 'title' | 'maxPoints' | 'scoring' | 'dataSource'

/** Headings, folded (lower case, no diacritics, no punctuation), to the column they name. */
const HEADINGS: Record<string, Column> = {
  code: 'code',
  ma: 'code',
  'ma tieu chi': 'code',
  stt: 'code',
  title: 'title',
  'tieu chi': 'title',
  'noi dung': 'title',
  'linh vuc tieu chi': 'title',
  'ten tieu chi': 'title',
  maxpoints: 'maxPoints',
  'max points': 'maxPoints',
  'diem toi da': 'maxPoints',
  'diem chuan': 'maxPoints',
  scoring: 'scoring',
  'cach cham': 'scoring',
  'cach cham diem': 'scoring',
  'huong dan cham': 'scoring',
  datasource: 'dataSource',
  'data source': 'dataSource',
  'nguon so lieu': 'dataSource',
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

interface RawRow {
  row: number
  values: Partial<Record<Column, unknown>>
}

const noCriteria = () => unprocessable('par.no-criteria', undefined)

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('text' in value) return String((value as { text: unknown }).text)
    return ''
  }
  return value
}

async function xlsxRows(bytes: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await assertUnzippedSize(bytes, MAX_UNZIPPED)
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'import.xlsx-unreadable', { error: (err as Error).message })
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw noCriteria()
  let columns: Map<number, Column> | undefined
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: unknown[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col] = cellValue(cell.value)
    })
    if (!columns) {
      // Title rows above the heading are skipped: the heading is the first row naming code, title and points.
      const found = new Map<number, Column>()
      cells.forEach((c, col) => {
        const column = HEADINGS[fold(String(c ?? ''))]
        if (column && ![...found.values()].includes(column)) found.set(col, column)
      })
      const named = new Set(found.values())
      if (named.has('code') && named.has('title') && named.has('maxPoints')) columns = found
      return
    }
    const values: RawRow['values'] = {}
    for (const [col, column] of columns) values[column] = cells[col]
    if (Object.values(values).every((v) => String(v ?? '').trim() === '')) return
    rows.push({ row: number, values })
  })
  if (rows.length > MAX_ROWS) throw noCriteria()
  return rows
}

function jsonRows(bytes: Buffer): RawRow[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new HttpProblem(422, 'import-invalid', 'The file has errors', 'par.json-unreadable', { error: (err as Error).message })
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { criteria?: unknown } | null)?.criteria
  if (!Array.isArray(list) || list.length > MAX_ROWS) throw noCriteria()
  return list.map((item, i) => {
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>
    return { row: i + 1, values: { code: o.code, title: o.title, maxPoints: o.maxPoints, scoring: o.scoring, dataSource: o.dataSource } }
  })
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim())

/** A number of points: a JS number, or text with a decimal comma or point. */
function points(v: unknown): number | undefined {
  const raw = typeof v === 'number' ? v : text(v) === '' ? undefined : Number(text(v).replace(',', '.'))
  if (raw === undefined || !Number.isFinite(raw) || raw < 0 || raw > 9999) return undefined
  return Math.abs(Math.round(raw * 100) - raw * 100) < 1e-6 ? raw : undefined
}

const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * The criteria of the file, checked: codes well formed and unique, each parent above its
 * children, leaves with their maximum points, a parent's maximum (when given) the sum of
 * its children's, data sources known. 422 `par.import-has-errors` lists every problem.
 */
export async function readCriteriaFile(file: UploadedFile): Promise<CriterionInput[]> {
  const raw = file.contentType === MIME.xlsx ? await xlsxRows(file.bytes) : jsonRows(file.bytes)
  if (!raw.length) throw noCriteria()
  const errors: FieldError[] = []
  /** `rows.<row>.<column>`, from `<row>.<column>`. */
  const at = (place: `${number}.${Column}`) => `rows.${place}`
  const byCode = new Map<string, CriterionInput>()
  const given = new Map<string, number | undefined>()
  const out: CriterionInput[] = []
  for (const { row, values } of raw) {
    const code = text(values.code).replace(/\.$/, '')
    const title = text(values.title)
    let ok = true
    if (!/^[0-9]+(\.[0-9]+)*$/.test(code)) {
      errors.push(fieldError(at(`${row}.code`), code ? 'par.row-code-format' : 'field.required'))
      ok = false
    } else if (byCode.has(code)) {
      errors.push(fieldError(at(`${row}.code`), 'par.row-code-duplicate', { row: byCode.get(code)!.row }))
      ok = false
    }
    if (!title) errors.push(fieldError(at(`${row}.title`), 'field.required'))
    const max = points(values.maxPoints)
    if (max === undefined && text(values.maxPoints) !== '') errors.push(fieldError(at(`${row}.maxPoints`), 'par.row-points'))
    const source = text(values.dataSource)
    if (source && !PAR_DATA_SOURCES.includes(source as ParDataSource)) {
      errors.push(fieldError(at(`${row}.dataSource`), 'par.row-data-source', { allowed: PAR_DATA_SOURCES.join(', ') }))
    }
    if (!ok) continue
    const parts = code.split('.')
    const parentCode = parts.length > 1 ? parts.slice(0, -1).join('.') : null
    if (parentCode && !byCode.has(parentCode)) errors.push(fieldError(at(`${row}.code`), 'par.row-parent-missing', { parent: parentCode }))
    const criterion: CriterionInput = {
      row,
      code,
      parentCode,
      depth: parts.length - 1,
      title,
      maxPoints: max ?? 0,
      scoring: text(values.scoring) || null,
      dataSource: (source as ParDataSource) || null,
      isLeaf: true,
    }
    if (parentCode && byCode.has(parentCode)) byCode.get(parentCode)!.isLeaf = false
    byCode.set(code, criterion)
    given.set(code, max)
    out.push(criterion)
  }
  // Maxima, from the leaves up (deepest first): a parent's is the sum of its children's.
  const sums = new Map<string, number>()
  for (const c of [...out].sort((a, b) => b.depth - a.depth)) {
    if (!c.isLeaf) {
      const sum = round2(sums.get(c.code) ?? 0)
      const stated = given.get(c.code)
      if (stated !== undefined && Math.abs(stated - sum) > 1e-6) errors.push(fieldError(at(`${c.row}.maxPoints`), 'par.row-parent-sum', { sum }))
      c.maxPoints = sum
    } else if (given.get(c.code) === undefined && text(raw.find((r) => r.row === c.row)?.values.maxPoints) === '') {
      errors.push(fieldError(at(`${c.row}.maxPoints`), 'field.required'))
    }
    if (c.parentCode) sums.set(c.parentCode, (sums.get(c.parentCode) ?? 0) + c.maxPoints)
  }
  if (errors.length) {
    errors.sort((a, b) => Number(a.path.split('.')[1]) - Number(b.path.split('.')[1]))
    throw unprocessable('par.import-has-errors', { count: errors.length }, errors)
  }
  return out
}
