/**
 * The statistics table as a file, with the two-level headings officials know from the
 * one-stop-shop report form: received (total, carried over, online, in person, postal),
 * resolved (total, early, on time, late), in progress (total, not yet due, overdue),
 * returned / withdrawn, % on time.
 */
import ExcelJS from 'exceljs'
import { toCsv } from '../../lib/table-export.ts'
import { MIME } from '../../lib/uploads.ts'
import type { DossierStats, StatsRow } from './schemas.ts'

type Lang = 'vi' | 'en'

interface Group {
  title: Record<Lang, string>
  columns: { key: keyof StatsRow; title: Record<Lang, string> }[]
}

export const STATS_COLUMNS: Group[] = [
  {
    title: { vi: 'Số hồ sơ nhận giải quyết', en: 'Received' },
    columns: [
      { key: 'receivedTotal', title: { vi: 'Tổng số', en: 'Total' } },
      { key: 'carriedOver', title: { vi: 'Từ kỳ trước', en: 'Carried over' } },
      { key: 'receivedOnline', title: { vi: 'Trực tuyến', en: 'Online' } },
      { key: 'receivedInPerson', title: { vi: 'Trực tiếp', en: 'In person' } },
      { key: 'receivedPostal', title: { vi: 'Bưu chính công ích', en: 'By post' } },
    ],
  },
  {
    title: { vi: 'Số hồ sơ đã giải quyết', en: 'Resolved' },
    columns: [
      { key: 'resolvedTotal', title: { vi: 'Tổng số', en: 'Total' } },
      { key: 'resolvedEarly', title: { vi: 'Trước hạn', en: 'Early' } },
      { key: 'resolvedOnTime', title: { vi: 'Đúng hạn', en: 'On time' } },
      { key: 'resolvedLate', title: { vi: 'Quá hạn', en: 'Late' } },
    ],
  },
  {
    title: { vi: 'Số hồ sơ đang giải quyết', en: 'In progress' },
    columns: [
      { key: 'pendingTotal', title: { vi: 'Tổng số', en: 'Total' } },
      { key: 'pendingNotDue', title: { vi: 'Chưa đến hạn', en: 'Not yet due' } },
      { key: 'pendingOverdue', title: { vi: 'Quá hạn', en: 'Overdue' } },
    ],
  },
  { title: { vi: 'Trả lại / rút hồ sơ', en: 'Returned / withdrawn' }, columns: [{ key: 'returnedOrWithdrawn', title: { vi: '', en: '' } }] },
  { title: { vi: 'Tỷ lệ trước hạn và đúng hạn (%)', en: '% early or on time' }, columns: [{ key: 'onTimeRate', title: { vi: '', en: '' } }] },
]

const GROUP_TITLES: Record<DossierStats['groupBy'], Record<Lang, string>> = {
  orgUnit: { vi: 'Đơn vị', en: 'Unit' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedure' },
  channel: { vi: 'Hình thức tiếp nhận', en: 'Channel' },
}
const TOTAL: Record<Lang, string> = { vi: 'Tổng cộng', en: 'Total' }

function tableRows(stats: DossierStats, lang: Lang) {
  const heading1: string[] = [lang === 'vi' ? 'STT' : 'No.', GROUP_TITLES[stats.groupBy][lang]]
  const heading2: string[] = ['', '']
  for (const group of STATS_COLUMNS) {
    group.columns.forEach((c, i) => {
      heading1.push(i === 0 ? group.title[lang] : '')
      heading2.push(c.title[lang])
    })
  }
  const values = (row: StatsRow) => STATS_COLUMNS.flatMap((g) => g.columns.map((c) => row[c.key] as number | null))
  const body = stats.rows.map((row, i) => [i + 1, row.code && stats.groupBy === 'procedure' ? `${row.code} – ${row.label}` : row.label, ...values(row)])
  const total = ['', TOTAL[lang], ...values(stats.total)]
  return { heading1, heading2, body, total }
}

export async function exportStats(stats: DossierStats, format: 'csv' | 'xlsx', lang: Lang) {
  const name = `thong-ke-ho-so_${stats.from}_${stats.to}`
  const { heading1, heading2, body, total } = tableRows(stats, lang)
  if (format === 'csv') {
    const csv = toCsv([heading1, heading2, ...body, total])
    return { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv, 'utf8') }
  }
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(lang === 'vi' ? 'Thống kê' : 'Statistics')
  const period = lang === 'vi' ? `Từ ngày ${vn(stats.from)} đến ngày ${vn(stats.to)}` : `From ${vn(stats.from)} to ${vn(stats.to)}`
  sheet.addRow([lang === 'vi' ? 'THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH' : 'ADMINISTRATIVE PROCEDURE DOSSIERS', ''])
  sheet.addRow([period])
  const top = sheet.addRow(heading1)
  const second = sheet.addRow(heading2)
  // Merge each group's title across its columns, and single-column headings down two rows.
  sheet.mergeCells(top.number, 1, second.number, 1)
  sheet.mergeCells(top.number, 2, second.number, 2)
  let col = 3
  for (const group of STATS_COLUMNS) {
    const width = group.columns.length
    if (width > 1) sheet.mergeCells(top.number, col, top.number, col + width - 1)
    else sheet.mergeCells(top.number, col, second.number, col)
    col += width
  }
  for (const row of [top, second]) {
    row.font = { bold: true }
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  }
  for (const r of body) sheet.addRow(r)
  const totalRow = sheet.addRow(total)
  totalRow.font = { bold: true }
  sheet.getColumn(1).width = 6
  sheet.getColumn(2).width = 48
  for (let c = 3; c < col; c++) sheet.getColumn(c).width = 12
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { filename: `${name}.xlsx`, contentType: MIME.xlsx, body: buffer }
}

const vn = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
