/**
 * The minutes of a management review (Biên bản họp xem xét của lãnh đạo), in Vietnamese:
 * when and where, who chaired and attended, the inputs of ISO 9001:2015 9.3.2 as frozen
 * when the review was held (one numbered part per item), the decisions (9.3.3) with their
 * owners and due dates, the conclusions, and the secretary's and chair's signatures. One
 * model, two renderings: printable HTML and an A4 PDF in the layout of Nghị định
 * 30/2020/NĐ-CP (lib/decree-layout.ts, Tinos). Until the chair approves, both say DỰ THẢO.
 */
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { drawDecreeHeader } from '../../lib/decree-layout.ts'
import { decreeDocument, numberPagesAtTop, TIMES } from '../../lib/pdf-document.ts'
import type { Actor } from '../../lib/permissions.ts'
import { vnDate } from '../../lib/table-export.ts'
import { localDate } from '../../lib/clock.ts'
import { decreeDate } from '../reports/par-official.ts'
import type { ManagementReviewDetail, ReviewInputs } from './schemas.ts'
import { reviewForMinutes } from './service.ts'

interface Table {
  headings: string[]
  rows: string[][]
}

interface Part {
  heading: string
  paragraphs: string[]
  table?: Table
}

export interface MinutesModel {
  code: string
  agency: string
  parentAgency: string | null
  numberLine: string
  placeDateLine: string
  title: string
  subtitle: string
  draft: boolean
  opening: string[]
  inputs: Part[]
  decisions: Table
  conclusions: string | null
  secretary: string | null
  chair: string
  approvedLine: string | null
}

const CATEGORY: Record<string, string> = {
  improvement: 'Cơ hội cải tiến',
  qms_change: 'Thay đổi hệ thống quản lý chất lượng',
  resources: 'Nhu cầu nguồn lực',
}
const CLASSIFICATION: Record<string, string> = {
  major_nc: 'không phù hợp nặng',
  minor_nc: 'không phù hợp nhẹ',
  observation: 'khuyến nghị',
  improvement_opportunity: 'cơ hội cải tiến',
}
const LEVEL: Record<string, string> = { low: 'thấp', medium: 'trung bình', high: 'cao', critical: 'rất cao' }

/** A share as Vietnamese writes a percentage: 95,2 %; a dash without a base. */
const pct = (share: number | null) => (share === null ? '—' : `${(Math.round(share * 1000) / 10).toLocaleString('vi-VN')} %`)
const num = (value: number | null) => (value === null ? '—' : value.toLocaleString('vi-VN'))

function target(i: ReviewInputs['objectives']['items'][number]) {
  const unit = i.measure === 'percent' ? ' %' : ''
  if (i.targetMin !== null && i.targetMax !== null) return `${num(i.targetMin)}–${num(i.targetMax)}${unit}`
  return i.targetMin !== null ? `≥ ${num(i.targetMin)}${unit}` : `≤ ${num(i.targetMax)}${unit}`
}

