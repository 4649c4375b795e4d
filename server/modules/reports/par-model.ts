/**
 * The half-year administrative-reform report (báo cáo cải cách hành chính) from data,
 * modelled on the board's report 173/BC-BQL: every number below is computed from the
 * records of the period; the narrative is generated around them in Vietnamese. The model
 * is a list of sections (paragraphs and tables) that the HTML, PDF and XLSX renderers
 * lay out, plus the raw figures for the API and tests.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import type { Actor } from '../../lib/permissions.ts'
import { vnDate, type Cell } from '../../lib/table-export.ts'
import { dossierStats } from '../dossiers/dossier-stats.ts'
import { nonconformityMetrics } from '../nonconformities/metrics.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { checkPeriod, inspectionSection, reportScope } from './compliance.ts'
import { findingCounts } from '../findings/finding-rollups.ts'
import type { ParFigures, ParQuery } from './par-schemas.ts'

/** How a column's values read: text, a row number (STT), a count, or a percentage (a number of per cent, 95.2; the unit is in the heading). */
export type ParColumn = 'text' | 'ordinal' | 'count' | 'percent'

export interface ParTable {
  title: string
  /** The worksheet's name: whole words, at most 31 characters (Excel's limit). */
  sheet: string
  headings: string[]
  columns: ParColumn[]
  rows: Cell[][]
  /** A last row set in bold: each number in it is the sum of its column. */
  totalRow?: Cell[]
}

export interface ParSection {
  heading: string
  /** In a report draft: the narrative field the section's paragraphs are (drafts/report-model.ts). */
  narrative?: 'propaganda' | 'direction' | 'conclusions' | 'nextPeriod'
  paragraphs: string[]
  tables: ParTable[]
}

/** Counts below ten are written with a leading zero in Vietnamese administrative texts ("04 hồ sơ"). */
export const so = (n: number) => (n > 0 && n < 10 ? `0${n}` : String(n))

export interface ParModel {
  from: string
  to: string
  /** The issuing body: the whole organisation, or the unit the report is for. */
  agency: string
  /** Its code, the last part of the document number (…/BC-BQL). */
  agencyCode: string
  /** The body above it when the report is for a unit (cơ quan chủ quản); null for the whole organisation. */
  parentAgency: string | null
  /** The day the report was written from the data, in the agency's time zone. */
  asOf: string
  title: string
  periodLabel: string
  dateLine: string
  sections: ParSection[]
  figures: ParFigures
}

const share = (part: number, base: number) => (base ? Math.round((part / base) * 1000) / 10 : null)
const pct = (part: number, base: number) => (base ? `${share(part, base)!.toLocaleString('vi-VN')}%` : '—')

const KIND_NAMES: Record<string, string> = {
  self: 'tự kiểm tra',
  internal: 'kiểm tra nội bộ',
  briefing: 'lồng ghép trong các cuộc họp giao ban',
  unannounced: 'kiểm tra đột xuất',
  internal_audit: 'đánh giá nội bộ hệ thống quản lý chất lượng',
}
const CATEGORY_NAMES: Record<string, string> = {
  attendance: 'chấp hành thời gian làm việc',
  id_badge: 'đeo thẻ công chức, viên chức',
  conduct: 'lề lối, tác phong làm việc',
  on_time_handling: 'xử lý công việc đúng thời hạn trên hồ sơ công việc',
  public_posting: 'niêm yết công khai thủ tục hành chính',
  documented_information: 'kiểm soát thông tin dạng văn bản',
  other: 'các nội dung khác của hệ thống quản lý chất lượng',
}
const HANDLING_NAMES: Record<string, string> = {
  on_spot_reminder: 'nhắc nhở tại chỗ',
  criticism: 'phê bình',
  self_review: 'yêu cầu kiểm điểm',
  nc_raised: 'lập phiếu sự không phù hợp để khắc phục',
  none: 'đang xem xét xử lý',
}

