/**
 * The half-year report as a Word document (the `docx` library) with the layout of the PDF
 * (Nghị định 30/2020/NĐ-CP), ready to edit: Times New Roman by name in the document
 * defaults and styles (Word has it; the PDF embeds Tinos, which has its metrics), the
 * decree's margins, the header and the signature as borderless tables, section headings
 * in the Heading 1 style (so they show in Word's navigation pane), body paragraphs in a
 * "Báo cáo – đoạn văn" style, real tables with columns sized like the PDF's, and page
 * numbers at the top from page 2.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
} from 'docx'
import type { ParModel, ParTable } from './par-model.ts'
import { CELL_PADDING, cellAlign, cellText, columnWidths, officialParts, textWidth, type ParIssue } from './par-official.ts'

const FONT = 'Times New Roman'
/** Twips (1/20 pt) per millimetre and per point. */
const MM = 1440 / 25.4
const PT = 20
const PAGE = { width: Math.round(210 * MM), height: Math.round(297 * MM) }
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) }
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
const TABLE_SIZE = 13
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const NO_BORDERS = TableBorders.NONE

/** Run sizes are in half-points. */
const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, bold: options.bold, italics: options.italics, size: options.size ? options.size * 2 : undefined })

const centred = (children: TextRun[], options: Partial<IParagraphOptions> = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...options, children })

/**
 * The decree's short rules (under the issuing body, the motto and the summary): an empty
 * paragraph whose bottom border, narrowed by its indents, is `length` twips long and
 * centred in a space `within` twips wide.
 */
function rule(length: number, within: number) {
  const side = Math.max(0, Math.round((within - length) / 2))
  return new Paragraph({ indent: { left: side, right: side }, border: { bottom: { ...LINE, space: 1 } }, spacing: { before: 0, after: 0, line: 60, lineRule: 'exact' }, children: [run('', { size: 3 })] })
}

const cell = (children: Paragraph[], width: number, options: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children, width: { size: Math.round(width), type: WidthType.DXA }, ...options })

export async function renderParDocx(r: ParModel, issue: ParIssue): Promise<Buffer> {
  const o = officialParts(r, issue)
  const leftW = Math.round(TEXT_WIDTH * 0.4)
  const rightW = TEXT_WIDTH - leftW
  const motto = 'Độc lập - Tự do - Hạnh phúc'

  // The header: the issuing body and the national name side by side, the number and the place and date under them.
  const header = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    // No cell margins: the national name (13 pt bold) takes nearly all of its column.
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(o.parentAgency ? [centred([run(o.parentAgency, { size: 13 })])] : []),
              centred([run(o.agency, { bold: true, size: 13 })]),
              rule(Math.min(textWidth(o.agency, 13, true) * PT, leftW) * 0.4, leftW),
            ],
            leftW,
          ),
          cell([centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })]), centred([run(motto, { bold: true, size: 14 })]), rule(textWidth(motto, 14, true) * PT, rightW)], rightW),
        ],
      }),
      new TableRow({
        children: [
          cell([centred([run(o.numberLine, { size: 13 })], { spacing: { before: 120 } })], leftW),
          cell([centred([run(o.placeDateLine, { italics: true, size: 14 })], { spacing: { before: 120 } })], rightW),
        ],
      }),
    ],
  })

  const body: (Paragraph | Table)[] = [
    header,
    centred([run(o.kind, { bold: true, size: 14 })], { spacing: { before: 480 } }),
    centred([run(o.summary, { bold: true, size: 14 })]),
    rule(Math.min(textWidth(o.summary, 14, true) * PT, TEXT_WIDTH) * 0.4, TEXT_WIDTH),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ]
  for (const s of r.sections) {
    body.push(new Paragraph({ style: 'Heading1', children: [new TextRun(s.heading)] }))
    for (const p of s.paragraphs) body.push(new Paragraph({ style: 'ReportBody', children: [new TextRun(p)] }))
    for (const t of s.tables) body.push(...table(t))
  }

  // The recipients on the left, the signature on the right.
  const half = Math.round(TEXT_WIDTH / 2)
  body.push(
    new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [half, TEXT_WIDTH - half],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            cell([new Paragraph({ spacing: { after: 0 }, children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }), ...o.recipients.map((x) => new Paragraph({ spacing: { after: 0 }, children: [run(x, { size: 11 })] }))], half),
            cell(
              [
                ...o.signerTitle.map((l) => centred([run(l, { bold: true, size: 14 })])),
                // The space for the signature and the seal (about 25 mm).
                new Paragraph({ spacing: { before: 0, after: 0, line: Math.round(25 * MM), lineRule: 'exact' }, children: [] }),
                centred([run(o.signerName, { bold: true, size: 14 })]),
              ],
              TEXT_WIDTH - half,
            ),
          ],
        }),
      ],
    }),
  )

  const document = new Document({
    creator: 'QMS Tracker',
    title: o.summary,
    subject: `Báo cáo cải cách hành chính ${r.periodLabel}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { after: 0 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { indent: { firstLine: Math.round(12.7 * MM) }, spacing: { before: 120, after: 120 }, keepNext: true } },
      },
      paragraphStyles: [
        {
          id: 'ReportBody',
          name: 'Báo cáo – đoạn văn',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(12.7 * MM) }, spacing: { before: 0, after: 120, line: 288 } },
        },
        { id: 'TableTitle', name: 'Báo cáo – tên bảng', basedOn: 'Normal', run: { bold: true, size: TABLE_SIZE * 2 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true } },
        { id: 'TableText', name: 'Báo cáo – chữ trong bảng', basedOn: 'Normal', run: { size: TABLE_SIZE * 2 }, paragraph: { spacing: { before: 20, after: 20 } } },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } } },
        // The decree: page numbers centred at the top, none on the first page.
        headers: {
          default: new Header({ children: [centred([new TextRun({ children: [PageNumber.CURRENT], size: 26 })])] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: body,
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** A table's title and the table, its columns as wide as the PDF's, headings repeated on each page. */
function table(t: ParTable): (Paragraph | Table)[] {
  const margins = { left: CELL_PADDING * PT, right: CELL_PADDING * PT, top: 0, bottom: 0 }
  // Two points more a column than the PDF's: Word counts the borders inside the cell.
  const widths = columnWidths(t, TEXT_WIDTH / PT - 2 * t.headings.length, TABLE_SIZE).map((w) => Math.round((w + 2) * PT))
  const total = widths.reduce((a, b) => a + b, 0)
  const align = (i: number) => ({ left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT })[cellAlign(t.columns[i])]
  const row = (cells: string[], options: { bold?: boolean; heading?: boolean }) =>
    new TableRow({
      tableHeader: options.heading,
      cantSplit: true,
      children: cells.map((text, i) =>
        cell([new Paragraph({ style: 'TableText', alignment: options.heading ? AlignmentType.CENTER : align(i), children: [new TextRun({ text, bold: options.bold })] })], widths[i], { margins, verticalAlign: VerticalAlignTable.CENTER }),
      ),
    })
  return [
    new Paragraph({ style: 'TableTitle', children: [new TextRun(t.title)] }),
    new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins,
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
      rows: [
        row(t.headings, { bold: true, heading: true }),
        ...t.rows.map((r) => row(r.map((v, i) => cellText(v, t.columns[i])), {})),
        ...(t.totalRow ? [row(t.totalRow.map((v, i) => cellText(v, t.columns[i])), { bold: true })] : []),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ]
}
