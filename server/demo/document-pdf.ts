/**
 * Small, real PDFs for the demo documents, in the agency's internal layout: header
 * (code, issue number, issue date), revision table, sign-off grid (Soạn thảo / Xem xét /
 * Phê duyệt), then the numbered sections. pdfkit writes them; DejaVu Sans carries the
 * Vietnamese letters (pdfkit's built-in fonts have none).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import type { Font } from 'fontkit'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
// The font is parsed once (fontkit) and handed to every document as its starting font,
// which also spares pdfkit from loading Helvetica each time: ~6 ms a file instead of ~35.
// One face only; headings stand out by size.
let font: Font | undefined
const loadFont = () => (font ??= fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))) as Font)

export interface PdfRevisionLine {
  issueNumber: number
  date: string
  summary: string
}

export interface PdfSignature {
  role: string
  name: string
  position: string | null
}

export interface DocumentPdf {
  agency: string
  code: string
  title: string
  issueNumber: number
  /** dd/MM/yyyy */
  issueDate: string
  edition: string
  history: PdfRevisionLine[]
  signatures: PdfSignature[]
  sections: { heading: string; body: string }[]
}

/** Renders the document; resolves with the PDF bytes. */
export function renderDocumentPdf(content: DocumentPdf): Promise<Buffer> {
  const doc = new PDFDocument({
    // pdfkit takes a parsed fontkit font wherever it takes a font file (its types say only files).
    font: loadFont() as unknown as string,
    size: 'A4',
    margin: 50,
    info: { Title: `${content.code} ${content.title}`, Author: content.agency, Subject: `Lần ban hành ${content.issueNumber}` },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc.fontSize(10).text(content.agency.toUpperCase(), { align: 'center' })
  doc.moveDown(0.6)
  doc.fontSize(15).text(content.title.toUpperCase(), { align: 'center' })
  doc.moveDown(0.4)
  doc
    
    .fontSize(9.5)
    .text(`Mã hiệu: ${content.code}    Lần ban hành: ${String(content.issueNumber).padStart(2, '0')}    Ngày ban hành: ${content.issueDate}    Theo TCVN ISO 9001:${content.edition}`, { align: 'center' })
  doc.moveDown()

  doc.fontSize(10).text('THEO DÕI SỬA ĐỔI TÀI LIỆU')
  doc.fontSize(9)
  for (const line of content.history) {
    doc.text(`Lần ${String(line.issueNumber).padStart(2, '0')} — ${line.date} — ${line.summary}`, { width })
  }
  doc.moveDown()

  // The sign-off grid: one column per signature.
  const top = doc.y
  const column = width / Math.max(1, content.signatures.length)
  content.signatures.forEach((s, i) => {
    const x = left + i * column
    doc.rect(x, top, column, 62).stroke('#888888')
    doc.fontSize(9).text(s.role, x + 6, top + 6, { width: column - 12, align: 'center' })
    doc.fontSize(9).text(s.name, x + 6, top + 26, { width: column - 12, align: 'center' })
    if (s.position) doc.fontSize(8).fillColor('#555555').text(s.position, x + 6, top + 40, { width: column - 12, align: 'center' }).fillColor('black')
  })
  doc.x = left
  doc.y = top + 76

  for (const section of content.sections) {
    doc.fontSize(11).text(section.heading, left, doc.y, { width })
    doc.fontSize(10).text(section.body, { width, align: 'justify' })
    doc.moveDown(0.6)
  }
  doc.end()
  return done
}