/** "6 tháng đầu năm 2020" when the period is a reporting half-year (the one-stop-shop report runs from the 21st of the month before), else the dates. */
export function periodLabel(from: string, to: string): string {
  const fy = Number(from.slice(0, 4))
  const ty = Number(to.slice(0, 4))
  const h1 = (from === `${ty}-01-01` || from === `${ty - 1}-11-21` || from === `${ty - 1}-12-21`) && (to === `${ty}-06-30` || to.slice(5, 7) === '05' || to.slice(5, 7) === '06')
  const h2 = fy === ty && (from === `${ty}-07-01` || from.slice(5) === '05-21' || from.slice(5) === '06-21') && (to === `${ty}-12-31` || to.slice(5) === '11-20' || to.slice(5) === '12-20')
  if (h1) return `6 tháng đầu năm ${ty}`
  if (h2) return `6 tháng cuối năm ${ty}`
  if (from === `${fy}-01-01` && to === `${fy}-12-31`) return `năm ${fy}`
  return `từ ngày ${vnDate(from)} đến ngày ${vnDate(to)}`
}

export async function buildParModel(db: Db, actor: Actor, query: ParQuery, env: ServiceEnv): Promise<ParModel> {
  const unit = await reportScope(db, actor, query.orgUnitId)
  checkPeriod(query.from, query.to)
  const { from, to } = query
  const within = (column: SQL) => (unit ? sql` and ${inSubtreeOf(column, unit.id)}` : sql``)
  const [root, stats, byField, { inspections, criteria }, findings, people, failuresByCategory, ncs, qms] = await Promise.all([
    rootUnit(db),
    dossierStats(db, actor, { from, to, groupBy: 'channel', orgUnitId: unit?.id }, env),
    dossierStats(db, actor, { from, to, groupBy: 'field', orgUnitId: unit?.id }, env),
    inspectionSection(db, from, to, unit?.id, 'year'),
    findingCounts(db, from, to, unit?.id),
    queryRows<{ n: number }>(
      db,
      sql`select count(distinct p.user_id)::int as n from inspection_people p join inspections i on i.id = p.inspection_id
           where i.status = 'completed' and i.inspection_date between ${from}::date and ${to}::date${within(sql`i.org_unit_id`)}`,
    ),
    queryRows<{ category: string; handling: string | null; n: number }>(
      db,
      sql`select f.category, f.handling, count(*)::int as n from findings f
           where f.found_on between ${from}::date and ${to}::date${within(sql`f.org_unit_id`)}
           group by 1, 2 order by 1, 2`,
    ),
    nonconformityMetrics(db, actor, { from, to, orgUnitId: unit?.id }, env),
    qmsState(db, to, env.config.timeZone, within(sql`d.owning_unit_id`)),
  ])

  const t = stats.total
  const p = stats.procedures
  const figures: ParFigures = {
    procedures: {
      total: p.total,
      level4: p.byOnlineLevel.level4,
      level3: p.byOnlineLevel.level3,
      level2: p.byOnlineLevel.level2,
      level1: p.byOnlineLevel.level1,
      fullyOnline: p.byOnlineMode.full,
      partlyOnline: p.byOnlineMode.partial,
    },
    dossiers: {
      received: t.receivedTotal,
      carriedOver: t.carriedOver,
      receivedOnline: t.receivedOnline,
      receivedInPersonOrPostal: t.receivedInPerson + t.receivedPostal,
      resolved: t.resolvedTotal,
      resolvedEarly: t.resolvedEarly,
      resolvedOnTime: t.resolvedOnTime,
      resolvedLate: t.resolvedLate,
      pendingNotDue: t.pendingNotDue,
      pendingOverdue: t.pendingOverdue,
      returnedOrWithdrawn: t.returnedOrWithdrawn,
    },
    complaints: { ...stats.complaints },
    inspections: {
      held: inspections.byStatus.completed,
      byKind: { ...inspections.byKind },
      unitsInspected: inspections.unitsInspected,
      peopleInspected: people[0]?.n ?? 0,
      itemsPassed: criteria.overall.reduce((n, c) => n + c.passed, 0),
      itemsFailed: criteria.overall.reduce((n, c) => n + c.failed, 0),
      findings: findings.total,
      remindedOnTheSpot: findings.byHandling.on_spot_reminder,
    },
    nonconformities: { raised: ncs.raised, closed: ncs.closed, open: ncs.open, overdue: ncs.overdue },
    qms,
  }

  const sections: ParSection[] = [
    complaintsSection(figures),
    proceduresSection(figures, from, to, byField.rows),
    inspectionsSection(figures, inspections.byKind, criteria.overall, failuresByCategory),
    nonconformitiesSection(figures),
    qmsSection(figures, to),
  ]
  const label = periodLabel(from, to)
  const asOf = agencyToday(env)
  return {
    from,
    to,
    agency: unit ? unit.name : (root?.name ?? ''),
    agencyCode: unit ? unit.code : (root?.code ?? ''),
    parentAgency: unit && root && unit.id !== root.id ? root.name : null,
    asOf,
    title: `BÁO CÁO\nKết quả thực hiện công tác cải cách hành chính ${label}`,
    periodLabel: label,
    dateLine: `Ngày ${asOf.slice(8, 10)} tháng ${asOf.slice(5, 7)} năm ${asOf.slice(0, 4)}`,
    sections,
    figures,
  }
}

