/**
 * The parts of the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I) that every official paper
 * shares, drawn with pdfkit on a `decreeDocument` (Tinos as regular / bold / italic): the
 * two-column header — the issuing body over its rule and the number line on the left, the
 * national name and motto over its rule and the place and date in italics on the right.
 * The half-year report and the desk's receipt slip use it.
 */
type Doc = PDFKit.PDFDocument

export interface DecreeHeader {
  /** The body above the issuing one (upper case, regular), or null. */
  parentAgency: string | null
  /** The issuing body, upper case, in bold. */
  agency: string
  /** `Số: 173/BC-BQL`. */
  numberLine: string
  /** `Tiền Giang, ngày 29 tháng 5 năm 2020`. */
  placeDateLine: string
}

/** A horizontal rule of `length` centred on `centre`. */
export const rule = (doc: Doc, centre: number, y: number, length: number) => doc.moveTo(centre - length / 2, y).lineTo(centre + length / 2, y).lineWidth(0.6).stroke()

/** The narrowest width that wraps a text into no more lines than `width` does, so that its lines come out even (current font). */
export function balancedWidth(doc: Doc, text: string, width: number) {
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
export function longestLine(doc: Doc, text: string, width: number) {
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

/** Draws the header from the top margin; leaves `doc.y` under the number and date lines. */
export function drawDecreeHeader(doc: Doc, o: DecreeHeader) {
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
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
}
