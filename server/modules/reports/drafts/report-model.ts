/**
 * A report draft's report: the computed half-year report (par-model.ts) with the manager's
 * narrative around it, the results of the reform plan (its tasks by area: done, in
 * progress, overdue, from `planSummary` as of the period's end) and the directions for the
 * next period (the plan's tasks still open on the report's date, "Một là …").
 * Sections come unnumbered, narrative ones even when empty (the editor previews them as
 * they are typed); `printable` drops the empty ones and numbers the rest, as issued.
 */
import type { Db } from '../../../../db/client.ts'
import type { ReportDraftRow } from '../../../../db/schema/index.ts'
import type { ServiceEnv } from '../../../lib/clock.ts'
import type { Actor } from '../../../lib/permissions.ts'
import { vnDate } from '../../../lib/table-export.ts'
import { planSummary } from '../../plans/summary.ts'
import type { PlanSummary } from '../../plans/schemas.ts'
import { buildParModel, so, type ParModel, type ParSection } from '../par-model.ts'
import type { NarrativeKey } from './schemas.ts'

type Draft = Pick<ReportDraftRow, 'periodFrom' | 'periodTo' | 'planId' | NarrativeKey>

const NARRATIVE_HEADINGS: Record<NarrativeKey, string> = {
  propaganda: 'CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH',
  direction: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ KIỂM TRA',
  conclusions: 'ĐÁNH GIÁ CHUNG',
  nextPeriod: 'PHƯƠNG HƯỚNG, NHIỆM VỤ',
}

/** The paragraphs of a narrative text: one a line, blank lines dropped. */
export const paragraphsOf = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

const ONES = ['', 'Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười']
/** "Một", "Hai", … "Mười", "Mười một" … "Mười lăm" …: how the report counts its directions. */
export function ordinalWord(n: number): string {
  if (n <= 10) return ONES[n]
  if (n < 20) return `Mười ${n === 15 ? 'lăm' : ONES[n - 10].toLowerCase()}`
  return String(n)
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV']

/** The period after this one, as the directions' heading names it. */
function nextPeriodLabel(label: string): string {
  const h1 = /^6 tháng đầu năm (\d{4})$/.exec(label)
  if (h1) return `6 tháng cuối năm ${h1[1]}`
  const h2 = /^6 tháng cuối năm (\d{4})$/.exec(label)
  if (h2) return `6 tháng đầu năm ${Number(h2[1]) + 1}`
  const y = /^năm (\d{4})$/.exec(label)
  if (y) return `năm ${Number(y[1]) + 1}`
  return 'kỳ tới'
}

function planSection(s: PlanSummary, tableNumber: number): ParSection {
  const t = s.totals
  const plan = `Kế hoạch số ${s.plan.number} ngày ${vnDate(s.plan.issuedOn)}`
  const done = t.done + t.doneLate
  const open = [
    t.inProgress ? `${so(t.inProgress)} nhiệm vụ đang thực hiện` : '',
    t.notStarted ? `${so(t.notStarted)} nhiệm vụ chưa triển khai` : '',
    t.cancelled ? `${so(t.cancelled)} nhiệm vụ không thực hiện` : '',
  ].filter(Boolean)
  const paragraphs = [
    `${s.plan.basis ? `Căn cứ ${s.plan.basis}, ` : ''}Ban Quản lý đã xây dựng ${plan} (${lowerFirst(s.plan.title)}).`,
    t.total
      ? `Đến ngày ${vnDate(s.date)}, kế hoạch có ${so(t.total)} nhiệm vụ; đã hoàn thành ${so(done)} nhiệm vụ${t.doneLate ? ` (trong đó ${so(t.doneLate)} nhiệm vụ hoàn thành sau thời hạn)` : ''}` +
        `${open.length ? `, ${open.join(', ')}` : ''}${t.overdue ? `; ${so(t.overdue)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành` : ''}.`
      : `Đến ngày ${vnDate(s.date)}, kế hoạch chưa có nhiệm vụ nào.`,
  ]
  const rows = s.byArea.map(({ area, counts: c }) => [area.nameVi, c.total, c.done + c.doneLate, c.inProgress, c.notStarted, c.overdue])
  return {
    heading: `KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ ${s.plan.number}`,
    paragraphs,
    tables: rows.length
      ? [
          {
            title: `Bảng ${tableNumber}. Kết quả thực hiện nhiệm vụ theo lĩnh vực`,
            sheet: `Bảng ${tableNumber}. Nhiệm vụ theo lĩnh vực`,
            headings: ['Lĩnh vực', 'Số nhiệm vụ', 'Đã hoàn thành', 'Đang thực hiện', 'Chưa triển khai', 'Quá hạn'],
            columns: ['text', 'count', 'count', 'count', 'count', 'count'],
            rows,
            totalRow: ['Tổng cộng', t.total, done, t.inProgress, t.notStarted, t.overdue],
          },
        ]
      : [],
  }
}

/**
 * The draft's report from the records as they are now. `reportDate`: the day the report
 * is (or would be) issued — the plan's open tasks on that day are the directions.
 */
export async function buildDraftReport(db: Db, actor: Actor, draft: Draft, reportDate: string, env: ServiceEnv): Promise<ParModel> {
  const { periodFrom: from, periodTo: to } = draft
  const [base, atEnd, onReportDay] = await Promise.all([
    buildParModel(db, actor, { from, to }, env),
    draft.planId ? planSummary(db, actor, draft.planId, to, env) : undefined,
    draft.planId && reportDate !== to ? planSummary(db, actor, draft.planId, reportDate, env) : undefined,
  ])
  const narrative = (key: NarrativeKey, extra: string[] = [], heading = NARRATIVE_HEADINGS[key]): ParSection => ({ heading, narrative: key, paragraphs: [...paragraphsOf(draft[key]), ...extra], tables: [] })
  const computed = base.sections.map((s) => ({ ...s, heading: s.heading.replace(/^[IVX]+\.\s*/, '') }))
  const tablesSoFar = computed.reduce((n, s) => n + s.tables.length, 0)
  const open = (onReportDay ?? atEnd)?.openTasks ?? []
  const directions = open.map((t, i) => `- ${ordinalWord(i + 1)} là ${lowerFirst(t.content.replace(/[.;]+$/, ''))}${t.overdue ? ' (đã quá thời hạn, tiếp tục thực hiện)' : ''}.`)
  const sections: ParSection[] = [
    narrative('propaganda'),
    narrative('direction'),
    ...computed,
    ...(atEnd ? [planSection(atEnd, tablesSoFar + 1)] : []),
    narrative('conclusions'),
    narrative('nextPeriod', directions, `${NARRATIVE_HEADINGS.nextPeriod} ${nextPeriodLabel(base.periodLabel).toUpperCase()}`),
  ]
  return { ...base, sections }
}

/** The report as printed and issued: empty sections left out, the others numbered I, II, … */
export function printable(report: ParModel): ParModel {
  const kept = report.sections.filter((s) => s.paragraphs.length || s.tables.length)
  return { ...report, sections: kept.map(({ narrative: _n, ...s }, i) => ({ ...s, heading: `${ROMAN[i] ?? i + 1}. ${s.heading}` })) }
}