async function rootUnit(db: Db): Promise<{ id: string; code: string; name: string } | undefined> {
  const [root] = await queryRows<{ id: string; code: string; name: string }>(db, sql`select id, code, name from org_units where parent_id is null order by path limit 1`)
  return root
}

/** The QMS documents in force at the end of the period, by the edition of the standard their revision follows. */
async function qmsState(db: Db, to: string, timeZone: string, unit: SQL): Promise<ParFigures['qms']> {
  const rows = await queryRows<{ edition: string; n: number; codes: string[] | null }>(
    db,
    sql`select r.standard_edition as edition, count(*)::int as n, array_agg(d.code order by d.code) as codes
          from documents d
          join document_revisions r on r.document_id = d.id
         where d.type <> 'record' and r.status in ('published', 'superseded', 'obsolete') and r.effective_from <= ${to}::date
           and (coalesce(r.superseded_at, r.obsoleted_at) is null or (coalesce(r.superseded_at, r.obsoleted_at) at time zone ${timeZone})::date > ${to}::date)${unit}
         group by 1`,
  )
  const of = (edition: string) => rows.find((r) => r.edition === edition)
  const on2015 = of('2015')?.n ?? 0
  const on2008 = of('2008')?.n ?? 0
  return { inForce: on2015 + on2008, on2015, on2008, still2008: of('2008')?.codes ?? [] }
}

function complaintsSection(f: ParFigures): ParSection {
  const c = f.complaints
  const paragraphs =
    c.total === 0
      ? ['Trong kỳ báo cáo, không có đơn khiếu nại, tố cáo, phản ánh của tổ chức, công dân về giải quyết thủ tục hành chính.']
      : [
          `Trong kỳ báo cáo, Ban tiếp nhận ${so(c.total)} đơn về giải quyết thủ tục hành chính, gồm: ${[
            c.complaint ? `${so(c.complaint)} đơn khiếu nại` : '',
            c.denunciation ? `${so(c.denunciation)} đơn tố cáo` : '',
            c.feedback ? `${so(c.feedback)} phản ánh, kiến nghị` : '',
          ]
            .filter(Boolean)
            .join(', ')}.`,
        ]
  return { heading: 'I. CÔNG TÁC TIẾP NHẬN, XỬ LÝ KHIẾU NẠI, TỐ CÁO, PHẢN ÁNH', paragraphs, tables: [] }
}

