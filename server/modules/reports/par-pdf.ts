/**
 * The half-year report as an A4 PDF in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * Tinos (Times New Roman's metrics, every Vietnamese glyph) embedded; the decree's
 * margins; the two-column header (issuing body over its rule and the number; national
 * name and motto over its rule and the place and date in italics); the kind and summary
 * in bold, centred; numbered sections in 14 pt; tables with columns sized to their
 * content; the recipients beside the signature; page numbers at the top from page 2.
 */
import { balancedWidth, drawDecreeHeader, longestLine, rule } from '../../lib/decree-layout.ts'
import { decreeDocument, MM, numberPagesAtTop, TIMES } from '../../lib/pdf-document.ts'
import type { ParModel, ParTable } from './par-model.ts'
import { CELL_PADDING, cellAlign, cellText, columnWidths, officialParts, type ParIssue } from './par-official.ts'

const BODY = 14
const TABLE = 13
/** First-line indent of paragraphs and section headings (1.27 cm). */
const INDENT = 12.7 * MM
const PARAGRAPH_GAP = 6
/** Added to Times' single line (1.15 em) in body paragraphs: about 1.2 lines, as the DOCX's. */
const LINE_GAP = 3

type Doc = PDFKit.PDFDocument

export function renderParPdf(r: ParModel, issue: ParIssue): Promise<Buffer> {
  const o = officialParts(r, issue)
  const { doc, bytes } = decreeDocument({ Title: o.summary, Subject: `Báo cáo cải cách hành chính ${r.periodLabel}`, Author: r.agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom

  drawDecreeHeader(doc, o)

  // The kind and the summary, bold and centred, a short rule below.
  doc.font('bold').fontSize(14).text(o.kind, left, doc.y + 24, { width, align: 'center' })
  const summaryW = balancedWidth(doc, o.summary, width)
  doc.text(o.summary, left + (width - summaryW) / 2, doc.y, { width: summaryW, align: 'center' })
  rule(doc, left + width / 2, doc.y + 5, longestLine(doc, o.summary, summaryW) * 0.4)
  doc.y += 14

  for (const section of r.sections) {
    if (doc.y + 60 > bottom()) doc.addPage()
    doc.font('bold').fontSize(BODY).text(section.heading, left, doc.y + 4, { width, indent: INDENT, paragraphGap: PARAGRAPH_GAP })
    for (const p of section.paragraphs) {
      doc.font('regular').fontSize(BODY).text(p, left, doc.y, { width, align: 'justify', indent: INDENT, paragraphGap: PARAGRAPH_GAP, lineGap: LINE_GAP })
    }
    for (const t of section.tables) drawTable(doc, t, left, width, bottom)
  }

  // The recipients on the left and the signature on the right, side by side.
  doc.y += 10
  const signatureHeight = 40 + o.signerTitle.length * 17 + 25 * MM
  if (doc.y + Math.max(signatureHeight, 30 + o.recipients.length * 13) > bottom()) doc.addPage()
  const signTop = doc.y
  const half = width / 2
  doc.font('bold-italic').fontSize(12).text('Nơi nhận:', left, signTop, { width: half - 12 })
  doc.font('regular').fontSize(11).text(o.recipients.join('\n'), left, doc.y, { width: half - 12 })
  doc.font('bold').fontSize(14).text(o.signerTitle.join('\n'), left + half, signTop, { width: half, align: 'center' })
  doc.y += 25 * MM
  if (o.signerName) doc.text(o.signerName, left + half, doc.y, { width: half, align: 'center' })

  numberPagesAtTop(doc)
  doc.end()
  return bytes
}

function drawTable(doc: Doc, t: ParTable, left: number, width: number, bottom: () => number) {
  // Keep the title with the first rows.
  if (doc.y + 100 > bottom()) doc.addPage()
  doc.font('bold').fontSize(TABLE).text(t.title, left, doc.y + 2, { width, align: 'center', paragraphGap: 3 })
  const widths = columnWidths(t, width, TABLE)
  const tableWidth = widths.reduce((a, b) => a + b, 0)
  const padding: [number, number, number, number] = [2, CELL_PADDING, 2, CELL_PADDING]
  doc.font('regular').fontSize(TABLE)
  doc.table({
    position: { x: left + (width - tableWidth) / 2, y: doc.y },
    maxWidth: tableWidth,
    columnStyles: widths.map((w) => ({ width: w })),
    defaultStyle: { padding, border: 0.6 },
    data: [
      t.headings.map((text) => ({ text, font: { src: TIMES.bold }, align: { x: 'center', y: 'center' } as const, type: 'TH' as const })),
      ...t.rows.map((row) => row.map((v, i) => ({ text: cellText(v, t.columns[i]), align: { x: cellAlign(t.columns[i]), y: 'center' } as const }))),
      ...(t.totalRow ? [t.totalRow.map((v, i) => ({ text: cellText(v, t.columns[i]), font: { src: TIMES.bold }, align: { x: cellAlign(t.columns[i]), y: 'center' } as const }))] : []),
    ],
  })
  doc.x = left
  doc.y += PARAGRAPH_GAP + 4
}
