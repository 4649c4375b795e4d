/** The dashboard's tables as CSV or XLSX, with headings in Vietnamese or English. */
import { exportTable, vnDate, type Cell, type Table } from '../../lib/table-export.ts'
import type { ComplianceSummary, ComplianceTable } from './schemas.ts'

type Lang = 'vi' | 'en'
const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en)
const pct = (rate: number | null): Cell => (rate === null ? null : Math.round(rate * 1000) / 10)

const CATEGORY: Record<string, [string, string]> = {
  attendance: ['Thời gian làm việc', 'Working hours'],
  id_badge: ['Đeo thẻ', 'ID badge'],
  conduct: ['Tác phong, ứng xử', 'Conduct'],
  on_time_handling: ['Xử lý đúng hạn', 'On-time handling'],
  public_posting: ['Niêm yết công khai', 'Public posting'],
  documented_information: ['Thông tin dạng văn bản', 'Documented information'],
  other: ['Khác', 'Other'],
}
const KIND: Record<string, [string, string]> = {
  self: ['Tự kiểm tra', 'Self-inspection'],
  internal: ['Kiểm tra nội bộ', 'Internal inspection'],
  briefing: ['Lồng ghép trong họp giao ban', 'At a briefing meeting'],
  unannounced: ['Kiểm tra đột xuất', 'Unannounced'],
  internal_audit: ['Đánh giá nội bộ ISO', 'Internal ISO audit'],
}
const STATUS: Record<string, [string, string]> = {
  planned: ['Kế hoạch', 'Planned'],
  in_progress: ['Đang thực hiện', 'In progress'],
  completed: ['Hoàn thành', 'Completed'],
  cancelled: ['Hủy', 'Cancelled'],
}
const CLASSIFICATION: Record<string, [string, string]> = {
  major_nc: ['Không phù hợp nặng', 'Major nonconformity'],
  minor_nc: ['Không phù hợp nhẹ', 'Minor nonconformity'],
  observation: ['Điểm lưu ý', 'Observation'],
  improvement_opportunity: ['Cơ hội cải tiến', 'Improvement opportunity'],
}
const HANDLING: Record<string, [string, string]> = {
  on_spot_reminder: ['Nhắc nhở tại chỗ', 'Reminded on the spot'],
  criticism: ['Phê bình', 'Criticism'],
  self_review: ['Kiểm điểm', 'Self-review'],
  nc_raised: ['Lập phiếu không phù hợp', 'Nonconformity raised'],
  none: ['Chưa xử lý', 'Not yet handled'],
}
const label = (map: Record<string, [string, string]>, key: string, lang: Lang) => (map[key] ? map[key][lang === 'vi' ? 0 : 1] : key)

