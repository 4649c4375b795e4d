/**
 * The parts of the half-year report that make it an official document in the layout of
 * Nghị định 30/2020/NĐ-CP (Phụ lục I): the issuing body, the number line, the place and
 * date, the title, the signature and the recipients. Issuing (number, date, signer,
 * recipients) comes later; until then each is a blank placeholder to fill by hand, and
 * the place name is the agency's (`QMS_AGENCY_PLACE`). The PDF, DOCX and HTML renderers
 * lay these same strings out.
 */
import * as fontkit from 'fontkit'
import type { Font } from 'fontkit'
import type { Config } from '../../config.ts'
import { TIMES } from '../../lib/pdf-document.ts'
import type { Cell } from '../../lib/table-export.ts'
import type { ParColumn, ParModel, ParTable } from './par-model.ts'

/** What issuing a report gives it; anything absent is left blank. */
export interface ParIssue {
  /** `173/BC-BQL`, or the number alone (`173`), to which `/BC-` and the agency's code are added. */
  number?: string
  /** The place name before the date: `Tiền Giang`. */
  place: string
  /** The date of issue, yyyy-mm-dd. */
  date?: string
  /** The signer's authority and position, upper case; lines separated by `\n` (`KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN`). */
  signerTitle?: string
  signerName?: string
  /** Who receives the report, without the leading dash (`Sở Nội vụ`); `Lưu: VT` is added when no item starts with `Lưu`. */
  recipients?: string[]
}

/** A report not yet issued: only the place name, from the configuration. */
export const draftIssue = (config: Pick<Config, 'agencyPlace'>): ParIssue => ({ place: config.agencyPlace })

export interface OfficialParts {
  /** The body above the issuing one (upper case, regular), or null. */
  parentAgency: string | null
  /** The issuing body, upper case (set in bold with a short rule below). */
  agency: string
  /** `Số: 173/BC-BQL`, or `Số:` and blanks before `/BC-BQL`. */
  numberLine: string
  /** `Tiền Giang, ngày 29 tháng 5 năm 2020`, or blanks for the day and month. */
  placeDateLine: string
  /** The kind of document (tên loại): `BÁO CÁO`. */
  kind: string
  /** What it is about (trích yếu), set in bold under the kind. */
  summary: string
  /** The signer's authority and position, one string a line. */
  signerTitle: string[]
  /** Empty when not yet known: the space stays for the hand-written name. */
  signerName: string
  /** `- Sở Nội vụ;` … `- Lưu: VT.` */
  recipients: string[]
}

const BLANK = '\u00a0'.repeat(8)

/**
 * The decree's date: a day below 10 and the months January and February take a leading
 * zero (`ngày 05 tháng 02 năm 2020`), other months do not (`ngày 29 tháng 5 năm 2020`).
 */
export function decreeDate(date: string): string {
  const day = date.slice(8, 10)
  const month = Number(date.slice(5, 7))
  return `ngày ${day} tháng ${month <= 2 ? `0${month}` : month} năm ${date.slice(0, 4)}`
}

/** The usual title of the head of a body, from how its name begins; a generic one otherwise. */
function headOf(agency: string): string {
  const name = agency.trim().toLowerCase()
  const heads: [string, string][] = [
    ['ban ', 'TRƯỞNG BAN'],
    ['sở ', 'GIÁM ĐỐC'],
    ['trung tâm', 'GIÁM ĐỐC'],
    ['văn phòng', 'CHÁNH VĂN PHÒNG'],
    ['phòng ', 'TRƯỞNG PHÒNG'],
    ['chi cục', 'CHI CỤC TRƯỞNG'],
    ['cục ', 'CỤC TRƯỞNG'],
    ['ủy ban', 'CHỦ TỊCH'],
  ]
  return heads.find(([prefix]) => name.startsWith(prefix))?.[1] ?? 'THỦ TRƯỞNG CƠ QUAN'
}

/**
 * The full number of a report: `173` becomes `173/BC-BQL` (the agency's code); a number
 * with its symbol stays as written. The decree writes numbers below 10 with a leading
 * zero (Số: 05/BC-BQL).
 */
export function fullNumber(number: string, agencyCode: string): string {
  const n = number.trim()
  return n.includes('/') ? n : `${/^\d$/.test(n) ? `0${n}` : n}/BC-${agencyCode.toUpperCase()}`
}

