/** The half-year report as a printable A4 HTML page, an A4 PDF and a workbook. */
import ExcelJS from 'exceljs'
import { a4Document, FONT_BOLD, numberPages } from '../../lib/pdf-document.ts'
import { addSheet, type Cell } from '../../lib/table-export.ts'
import type { ParModel, ParTable } from './par-model.ts'

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const cellText = (v: Cell) => (v === null ? '' : typeof v === 'number' ? v.toLocaleString('vi-VN') : v)

function htmlTable(t: ParTable) {
  return `<table>
  <caption>${esc(t.title)}</caption>
  <thead><tr>${t.headings.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
  <tbody>
  ${t.rows.map((r) => `<tr>${r.map((v) => `<td${typeof v === 'number' ? ' class="n"' : ''}>${esc(cellText(v))}</td>`).join('')}</tr>`).join('\n  ')}
  ${t.totalRow ? `<tr class="total">${t.totalRow.map((v) => `<td${typeof v === 'number' ? ' class="n"' : ''}>${esc(cellText(v))}</td>`).join('')}</tr>` : ''}
  </tbody>
</table>`
}

export function renderParHtml(r: ParModel): string {
  const [title, subtitle] = r.title.split('\n')
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(subtitle)}</title>
<style>
  @page { size: A4; margin: 20mm 20mm 20mm 30mm; }
  body { font-family: 'Times New Roman', 'DejaVu Serif', 'Noto Serif', serif; font-size: 13pt; line-height: 1.45; color: #000; max-width: 165mm; margin: 12mm auto; padding: 0 4mm; }
  .head { display: grid; grid-template-columns: 1fr 1.4fr; text-align: center; gap: 6mm; font-size: 12pt; }
  .head p { margin: 0; }
  .line { display: block; width: 40%; margin: 1mm auto 2mm; border-top: 1px solid #000; }
  .date { text-align: right; font-style: italic; margin: 4mm 0 0; }
  h1 { text-align: center; font-size: 14pt; margin: 8mm 0 0; }
  .sub { text-align: center; font-weight: bold; margin: 0 0 6mm; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; }
  p.text { text-align: justify; text-indent: 10mm; margin: 0 0 2mm; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 2mm 0 4mm; page-break-inside: avoid; }
  caption { font-style: italic; text-align: left; margin-bottom: 1mm; }
  th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; }
  th { font-weight: bold; text-align: center; }
  td.n { text-align: right; }
  tr.total td { font-weight: bold; }
  .signs { display: grid; grid-template-columns: 1fr 1fr; margin-top: 8mm; text-align: center; }
  .signs .name { margin-top: 24mm; font-weight: bold; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
</style>
</head>
<body>
<div class="head">
  <div><p>${esc(r.agency.toUpperCase())}</p><span class="line"></span><p>Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-BQL</p></div>
  <div><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p><span class="line"></span></div>
</div>
<p class="date">${esc(r.dateLine)}</p>
<h1>${esc(title)}</h1>
<p class="sub">${esc(subtitle)}</p>
${r.sections
  .map(
    (s) => `<h2>${esc(s.heading)}</h2>
${s.paragraphs.map((p) => `<p class="text">${esc(p)}</p>`).join('\n')}
${s.tables.map(htmlTable).join('\n')}`,
  )
  .join('\n')}
<div class="signs">
  <div><p><i><b>Nơi nhận:</b></i></p></div>
  <div><p><b>TRƯỞNG BAN</b></p><p><i>(Ký, ghi rõ họ tên)</i></p><p class="name">&nbsp;</p></div>
</div>
</body>
</html>
`
}

export function renderParPdf(r: ParModel): Promise<Buffer> {
  const [title, subtitle] = r.title.split('\n')
  const { doc, bytes } = a4Document({ Title: subtitle, Subject: `Báo cáo cải cách hành chính ${r.periodLabel}`, Author: r.agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const size = 12.5

  const top = doc.y
  const leftW = width * 0.42
  const rightX = left + leftW
  const rightW = width - leftW
  doc.font('head').fontSize(10.5).text(r.agency.toUpperCase(), left, top, { width: leftW, align: 'center' })
  const ruleY = doc.y + 2
  doc.moveTo(left + leftW * 0.3, ruleY).lineTo(left + leftW * 0.7, ruleY).lineWidth(0.6).stroke()
  doc.font('head').text('Số:        /BC-BQL', left, ruleY + 6, { width: leftW, align: 'center' })
  const leftBottom = doc.y
  doc.font('head-bold').fontSize(10.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' })
  doc.fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center' })
  const rightRule = doc.y + 2
  doc.moveTo(rightX + rightW * 0.22, rightRule).lineTo(rightX + rightW * 0.78, rightRule).stroke()
  doc.font('head-italic').fontSize(11).text(r.dateLine, rightX, rightRule + 6, { width: rightW, align: 'center' })
  doc.y = Math.max(leftBottom, doc.y) + 18

  doc.font('bold').fontSize(14).text(title, left, doc.y, { width, align: 'center' })
  doc.fontSize(size).text(subtitle, { width, align: 'center' })
  doc.moveDown(0.8)

  for (const section of r.sections) {
    doc.moveDown(0.4)
    doc.font('bold').fontSize(size).text(section.heading, left, doc.y, { width })
    doc.moveDown(0.2)
    for (const p of section.paragraphs) {
      doc.font('regular').fontSize(size).text(p, left, doc.y, { width, align: 'justify', indent: 28, paragraphGap: 4 })
    }
    for (const t of section.tables) {
      if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage()
      doc.font('italic').fontSize(11).text(t.title, left, doc.y + 4, { width })
      doc.font('regular').fontSize(10.5)
      const numeric = (i: number) => t.rows.every((row) => typeof row[i] === 'number' || row[i] === null)
      doc.table({
        position: { x: left, y: doc.y + 2 },
        maxWidth: width,
        defaultStyle: { padding: 3, border: 0.6 },
        data: [
          t.headings.map((text) => ({ text, font: { src: FONT_BOLD }, align: { x: 'center', y: 'center' } as const, type: 'TH' as const })),
          ...t.rows.map((row) => row.map((v, i) => ({ text: cellText(v), align: { x: numeric(i) ? ('right' as const) : ('left' as const) } }))),
          ...(t.totalRow ? [t.totalRow.map((v, i) => ({ text: cellText(v), font: { src: FONT_BOLD }, align: { x: numeric(i) ? ('right' as const) : ('left' as const) } }))] : []),
        ],
      })
      doc.x = left
      doc.moveDown(0.6)
    }
  }

  doc.moveDown(1)
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const signTop = doc.y
  doc.font('bold').fontSize(11).text('TRƯỞNG BAN', left + width / 2, signTop, { width: width / 2, align: 'center' })
  doc.font('italic').fontSize(10).text('(Ký, ghi rõ họ tên)', left + width / 2, doc.y, { width: width / 2, align: 'center' })
  doc.font('italic').fontSize(11).text('Nơi nhận:', left, signTop, { width: width / 2 })

  numberPages(doc, `Báo cáo CCHC ${r.periodLabel}`)
  doc.end()
  return bytes
}

/** A summary sheet with the narrative, then one sheet per table. */
export async function renderParXlsx(r: ParModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'QMS Tracker'
  const [title, subtitle] = r.title.split('\n')
  const summary = workbook.addWorksheet('Báo cáo')
  summary.getColumn(1).width = 110
  summary.addRow([r.agency.toUpperCase()]).font = { bold: true }
  summary.addRow([`${title} ${subtitle}`]).font = { bold: true, size: 13 }
  summary.addRow([r.dateLine]).font = { italic: true }
  for (const s of r.sections) {
    summary.addRow([])
    summary.addRow([s.heading]).font = { bold: true }
    for (const p of s.paragraphs) summary.addRow([p]).alignment = { wrapText: true, vertical: 'top' }
  }
  for (const s of r.sections) {
    for (const t of s.tables) {
      const sheet = addSheet(workbook, { sheet: t.title.replace(/^Bảng (\d+)\. /, 'B$1 '), title: t.title, subtitle: r.periodLabel, headings: t.headings, rows: t.totalRow ? [...t.rows, t.totalRow] : t.rows })
      if (t.totalRow) sheet.lastRow!.font = { bold: true }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