function inputParts(x: ReviewInputs, resources: string | null): Part[] {
  const p = x.previousActions
  const d = x.processPerformance.dossiers
  const insp = x.processPerformance.inspections
  const nc = x.nonconformities.metrics
  const a = x.audits
  const r = x.risks
  return [
    {
      heading: '1. Tình trạng các hành động từ các cuộc xem xét trước',
      paragraphs: [p.total ? `Có ${p.total} hành động: ${p.done} đã hoàn thành, ${p.open} đang thực hiện (${p.overdue} quá hạn).` : 'Không có hành động nào từ các cuộc xem xét trước.'],
      table: p.total
        ? {
            headings: ['TT', 'Cuộc họp', 'Nội dung', 'Người thực hiện', 'Thời hạn', 'Tình trạng'],
            rows: p.items.map((i, k) => [
              String(k + 1),
              i.reviewCode,
              i.description,
              i.owner,
              vnDate(i.dueDate),
              i.status === 'done' ? `Đã hoàn thành${i.completedOn ? ` (${vnDate(i.completedOn)})` : ''}` : i.overdue ? 'Quá hạn' : 'Đang thực hiện',
            ]),
          }
        : undefined,
    },
    {
      heading: '2. Những thay đổi về các vấn đề nội bộ và bên ngoài liên quan đến hệ thống quản lý chất lượng',
      paragraphs: [
        `Trong kỳ đã ban hành ${x.changes.published} tài liệu và cho hết hiệu lực ${x.changes.obsoleted} tài liệu.`,
        x.changes.clauseCoverage.uncovered.length
          ? `Các điều khoản của TCVN ISO 9001:2015 chưa có tài liệu đang hiệu lực: ${x.changes.clauseCoverage.uncovered.join(', ')}.`
          : `Tất cả ${x.changes.clauseCoverage.clauses} điều khoản của TCVN ISO 9001:2015 đều có tài liệu đang hiệu lực.`,
      ],
      table: x.changes.items.length
        ? { headings: ['TT', 'Mã tài liệu', 'Tên tài liệu', 'Lần ban hành', 'Thay đổi', 'Ngày'], rows: x.changes.items.map((c, k) => [String(k + 1), c.code, c.title, String(c.issueNumber).padStart(2, '0'), c.change === 'published' ? 'Ban hành' : 'Hết hiệu lực', vnDate(c.on)]) }
        : undefined,
    },
    {
      heading: '3. Sự hài lòng của người dân, doanh nghiệp và phản hồi của các bên liên quan',
      paragraphs: [`Trong kỳ tiếp nhận ${x.complaints.total} đơn: ${x.complaints.complaint} khiếu nại, ${x.complaints.denunciation} tố cáo, ${x.complaints.feedback} phản ánh, kiến nghị.`],
    },
    {
      heading: '4. Mức độ đạt được các mục tiêu chất lượng',
      paragraphs: [
        x.objectives.indicators
          ? `${x.objectives.indicators} chỉ tiêu; ${x.objectives.periodsOnTarget}/${x.objectives.periodsMeasured} kỳ đo đạt chỉ tiêu.`
          : 'Không có mục tiêu chất lượng nào cho kỳ xem xét.',
      ],
      table: x.objectives.items.length
        ? {
            headings: ['TT', 'Chỉ tiêu', 'Chỉ tiêu đặt ra', 'Kết quả trong kỳ'],
            rows: x.objectives.items.map((i, k) => [
              String(k + 1),
              `${i.indicator} (${i.objective})`,
              target(i),
              i.periods.length
                ? i.periods.map((q) => `${q.period}: ${q.value === null ? '—' : `${num(q.value)}${i.measure === 'percent' ? ' %' : ''}`}${q.onTarget === null ? '' : q.onTarget ? ' (đạt)' : ' (không đạt)'}`).join('; ')
                : 'Chưa có kỳ đo',
            ]),
          }
        : undefined,
    },
    {
      heading: '5. Kết quả thực hiện các quá trình và sự phù hợp của sản phẩm, dịch vụ',
      paragraphs: [
        `Hồ sơ thủ tục hành chính: tiếp nhận ${d.received} (trực tuyến ${d.receivedOnline}, tỷ lệ ${pct(d.onlineShare)}); đã giải quyết ${d.resolved}, trong đó đúng hạn ${d.resolvedOnTime} (tỷ lệ ${pct(d.onTimeRate)}); đang giải quyết ${d.pendingNotDue} trong hạn, ${d.pendingOverdue} quá hạn.`,
        `Kiểm tra: ${insp.total} cuộc, đã hoàn thành ${insp.byStatus.completed}, ${insp.unitsInspected} đơn vị được kiểm tra; điểm bình quân ${insp.averageScore === null ? '—' : num(insp.averageScore)}.`,
      ],
    },
    {
      heading: '6. Sự không phù hợp và hành động khắc phục',
      paragraphs: [
        `Phát sinh ${nc.raised} sự không phù hợp; đã đóng ${nc.closed} (đúng hạn ${nc.closedOnTime.count}/${nc.closedOnTime.base}); đang xử lý ${nc.open}, quá hạn ${nc.overdue}. Hành động khắc phục quá hạn: ${x.nonconformities.overdueActions}.`,
        `Hiệu lực ngay lần kiểm tra đầu: ${nc.effectiveAtFirstCheck.count}/${nc.effectiveAtFirstCheck.base} (${pct(nc.effectiveAtFirstCheck.share)}).`,
      ],
    },
    {
      heading: '7. Kết quả đánh giá nội bộ',
      paragraphs: [
        a.total
          ? `${a.total} cuộc đánh giá nội bộ (đã hoàn thành ${a.completed}); ${a.findings.total} phát hiện: ${Object.entries(a.findings.byClassification).map(([k, v]) => `${v} ${CLASSIFICATION[k]}`).join(', ')}; còn mở ${a.findings.open}.`
          : 'Không có cuộc đánh giá nội bộ nào trong kỳ.',
      ],
      table: a.items.length
        ? { headings: ['TT', 'Số biên bản', 'Đơn vị', 'Ngày', 'Điểm', 'Phát hiện'], rows: a.items.map((i, k) => [String(k + 1), i.number, i.unit, vnDate(i.date), i.score === null ? '—' : num(i.score), String(i.findingCount)]) }
        : undefined,
    },
    { heading: '8. Sự thỏa đáng của các nguồn lực', paragraphs: [resources?.trim() || 'Không có ý kiến.'] },
    {
      heading: '9. Hiệu lực của các hành động giải quyết rủi ro và cơ hội',
      paragraphs: [
        `Biện pháp xử lý đến hạn trong kỳ: ${r.actionsDue}, hoàn thành đúng hạn ${r.actionsDoneOnTime}; hoàn thành trong kỳ ${r.actionsDone}; đang quá hạn ${r.actionsOverdue}.`,
        `Đánh giá lại ${r.reassessed} lượt: ${r.lowered} giảm mức điểm, ${r.raised} tăng. Hiện còn ${Object.entries(r.byLevel).map(([k, v]) => `${v} mức ${LEVEL[k]}`).join(', ')}.`,
      ],
    },
    {
      heading: '10. Các cơ hội cải tiến',
      paragraphs: [`${x.improvements.findings} phát hiện là cơ hội cải tiến; ${x.improvements.opportunitiesRecorded} cơ hội được ghi nhận trong kỳ, ${x.improvements.opportunitiesOpen} cơ hội đang thực hiện.`],
    },
  ]
}

