/**
 * The NC register (Sổ theo dõi sự không phù hợp) as a spreadsheet: every nonconformity the
 * caller may read that passes the list's filters, one row each, newest first. Read page
 * by page through the list itself, so scope and filters are the list's own.
 */
import type { Db } from '../../../db/client.ts'
import { agencyToday, localDate, type ServiceEnv } from '../../lib/clock.ts'
import { HttpProblem } from '../../lib/problems.ts'
import { exportTable, vnDate, type Cell, type ExportedFile } from '../../lib/table-export.ts'
import type { Actor } from '../../lib/permissions.ts'
import type { NonconformityQuery, NonconformitySummary } from './schemas.ts'
import { listNonconformities } from './service.ts'

type Lang = 'vi' | 'en'
/** Rows one export may hold: a province's register for several years fits; more is a narrower filter's job. */
export const REGISTER_MAX_ROWS = 100_000

export const SOURCE: Record<string, [string, string]> = {
  finding: ['Phát hiện khi kiểm tra', 'Inspection finding'],
  complaint: ['Phản ánh, kiến nghị', 'Complaint'],
  internal_audit: ['Đánh giá nội bộ', 'Internal audit'],
  late_dossier: ['Hồ sơ trễ hạn', 'Late dossier'],
  objective: ['Mục tiêu chất lượng không đạt', 'Objective off target'],
  management_review: ['Xem xét của lãnh đạo', 'Management review'],
  other: ['Khác', 'Other'],
}
export const SEVERITY: Record<string, [string, string]> = { major: ['Nặng', 'Major'], minor: ['Nhẹ', 'Minor'] }
const STATUS: Record<string, [string, string]> = {
  draft: ['Mới ghi nhận', 'Draft'],
  analysis: ['Phân tích nguyên nhân', 'Analysis'],
  action_planned: ['Đã lập kế hoạch khắc phục', 'Action planned'],
  in_progress: ['Đang khắc phục', 'In progress'],
  pending_verification: ['Chờ kiểm tra hiệu lực', 'Awaiting verification'],
  verified: ['Đã kiểm tra hiệu lực', 'Verified'],
  closed: ['Đã đóng', 'Closed'],
  cancelled: ['Đã hủy', 'Cancelled'],
}

export async function exportNcRegister(db: Db, actor: Actor, query: Omit<NonconformityQuery, 'limit' | 'cursor'>, format: 'csv' | 'xlsx', lang: Lang, env: ServiceEnv): Promise<ExportedFile> {
  const items: NonconformitySummary[] = []
  let cursor: string | undefined
  do {
    const page = await listNonconformities(db, actor, { ...query, limit: 500, cursor }, env)
    items.push(...page.items)
    if (items.length > REGISTER_MAX_ROWS) {
      throw new HttpProblem(413, 'export-too-large', 'Too many rows', 'nonconformity.register-too-large', { limit: REGISTER_MAX_ROWS }, undefined, {}, { limit: REGISTER_MAX_ROWS })
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const today = agencyToday(env)
  const t = (pair: [string, string] | undefined, fallback: string) => (pair ? pair[lang === 'vi' ? 0 : 1] : fallback)
  const l = (vi: string, en: string) => (lang === 'vi' ? vi : en)
  const rows: Cell[][] = items.map((nc, i) => [
    i + 1,
    nc.code,
    vnDate(nc.detectedOn),
    nc.orgUnit.name,
    nc.title,
    t(SOURCE[nc.source], nc.source),
    t(SEVERITY[nc.severity], nc.severity),
    nc.clauseNumbers.join(', '),
    vnDate(nc.dueDate),
    t(STATUS[nc.status], nc.status),
    nc.daysOverdue,
    `${nc.actionsTotal - nc.actionsOpen}/${nc.actionsTotal}`,
    nc.closedAt ? vnDate(localDate(new Date(nc.closedAt), env.config.timeZone)) : null,
  ])
  return exportTable(
    {
      name: `so-theo-doi-khong-phu-hop_${today}`,
      sheet: l('Sổ theo dõi KPH', 'NC register'),
      title: l('SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC', 'REGISTER OF NONCONFORMITIES AND CORRECTIVE ACTIONS'),
      subtitle: l(`Lập ngày ${vnDate(today)}: ${items.length} sự không phù hợp`, `Made on ${today}: ${items.length} nonconformities`),
      headings: [
        l('STT', 'No.'),
        l('Số', 'Code'),
        l('Ngày phát hiện', 'Detected'),
        l('Đơn vị', 'Unit'),
        l('Nội dung', 'Title'),
        l('Nguồn', 'Source'),
        l('Mức độ', 'Severity'),
        l('Điều khoản ISO 9001', 'ISO 9001 clauses'),
        l('Hạn xử lý', 'Due'),
        l('Trạng thái', 'Status'),
        l('Số ngày quá hạn', 'Days overdue'),
        l('Hành động hoàn thành', 'Actions done'),
        l('Ngày đóng', 'Closed'),
      ],
      rows,
    },
    format,
  )
}