function proceduresSection(f: ParFigures, from: string, to: string, byField: { label: string; receivedTotal: number; resolvedTotal: number; resolvedEarly: number; resolvedOnTime: number; resolvedLate: number; pendingNotDue: number; pendingOverdue: number }[]): ParSection {
  const p = f.procedures
  const d = f.dossiers
  const levels = [
    p.level4 ? `${so(p.level4)} thủ tục thực hiện dịch vụ công trực tuyến mức độ 4` : '',
    p.level3 ? `${so(p.level3)} thủ tục thực hiện dịch vụ công trực tuyến mức độ 3` : '',
    p.level2 ? `${so(p.level2)} thủ tục mức độ 2` : '',
    p.level1 ? `${so(p.level1)} thủ tục mức độ 1` : '',
  ].filter(Boolean)
  const first = `Ban Quản lý có tổng số ${so(p.total)} thủ tục hành chính${levels.length ? `; trong đó có ${levels.join(' và ')}` : ''}.`
  const modes = p.fullyOnline || p.partlyOnline ? ` Theo phân loại mới, ${so(p.fullyOnline)} thủ tục cung cấp dịch vụ công trực tuyến toàn trình và ${so(p.partlyOnline)} thủ tục trực tuyến một phần.` : ''
  const resolvedParts = [d.resolvedEarly ? `${so(d.resolvedEarly)} hồ sơ trước hạn` : '', d.resolvedOnTime ? `${so(d.resolvedOnTime)} hồ sơ đúng hạn` : '', d.resolvedLate ? `${so(d.resolvedLate)} hồ sơ quá hạn` : ''].filter(Boolean)
  const pending = [d.pendingNotDue ? `${so(d.pendingNotDue)} hồ sơ đang trong hạn giải quyết` : '', d.pendingOverdue ? `${so(d.pendingOverdue)} hồ sơ đã quá hạn giải quyết` : ''].filter(Boolean)
  const second =
    `Trong kỳ báo cáo (từ ngày ${vnDate(from)} đến ngày ${vnDate(to)}) đã tiếp nhận giải quyết ${so(d.received)} hồ sơ` +
    `${d.carriedOver ? ` (trong đó ${so(d.carriedOver)} hồ sơ của kỳ trước chuyển sang)` : ''}; ` +
    `trong đó tiếp nhận trực tuyến là ${so(d.receivedOnline)} hồ sơ, tiếp nhận trực tiếp và qua dịch vụ bưu chính công ích là ${so(d.receivedInPersonOrPostal)} hồ sơ; ` +
    `đã giải quyết ${so(d.resolved)} hồ sơ${resolvedParts.length ? ` (${resolvedParts.join(', ')})` : ''}` +
    `${pending.length ? ` và ${pending.join(', ')}` : ''}` +
    `${d.returnedOrWithdrawn ? `; ${so(d.returnedOrWithdrawn)} hồ sơ được trả lại hoặc rút` : ''}.`
  const onTime = d.resolved ? ` Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt ${pct(d.resolvedEarly + d.resolvedOnTime, d.resolved)}.` : ''
  const fieldRows = byField.map((r, i) => [i + 1, r.label, r.receivedTotal, r.resolvedTotal, r.resolvedEarly + r.resolvedOnTime, r.resolvedLate, r.pendingNotDue, r.pendingOverdue])
  const sum = (k: number) => fieldRows.reduce((n, r) => n + Number(r[k]), 0)
  return {
    heading: 'II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CƠ CHẾ MỘT CỬA',
    paragraphs: [first + modes, second + onTime],
    tables: [
      {
        title: 'Bảng 1. Thủ tục hành chính theo mức độ dịch vụ công trực tuyến',
        sheet: 'Bảng 1. Thủ tục theo mức độ',
        headings: ['Mức độ', 'Số thủ tục'],
        columns: ['text', 'count'],
        rows: [
          ['Mức độ 4', p.level4],
          ['Mức độ 3', p.level3],
          ['Mức độ 2', p.level2],
          ['Mức độ 1', p.level1],
          // Procedures without a level, so that the total is the sum of the rows.
          ...(p.total - p.level4 - p.level3 - p.level2 - p.level1 > 0 ? [['Chưa xác định mức độ', p.total - p.level4 - p.level3 - p.level2 - p.level1]] : []),
        ],
        totalRow: ['Tổng cộng', p.total],
      },
      {
        title: 'Bảng 2. Tình hình giải quyết hồ sơ theo lĩnh vực',
        sheet: 'Bảng 2. Hồ sơ theo lĩnh vực',
        columns: ['ordinal', 'text', 'count', 'count', 'count', 'count', 'count', 'count'],
        headings: ['STT', 'Lĩnh vực', 'Tiếp nhận', 'Đã giải quyết', 'Trước hạn, đúng hạn', 'Quá hạn', 'Đang giải quyết trong hạn', 'Đang giải quyết quá hạn'],
        rows: fieldRows,
        totalRow: ['', 'Tổng cộng', sum(2), sum(3), sum(4), sum(5), sum(6), sum(7)],
      },
    ],
  }
}