export function minutesModel(review: ManagementReviewDetail, agency: { name: string; parent: string | null }, env: ServiceEnv): MinutesModel {
  const zone = env.config.timeZone
  const others = review.attendees.filter((a) => a.id !== review.chair.id)
  return {
    code: review.code,
    agency: agency.name,
    parentAgency: agency.parent,
    numberLine: `Số: ${review.code.replace(/^XXLĐ-0*/, '').padStart(2, '0')}/BB-XXLĐ`,
    placeDateLine: `${env.config.agencyPlace}, ${decreeDate(review.meetingDate)}`,
    title: 'BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO',
    subtitle: `${review.title} (kỳ xem xét từ ${vnDate(review.periodFrom)} đến ${vnDate(review.periodTo)})`,
    draft: review.status !== 'approved',
    opening: [
      `Thời gian: ${decreeDate(review.meetingDate)}.`,
      `Địa điểm: ${review.location ?? '…'}.`,
      `Chủ trì: ${review.chair.fullName}.`,
      `Thành phần tham dự: ${others.length ? others.map((a) => a.fullName).join(', ') : '…'}.`,
      `Phạm vi xem xét: ${review.orgUnit.name}. Số liệu đầu vào được chốt lúc ${review.heldAt ? vnDate(localDate(new Date(review.heldAt), zone)) : '…'} từ dữ liệu của hệ thống.`,
    ],
    inputs: inputParts(review.inputs, review.resources),
    decisions: {
      headings: ['TT', 'Nội dung', 'Loại', 'Người thực hiện', 'Thời hạn'],
      rows: review.decisions.map((d, k) => [String(k + 1), d.description, CATEGORY[d.category], d.owner?.fullName ?? '', d.dueDate ? vnDate(d.dueDate) : '']),
    },
    conclusions: review.conclusions,
    secretary: review.heldBy?.fullName ?? null,
    chair: review.chair.fullName,
    approvedLine: review.approvedAt ? `Đã phê duyệt ngày ${vnDate(localDate(new Date(review.approvedAt), zone))}` : null,
  }
}

