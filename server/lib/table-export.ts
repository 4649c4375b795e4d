/**
 * A table as a downloadable file: CSV (UTF-8 with a BOM, so Excel shows Vietnamese
 * diacritics) or XLSX (a title, the period, bold headings, sized columns). Reports and
 * dashboards export through this; the two-level dossier statistics keep their own layout.
 */
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { MIME } from './uploads.ts'

export type Cell = string | number | null
/** How a column's numbers read in a workbook: `percent` holds per cent (95.2), stored as the share (0.952) with a % format. */
export type ColumnKind = 'text' | 'ordinal' | 'count' | 'percent'
export interface Table {
  /** The file name without extension, ASCII. */
  name: string
  sheet: string
  title: string
  subtitle?: string
  headings: string[]
  /** The kind of each column; without it numbers are written as they are. */
  columns?: ColumnKind[]
  rows: Cell[][]
  /** A last row in bold whose numbers are the sums of their columns: written as SUM formulas (with the sum as their cached result). */
  totalRow?: Cell[]
}

export interface ExportedFile {
  filename: string
  contentType: string
  body: Buffer
}

/**
 * Text a spreadsheet would run as a formula (= + - @, or a tab or carriage return before
 * one) gets a leading apostrophe, so a description typed as `=HYPERLINK(…)` stays text
 * when the CSV is opened in Excel. Numbers stay numbers.
 */
export function neutraliseCell(value: Cell): string | number {
  if (value === null) return ''
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Every CSV the app writes: UTF-8 with a BOM (Excel then shows Vietnamese diacritics), formula-safe cells. */
export function toCsv(rows: Cell[][]): string {
  return '\uFEFF' + stringify(rows.map((r) => r.map(neutraliseCell)))
}

export async function exportTable(table: Table, format: 'csv' | 'xlsx'): Promise<ExportedFile> {
  if (format === 'csv') {
    const csv = toCsv([table.headings, ...table.rows, ...(table.totalRow ? [table.totalRow] : [])])
    return { filename: `${table.name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv, 'utf8') }
  }
  const workbook = new ExcelJS.Workbook()
  addSheet(workbook, table)
  return { filename: `${table.name}.xlsx`, contentType: MIME.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) }
}

/**
 * A sheet name Excel accepts: none of its forbidden characters, at most 31 characters,
 * cut at a word boundary rather than in the middle of a word.
 */
export function sheetName(name: string): string {
  const clean = name.replace(/[*?:\\/[\]]/g, ' ').replace(/\s+/g, ' ').trim()
  if (clean.length <= 31) return clean
  const cut = clean.slice(0, 32).lastIndexOf(' ')
  return (cut > 0 ? clean.slice(0, cut) : clean.slice(0, 31)).replace(/[\s.,;:-]+$/, '')
}

const thin = { style: 'thin' } as const
const BORDER = { top: thin, left: thin, bottom: thin, right: thin }

/**
 * One table on its own worksheet (several make a workbook, as the half-year report does):
 * title, subtitle, headings and rows framed with thin borders; numbers stay numbers with a
 * number format (per cent as shares with a % format), totals are SUM formulas.
 */
export function addSheet(workbook: ExcelJS.Workbook, table: Omit<Table, 'name'>) {
  const sheet = workbook.addWorksheet(sheetName(table.sheet))
  const kinds = table.columns ?? []
  sheet.addRow([table.title]).font = { bold: true, size: 13 }
  if (table.subtitle) sheet.addRow([table.subtitle])
  const head = sheet.addRow(table.headings)
  head.font = { bold: true }
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  const value = (v: Cell, i: number) => (typeof v === 'number' && kinds[i] === 'percent' ? v / 100 : v)
  const first = head.number + 1
  for (const row of table.rows) sheet.addRow(row.map(value))
  const last = head.number + table.rows.length
  if (table.totalRow) {
    const total = sheet.addRow(
      table.totalRow.map((v, i) => {
        if (typeof v !== 'number' || kinds[i] === 'ordinal') return value(v, i)
        const column = sheet.getColumn(i + 1).letter
        return table.rows.length ? { formula: `SUM(${column}${first}:${column}${last})`, result: value(v, i) } : value(v, i)
      }),
    )
    total.font = { bold: true }
  }
  const formats = kinds.map((k) => (k === 'percent' ? '0.0%' : k === 'count' ? '#,##0' : undefined))
  for (let r = head.number; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= table.headings.length; c++) {
      const cell = sheet.getRow(r).getCell(c)
      cell.border = BORDER
      if (r === head.number) continue
      if (formats[c - 1]) cell.numFmt = formats[c - 1]!
      if (kinds[c - 1] === 'ordinal') cell.alignment = { horizontal: 'center' }
      else if (kinds[c - 1] === 'text') cell.alignment = { wrapText: true, vertical: 'top' }
    }
  }
  const rows = table.totalRow ? [...table.rows, table.totalRow] : table.rows
  table.headings.forEach((h, i) => {
    const longest = Math.max(...h.split(' ').map((w) => w.length), Math.min(h.length, 16), ...rows.map((r) => String(r[i] ?? '').length))
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2))
  })
  return sheet
}

/** dd/MM/yyyy, as Vietnamese documents write dates. */
export const vnDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