export function complianceTable(s: ComplianceSummary, table: ComplianceTable, lang: Lang): Table {
  const scope = s.orgUnit ? `${s.orgUnit.name} — ` : ''
  const subtitle = `${scope}${t(lang, `Từ ngày ${vnDate(s.from)} đến ngày ${vnDate(s.to)}`, `From ${vnDate(s.from)} to ${vnDate(s.to)}`)}`
  const base = { subtitle, name: `${table}_${s.from}_${s.to}` }
  switch (table) {
    case 'criteria': {
      const categories = s.criteria.overall.map((c) => c.category)
      return {
        ...base,
        sheet: t(lang, 'Tiêu chí theo đơn vị', 'Criteria by unit'),
        title: t(lang, 'Tỷ lệ đạt theo tiêu chí kiểm tra và đơn vị (%)', 'Pass rate by criterion and unit (%)'),
        headings: [t(lang, 'Mã đơn vị', 'Unit code'), t(lang, 'Đơn vị', 'Unit'), ...categories.map((c) => label(CATEGORY, c, lang)), t(lang, 'Chung', 'All criteria')],
        rows: [
          ...s.criteria.units.map((u) => [u.code, u.name, ...categories.map((c) => pct(u.cells.find((x) => x.category === c)?.passRate ?? null)), pct(u.passRate)]),
          ['', t(lang, 'Toàn cơ quan', 'Whole scope'), ...s.criteria.overall.map((c) => pct(c.passRate)), pct(overallRate(s))],
        ],
      }
    }
    case 'inspections':
      return {
        ...base,
        sheet: t(lang, 'Cuộc kiểm tra', 'Inspections'),
        title: t(lang, 'Số cuộc kiểm tra theo hình thức và trạng thái', 'Inspections by kind and status'),
        headings: [t(lang, 'Nhóm', 'Group'), t(lang, 'Nội dung', 'Value'), t(lang, 'Số cuộc', 'Count')],
        rows: [
          ...Object.entries(s.inspections.byKind).map(([k, v]) => [t(lang, 'Hình thức', 'Kind'), label(KIND, k, lang), v]),
          ...Object.entries(s.inspections.byStatus).map(([k, v]) => [t(lang, 'Trạng thái', 'Status'), label(STATUS, k, lang), v]),
          [t(lang, 'Tổng', 'Total'), '', s.inspections.total],
        ],
      }
    case 'findings':
      return {
        ...base,
        sheet: t(lang, 'Phát hiện', 'Findings'),
        title: t(lang, 'Phát hiện theo phân loại và cách xử lý', 'Findings by classification and handling'),
        headings: [t(lang, 'Nhóm', 'Group'), t(lang, 'Nội dung', 'Value'), t(lang, 'Số lượng', 'Count')],
        rows: [
          ...Object.entries(s.findings.byClassification).map(([k, v]) => [t(lang, 'Phân loại', 'Classification'), label(CLASSIFICATION, k, lang), v]),
          ...Object.entries(s.findings.byHandling).map(([k, v]) => [t(lang, 'Xử lý', 'Handling'), label(HANDLING, k, lang), v]),
          [t(lang, 'Tổng', 'Total'), '', s.findings.total],
        ],
      }
    case 'monthly':
      return {
        ...base,
        sheet: s.seriesGrain === 'year' ? t(lang, 'Theo năm', 'By year') : t(lang, 'Theo tháng', 'By month'),
        title: s.seriesGrain === 'year' ? t(lang, 'Diễn biến theo năm', 'Year by year') : t(lang, 'Diễn biến theo tháng', 'Month by month'),
        headings: [
          s.seriesGrain === 'year' ? t(lang, 'Năm', 'Year') : t(lang, 'Tháng', 'Month'),
          t(lang, 'Cuộc kiểm tra', 'Inspections'),
          t(lang, 'Tỷ lệ đạt (%)', 'Pass rate (%)'),
          t(lang, 'Hồ sơ tiếp nhận', 'Dossiers received'),
          t(lang, 'Tỷ lệ trực tuyến (%)', 'Online share (%)'),
          t(lang, 'Hồ sơ đã giải quyết', 'Dossiers resolved'),
          t(lang, 'Tỷ lệ đúng hạn (%)', 'On-time rate (%)'),
          t(lang, 'Phiếu KPH mở', 'NCs opened'),
          t(lang, 'Phiếu KPH đóng', 'NCs closed'),
        ],
        rows: s.monthly.map((m) => [m.month.length === 4 ? m.month : `${m.month.slice(5)}/${m.month.slice(0, 4)}`, m.inspections, pct(m.passRate), m.dossiersReceived, pct(m.onlineShare), m.dossiersResolved, pct(m.onTimeRate), m.nonconformitiesOpened, m.nonconformitiesClosed]),
      }
    case 'overdue-actions':
      return {
        ...base,
        sheet: t(lang, 'Hành động quá hạn', 'Overdue actions'),
        title: t(lang, 'Hành động khắc phục quá hạn', 'Overdue corrective actions'),
        headings: [t(lang, 'Phiếu KPH', 'NC'), t(lang, 'Hành động', 'Action'), t(lang, 'Người thực hiện', 'Owner'), t(lang, 'Đơn vị', 'Unit'), t(lang, 'Hạn', 'Due'), t(lang, 'Số ngày quá hạn', 'Days overdue')],
        rows: s.overdueActions.items.map((a) => [a.nonconformityCode, a.description, a.ownerName, a.orgUnitName, vnDate(a.dueDate), a.daysOverdue]),
      }
    case 'documents-due':
      return {
        ...base,
        sheet: t(lang, 'Tài liệu đến hạn', 'Documents due'),
        title: t(lang, 'Tài liệu đến hạn xem xét', 'Documents due for review'),
        headings: [t(lang, 'Mã tài liệu', 'Code'), t(lang, 'Tên tài liệu', 'Title'), t(lang, 'Đơn vị', 'Unit'), t(lang, 'Hạn xem xét', 'Review due'), t(lang, 'Quá hạn', 'Overdue')],
        rows: s.documents.items.map((d) => [d.code, d.title, d.owningUnitName, vnDate(d.nextReviewDue), d.overdue ? t(lang, 'Có', 'Yes') : '']),
      }
  }
}

function overallRate(s: ComplianceSummary) {
  const passed = s.criteria.overall.reduce((n, c) => n + c.passed, 0)
  const failed = s.criteria.overall.reduce((n, c) => n + c.failed, 0)
  return passed + failed ? passed / (passed + failed) : null
}

export const exportComplianceTable = (s: ComplianceSummary, table: ComplianceTable, format: 'csv' | 'xlsx', lang: Lang) => exportTable(complianceTable(s, table, lang), format)