/** The minutes' model, if the actor may read the review and it has been held. */
export async function buildMinutes(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<MinutesModel> {
  const review = await reviewForMinutes(db, actor, id, env)
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, review.orgUnit.id))
  const ids = unit.path.split('/').filter(Boolean)
  const names = new Map((await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, ids))).map((u) => [u.id, u.name]))
  // The issuing body is the reviewed unit; the body above it heads the page.
  const parent = ids.length > 1 ? names.get(ids[ids.length - 2])! : null
  return minutesModel(review, { name: review.orgUnit.name, parent }, env)
}

const esc = (s: string | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function htmlTable(t: Table) {
  return `<table><thead><tr>${t.headings.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i === 0 ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`
}

export function renderMinutesHtml(m: MinutesModel): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)} ${esc(m.code)}</title>
<style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: 'Times New Roman', 'Tinos', 'DejaVu Serif', serif; font-size: 13pt; line-height: 1.4; color: #000; max-width: 165mm; margin: 12mm auto; padding: 0 4mm; }
  .head { display: grid; grid-template-columns: 1fr 1.4fr; text-align: center; gap: 6mm; font-size: 12pt; }
  .head p { margin: 0; }
  .date { font-style: italic; }
  h1 { text-align: center; font-size: 14pt; margin: 8mm 0 0; }
  .sub { text-align: center; font-weight: bold; margin: 0 0 6mm; }
  .draft { text-align: center; color: #b3261e; font-weight: bold; letter-spacing: 0.1em; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; }
  h3 { font-size: 13pt; font-style: italic; margin: 3mm 0 1mm; }
  p { margin: 0 0 2mm; text-align: justify; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 1mm 0 3mm; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
  th { text-align: center; }
  td.n { text-align: center; width: 9mm; }
  .signs { display: grid; grid-template-columns: 1fr 1fr; text-align: center; margin-top: 10mm; break-inside: avoid; }
  .signs .title { font-weight: bold; }
  .signs .hint { font-style: italic; font-size: 11pt; }
  .signs .name { margin-top: 22mm; font-weight: bold; }
</style>
</head>
<body>
<div class="head">
  <div>${m.parentAgency ? `<p>${esc(m.parentAgency.toUpperCase())}</p>` : ''}<p><b>${esc(m.agency.toUpperCase())}</b></p><p>${esc(m.numberLine)}</p></div>
  <div><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p><p class="date">${esc(m.placeDateLine)}</p></div>
</div>
<h1>${esc(m.title)}</h1>
<p class="sub">${esc(m.subtitle)}</p>
${m.draft ? '<p class="draft">DỰ THẢO — CHƯA ĐƯỢC CHỦ TRÌ PHÊ DUYỆT</p>' : ''}
<h2>I. Thời gian, địa điểm, thành phần</h2>
${m.opening.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<h2>II. Đầu vào của cuộc xem xét (mục 9.3.2 TCVN ISO 9001:2015)</h2>
${m.inputs.map((part) => `<h3>${esc(part.heading)}</h3>${part.paragraphs.map((t) => `<p>${esc(t)}</p>`).join('')}${part.table ? htmlTable(part.table) : ''}`).join('\n')}
<h2>III. Kết luận và quyết định (mục 9.3.3 TCVN ISO 9001:2015)</h2>
${m.decisions.rows.length ? htmlTable(m.decisions) : '<p>Không có quyết định nào.</p>'}
${m.conclusions ? `<p>${esc(m.conclusions)}</p>` : ''}
<div class="signs">
  <div><div class="title">THƯ KÝ</div><div class="hint">(Ký và ghi rõ họ tên)</div><div class="name">${esc(m.secretary)}</div></div>
  <div><div class="title">CHỦ TRÌ</div><div class="hint">${esc(m.approvedLine ?? '(Ký và ghi rõ họ tên)')}</div><div class="name">${esc(m.chair)}</div></div>
</div>
</body>
</html>`
}

const SIZE = 13

export async function renderMinutesPdf(m: MinutesModel): Promise<Buffer> {
  const { doc, bytes } = decreeDocument({ Title: `${m.title} ${m.code}`, Subject: m.subtitle, Author: m.agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  drawDecreeHeader(doc, { parentAgency: m.parentAgency?.toUpperCase() ?? null, agency: m.agency.toUpperCase(), numberLine: m.numberLine, placeDateLine: m.placeDateLine })
  doc.font('bold').fontSize(14).text(m.title, left, doc.y + 22, { width, align: 'center' })
  doc.font('bold').fontSize(SIZE).text(m.subtitle, { width, align: 'center' })
  if (m.draft) doc.font('bold').fontSize(SIZE).fillColor('#b3261e').text('DỰ THẢO — CHƯA ĐƯỢC CHỦ TRÌ PHÊ DUYỆT', { width, align: 'center' }).fillColor('#000')
  doc.moveDown(0.8)
  const heading = (text: string, font = 'bold') => doc.font(font).fontSize(SIZE).text(text, left, doc.y, { width, paragraphGap: 3 })
  const para = (text: string) => doc.font('regular').fontSize(SIZE).text(text, left, doc.y, { width, align: 'justify', paragraphGap: 3 })
  const table = (t: Table) => {
    doc.font('regular').fontSize(11)
    doc.table({
      position: { x: left, y: doc.y },
      maxWidth: width,
      columnStyles: t.headings.map((_, i) => (i === 0 ? 28 : '*')),
      defaultStyle: { padding: [2, 3, 2, 3], border: 0.6 },
      data: [
        t.headings.map((text) => ({ text, font: { src: TIMES.bold }, align: { x: 'center' as const, y: 'center' as const }, type: 'TH' as const })),
        ...t.rows.map((r) => r.map((text, i) => ({ text, align: { x: i === 0 ? ('center' as const) : ('left' as const), y: 'top' as const } }))),
      ],
    })
    doc.x = left
    doc.moveDown(0.4)
  }
  heading('I. Thời gian, địa điểm, thành phần')
  m.opening.forEach(para)
  heading('II. Đầu vào của cuộc xem xét (mục 9.3.2 TCVN ISO 9001:2015)')
  for (const part of m.inputs) {
    heading(part.heading, 'bold-italic')
    part.paragraphs.forEach(para)
    if (part.table) table(part.table)
  }
  heading('III. Kết luận và quyết định (mục 9.3.3 TCVN ISO 9001:2015)')
  if (m.decisions.rows.length) table(m.decisions)
  else para('Không có quyết định nào.')
  if (m.conclusions) para(m.conclusions)

  doc.moveDown(1)
  if (doc.y + 130 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const top = doc.y
  const half = width / 2
  const signer = (x: number, title: string, hint: string, name: string | null) => {
    doc.font('bold').fontSize(SIZE).text(title, x, top, { width: half, align: 'center' })
    doc.font('italic').fontSize(12).text(hint, x, doc.y, { width: half, align: 'center' })
    if (name) doc.font('bold').fontSize(SIZE).text(name, x, top + 90, { width: half, align: 'center' })
  }
  signer(left, 'THƯ KÝ', '(Ký và ghi rõ họ tên)', m.secretary)
  signer(left + half, 'CHỦ TRÌ', m.approvedLine ?? '(Ký và ghi rõ họ tên)', m.chair)
  numberPagesAtTop(doc)
  doc.end()
  return bytes
}
