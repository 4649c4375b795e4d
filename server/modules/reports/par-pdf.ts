/**
 * The half-year report as an A4 PDF in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * Tinos (Times New Roman's metrics, every Vietnamese glyph) embedded; the decree's
 * margins; the two-column header (issuing body over its rule and the number; national
 * name and motto over its rule and the place and date in italics); the kind and summary
 * in bold, centred; numbered sections in 14 pt; tables with columns sized to their
 * content; the recipients beside the signature; page numbers at the top from page 2.
 */
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

/** A horizontal rule of `length` centred on `centre`. */
const rule = (doc: Doc, centre: number, y: number, length: number) => doc.moveTo(centre - length / 2, y).lineTo(centre + length / 2, y).lineWidth(0.6).stroke()

/** The narrowest width that wraps a text into no more lines than `width` does, so that its lines come out even (current font). */
function balancedWidth(doc: Doc, text: string, width: number) {
  const lines = (w: number) => Math.round(doc.heightOfString(text, { width: w }) / doc.currentLineHeight(true))
  const n = lines(width)
  let low = width / (n + 1)
  let high = width
  while (high - low > 2) {
    const mid = (low + high) / 2
    if (lines(mid) > n) low = mid
    else high = mid
  }
  return high + 1
}

/** The width of the longest line a text takes once wrapped to `width`, in the current font. */
function longestLine(doc: Doc, text: string, width: number) {
  let line = ''
  let longest = 0
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word
    if (doc.widthOfString(next) > width && line) {
      longest = Math.max(longest, doc.widthOfString(line))
      line = word
    } else line = next
  }
  return Math.max(longest, doc.widthOfString(line))
}

export function renderParPdf(r: ParModel, issue: ParIssue): Promise<Buffer> {
  const o = officialParts(r, issue)
  const { doc, bytes } = decreeDocument({ Title: o.summary, Subject: `Báo cáo cải cách hành chính ${r.periodLabel}`, Author: r.agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom

  // The header: two columns, the issuing body on the left (40 %), the national name on the right.
  const top = doc.y
  const leftW = width * 0.4
  const rightX = left + leftW
  const rightW = width - leftW
  let y = top
  if (o.parentAgency) {
    doc.font('regular').fontSize(13).text(o.parentAgency, left, y, { width: leftW, align: 'center' })
    y = doc.y
  }
  doc.font('bold').fontSize(13)
  const agencyW = balancedWidth(doc, o.agency, leftW)
  doc.text(o.agency, left + (leftW - agencyW) / 2, y, { width: agencyW, align: 'center' })
  // The decree: a rule under the issuing body a third to a half as long as its line.
  rule(doc, left + leftW / 2, doc.y + 3, longestLine(doc, o.agency, agencyW) * 0.4)
  const leftBottom = doc.y + 3
  doc.font('bold').fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' })
  doc.fontSize(14).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' })
  // …and under the motto a rule as long as the motto.
  rule(doc, rightX + rightW / 2, doc.y + 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'))
  const lineY = Math.max(leftBottom, doc.y + 2) + 8
  doc.font('regular').fontSize(13).text(o.numberLine, left, lineY, { width: leftW, align: 'center' })
  doc.font('italic').fontSize(14).text(o.placeDateLine, rightX, lineY, { width: rightW, align: 'center' })

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