export function officialParts(r: ParModel, issue: ParIssue): OfficialParts {
  const symbol = `BC-${r.agencyCode.toUpperCase()}`
  const number = issue.number?.trim()
  const numbered = number ? fullNumber(number, r.agencyCode) : undefined
  const listed = (issue.recipients ?? []).map((x) => x.trim().replace(/^-\s*/, '').replace(/[;.]+$/, '')).filter(Boolean)
  if (!listed.some((x) => /^lưu\b/i.test(x))) listed.push('Lưu: VT')
  return {
    parentAgency: r.parentAgency ? r.parentAgency.toUpperCase() : null,
    agency: r.agency.toUpperCase(),
    numberLine: numbered ? `Số: ${numbered}` : `Số:${BLANK}/${symbol}`,
    placeDateLine: `${issue.place}, ${issue.date ? decreeDate(issue.date) : `ngày${BLANK}tháng${BLANK}năm ${r.asOf.slice(0, 4)}`}`,
    kind: 'BÁO CÁO',
    summary: r.title.split('\n')[1] ?? r.title,
    signerTitle: (issue.signerTitle?.trim() || headOf(r.agency)).toUpperCase().split('\n').map((l) => l.trim()),
    signerName: issue.signerName?.trim() ?? '',
    recipients: listed.map((x, i) => `- ${x}${i === listed.length - 1 ? '.' : ';'}`),
  }
}

/** A cell as the printed report shows it: counts with thousands separators, per cent with one decimal (`95,2`), the unit in the heading. */
export function cellText(value: Cell, column: ParColumn | undefined): string {
  if (value === null) return column === 'percent' ? '—' : ''
  if (typeof value === 'string') return value
  return column === 'percent' ? value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : value.toLocaleString('vi-VN')
}

/** Text on the left, row numbers centred, numbers on the right. */
export const cellAlign = (column: ParColumn | undefined): 'left' | 'center' | 'right' =>
  column === 'count' || column === 'percent' ? 'right' : column === 'ordinal' ? 'center' : 'left'

let metrics: { regular: Font; bold: Font } | undefined
/** Width of a text in points set in Times New Roman (Tinos has the same advance widths), without kerning. */
export function textWidth(text: string, size: number, bold = false): number {
  metrics ??= { regular: fontkit.openSync(TIMES.regular) as Font, bold: fontkit.openSync(TIMES.bold) as Font }
  const font = bold ? metrics.bold : metrics.regular
  let width = 0
  for (const glyph of font.glyphsForString(text.normalize('NFC'))) width += glyph.advanceWidth
  return (width / font.unitsPerEm) * size
}

/** Padding of a table cell on the left and on the right, in points. */
export const CELL_PADDING = 4

/**
 * Column widths (points) sized to their content. Each column has three widths: the least
 * (its longest word; a number never breaks), its content (its longest cell on one line,
 * the heading allowed to wrap) and the most (the heading on one line too). A table whose
 * columns fit at their most is only that wide; otherwise the columns grow from the least
 * towards their content first, then towards their most, each in proportion to what it
 * still wants — so long headings over short numbers wrap before the text of the rows does.
 */
export function columnWidths(t: ParTable, available: number, size: number): number[] {
  const pad = 2 * CELL_PADDING + 1
  const rows = [...t.rows.map((r) => ({ r, bold: false })), ...(t.totalRow ? [{ r: t.totalRow, bold: true }] : [])]
  const longestWord = (s: string, bold: boolean) => Math.max(0, ...s.split(/\s+/).map((w) => textWidth(w, size, bold)))
  const least: number[] = []
  const content: number[] = []
  const most: number[] = []
  t.headings.forEach((heading, i) => {
    const texts = rows.map(({ r, bold }) => ({ s: cellText(r[i] ?? null, t.columns[i]), bold }))
    const numeric = t.columns[i] !== 'text'
    const headingWord = longestWord(heading, true)
    least[i] = pad + Math.max(headingWord, ...texts.map(({ s, bold }) => (numeric ? textWidth(s, size, bold) : longestWord(s, bold))))
    content[i] = pad + Math.max(headingWord, ...texts.map(({ s, bold }) => textWidth(s, size, bold)))
    most[i] = Math.max(content[i], pad + textWidth(heading, size, true))
  })
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const between = (from: number[], to: number[], room: number) => {
    const wanted = sum(to) - sum(from)
    return from.map((w, i) => (wanted > 0 ? w + ((to[i] - w) * Math.max(0, room - sum(from))) / wanted : w))
  }
  if (sum(most) <= available) return most
  if (sum(content) <= available) return between(content, most, available)
  return between(least, content, available)
}
