/**
 * A table as a downloadable file: CSV (UTF-8 with a BOM, so Excel shows Vietnamese
 * diacritics) or XLSX (a title, the period, bold headings, sized columns). Reports and
 * dashboards export through this; the two-level dossier statistics keep their own layout.
 */
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { MIME } from './uploads.ts'

export type Cell = string | number | null
export interface Table {
  /** The file name without extension, ASCII. */
  name: string
  sheet: string
  title: string
  subtitle?: string
  headings: string[]
  rows: Cell[][]
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
    const csv = toCsv([table.headings, ...table.rows])
    return { filename: `${table.name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv, 'utf8') }
  }
  const workbook = new ExcelJS.Workbook()
  addSheet(workbook, table)
  return { filename: `${table.name}.xlsx`, contentType: MIME.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) }
}

/** One table on its own worksheet (several make a workbook, as the half-year report does). */
export function addSheet(workbook: ExcelJS.Workbook, table: Omit<Table, 'name'>) {
  // Excel forbids some characters in sheet names and allows at most 31 of them.
  const sheet = workbook.addWorksheet(table.sheet.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31))
  sheet.addRow([table.title]).font = { bold: true, size: 13 }
  if (table.subtitle) sheet.addRow([table.subtitle])
  const head = sheet.addRow(table.headings)
  head.font = { bold: true }
  head.alignment = { vertical: 'middle', wrapText: true }
  for (const row of table.rows) sheet.addRow(row)
  table.headings.forEach((h, i) => {
    const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? '').length))
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2))
  })
  return sheet
}

/** dd/MM/yyyy, as Vietnamese documents write dates. */
export const vnDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
