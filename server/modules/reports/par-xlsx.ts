/**
 * The half-year report as a workbook: the text on a "Báo cáo" sheet, then one sheet per
 * table (named in whole words) with borders, numbers and per cent stored as numbers with
 * number formats, and the totals as SUM formulas.
 */
import ExcelJS from 'exceljs'
import { addSheet } from '../../lib/table-export.ts'
import type { ParModel } from './par-model.ts'
import { officialParts, type ParIssue } from './par-official.ts'

export async function renderParXlsx(r: ParModel, issue: ParIssue): Promise<Buffer> {
  const o = officialParts(r, issue)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'QMS Tracker'
  const summary = workbook.addWorksheet('Báo cáo')
  summary.getColumn(1).width = 110
  if (o.parentAgency) summary.addRow([o.parentAgency])
  summary.addRow([o.agency]).font = { bold: true }
  summary.addRow([o.numberLine])
  summary.addRow([o.placeDateLine]).font = { italic: true }
  summary.addRow([`${o.kind} ${o.summary}`]).font = { bold: true, size: 13 }
  for (const s of r.sections) {
    summary.addRow([])
    summary.addRow([s.heading]).font = { bold: true }
    for (const p of s.paragraphs) summary.addRow([p]).alignment = { wrapText: true, vertical: 'top' }
  }
  for (const s of r.sections) {
    for (const t of s.tables) addSheet(workbook, { sheet: t.sheet, title: t.title, subtitle: r.periodLabel, headings: t.headings, columns: t.columns, rows: t.rows, totalRow: t.totalRow })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