function inspectionsSection(
  f: ParFigures,
  byKind: Record<string, number>,
  criteria: { category: string; passed: number; failed: number; passRate: number | null }[],
  failures: { category: string; handling: string | null; n: number }[],
): ParSection {
  const i = f.inspections
  if (!i.held && !i.findings) {
    return { heading: 'III. KIỂM TRA CÔNG VỤ, KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH', paragraphs: ['Trong kỳ báo cáo, chưa có cuộc kiểm tra công vụ nào được ghi nhận trên hệ thống.'], tables: [] }
  }
  const forms = Object.entries(byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${KIND_NAMES[k]} (${so(n)} cuộc)`)
  const paragraphs = [
    `Ban Quản lý đã tổ chức thực hiện kiểm tra công vụ trong cơ quan và đơn vị trực thuộc: ${so(i.held)} cuộc kiểm tra tại ${so(i.unitsInspected)} đơn vị` +
      `${i.peopleInspected ? `, với ${so(i.peopleInspected)} công chức, viên chức được kiểm tra` : ''}. ` +
      `Việc kiểm tra được thực hiện dưới các hình thức: ${forms.join(', ')}.`,
  ]
  const perfect = criteria.filter((c) => c.failed === 0 && c.passed > 0).map((c) => CATEGORY_NAMES[c.category])
  const failed = criteria.filter((c) => c.failed > 0)
  let result = `Qua kiểm tra, tỷ lệ nội dung kiểm tra đạt yêu cầu là ${pct(i.itemsPassed, i.itemsPassed + i.itemsFailed)}`
  if (perfect.length) result += `; các đơn vị chấp hành nghiêm túc: ${perfect.join('; ')}`
  result += '.'
  if (failed.length) {
    const byHandling = (category: string) =>
      failures
        .filter((x) => x.category === category)
        .map((x) => `${HANDLING_NAMES[x.handling ?? 'none']} ${so(x.n)} trường hợp`)
        .join(', ')
    result += ` Còn ${failed.map((c) => `${so(c.failed)} trường hợp chưa chấp hành nghiêm túc về ${CATEGORY_NAMES[c.category]}${byHandling(c.category) ? ` (đã ${byHandling(c.category)})` : ''}`).join('; ')}.`
  } else if (i.itemsPassed) {
    result += ' Không phát hiện trường hợp vi phạm.'
  }
  paragraphs.push(result)
  const tables: ParTable[] = [
    {
      title: 'Bảng 3. Các cuộc kiểm tra theo hình thức',
      sheet: 'Bảng 3. Kiểm tra theo hình thức',
      headings: ['Hình thức kiểm tra', 'Số cuộc'],
      columns: ['text', 'count'],
      rows: Object.entries(byKind).map(([k, n]) => [KIND_NAMES[k][0].toUpperCase() + KIND_NAMES[k].slice(1), n]),
      totalRow: ['Tổng cộng', Object.values(byKind).reduce((a, b) => a + b, 0)],
    },
  ]
  if (criteria.length) {
    tables.push({
      title: 'Bảng 4. Kết quả kiểm tra theo nội dung',
      sheet: 'Bảng 4. Kết quả theo nội dung',
      headings: ['Nội dung kiểm tra', 'Đạt', 'Chưa đạt', 'Tỷ lệ đạt (%)'],
      columns: ['text', 'count', 'count', 'percent'],
      rows: criteria.map((c) => [CATEGORY_NAMES[c.category][0].toUpperCase() + CATEGORY_NAMES[c.category].slice(1), c.passed, c.failed, share(c.passed, c.passed + c.failed)]),
    })
  }
  return { heading: 'III. KIỂM TRA CÔNG VỤ, KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH', paragraphs, tables }
}

function nonconformitiesSection(f: ParFigures): ParSection {
  const n = f.nonconformities
  const paragraphs = n.raised
    ? [
        `Trong kỳ báo cáo, phát hiện ${so(n.raised)} sự không phù hợp trong hệ thống quản lý chất lượng; đã khắc phục, kiểm tra hiệu lực và đóng ${so(n.closed)} trường hợp` +
          `${n.open ? `; đến nay còn ${so(n.open)} trường hợp đang thực hiện hành động khắc phục${n.overdue ? ` (${so(n.overdue)} trường hợp quá hạn)` : ''}` : ''}.`,
      ]
    : ['Trong kỳ báo cáo, không phát sinh sự không phù hợp nào cần khắc phục.']
  return { heading: 'IV. KHẮC PHỤC SỰ KHÔNG PHÙ HỢP', paragraphs, tables: [] }
}

function qmsSection(f: ParFigures, to: string): ParSection {
  const q = f.qms
  let text: string
  if (!q.inForce) text = `Đến ngày ${vnDate(to)}, chưa có tài liệu hệ thống quản lý chất lượng nào được ban hành trên hệ thống.`
  else if (!q.on2008) text = `Đến ngày ${vnDate(to)}, toàn bộ ${so(q.inForce)} tài liệu của hệ thống quản lý chất lượng đang có hiệu lực đã được chuyển đổi theo tiêu chuẩn ISO 9001:2015; việc chuyển đổi từ TCVN ISO 9001:2008 đã hoàn thành.`
  else
    text =
      `Đến ngày ${vnDate(to)}, hệ thống quản lý chất lượng có ${so(q.inForce)} tài liệu đang có hiệu lực, trong đó ${q.on2015 ? `${so(q.on2015)} tài liệu đã chuyển đổi theo ISO 9001:2015 và ` : ''}${so(q.on2008)} tài liệu còn áp dụng theo TCVN ISO 9001:2008 (${q.still2008.join(', ')}); ` +
      'Ban tiếp tục hoàn thành việc chuyển đổi sang ISO 9001:2015 theo đúng tiến độ đã đăng ký.'
  return {
    heading: 'V. HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG',
    paragraphs: [text],
    tables: q.inForce
      ? [{ title: 'Bảng 5. Tài liệu hệ thống quản lý chất lượng đang có hiệu lực', sheet: 'Bảng 5. Tài liệu ISO 9001', headings: ['Phiên bản tiêu chuẩn', 'Số tài liệu'], columns: ['text', 'count'], rows: [['ISO 9001:2015', q.on2015], ['TCVN ISO 9001:2008', q.on2008]], totalRow: ['Tổng cộng', q.inForce] }]
      : [],
  }
}
