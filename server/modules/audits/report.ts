/**
 * The internal audit report (báo cáo kết quả đánh giá nội bộ): one model built from an
 * audit of the programme and its inspections, two renderings — HTML to print from the
 * browser and an A4 PDF in the layout of Nghị định 30/2020/NĐ-CP (lib/decree-layout.ts,
 * Tinos). Scope, team, findings by classification and conclusions. Always Vietnamese:
 * it is an official paper.
 */
import { asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { findings, inspections, orgUnits, type FindingClassification } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { drawDecreeHeader } from '../../lib/decree-layout.ts'
import { decreeDocument, numberPagesAtTop, TIMES } from '../../lib/pdf-document.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { CLASSIFICATION_VI } from '../inspections/record.ts'
import { listIsoClauses } from '../iso-clauses/service.ts'
import { loadAudit, programmeRow } from './service.ts'

const CLAUSE_TITLES = new Map(listIsoClauses().items.map((c) => [c.number, c.vi]))
const INSPECTION_STATUS_VI = { planned: 'Chưa thực hiện', in_progress: 'Đang đánh giá', completed: 'Đã đánh giá', cancelled: 'Đã hủy' } as const
const CLASSES = Object.keys(CLASSIFICATION_VI) as FindingClassification[]

export interface AuditReportModel {
  parentAgency: string
  agency: string
  number: string
  placeDateLine: string
  draft: boolean
  programme: string
  title: string
  period: string
  units: { name: string; record: string; status: string }[]
  processes: string[]
  clauses: string[]
  team: { name: string; position: string | null; role: string }[]
  findings: { no: number; unit: string; clauses: string; description: string; classification: string }[]
  counts: { label: string; n: number }[]
  conclusions: string[]
  lead: string
  fileName: string
}

/** "ngày 20 tháng 05 năm 2020": the decree writes months 1 and 2 with a leading zero (as reports/par-official.ts does; nothing imports from reports/). */
function decreeDate(date: string): string {
  const month = Number(date.slice(5, 7))
  return `ngày ${date.slice(8, 10)} tháng ${month <= 2 ? `0${month}` : month} năm ${date.slice(0, 4)}`
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

export async function buildAuditReport(db: Db, actor: Actor, programmeId: string, auditId: string, env: ServiceEnv): Promise<AuditReportModel> {
  requirePermission(actor, 'audit_programme.read')
  const programme = await programmeRow(db, actor, programmeId)
  const audit = await loadAudit(db, actor, programmeId, auditId)
  const inspectionIds = audit.units.flatMap((u) => (u.inspection ? [u.inspection.id] : []))
  const [found, records, [root]] = await Promise.all([
    inspectionIds.length
      ? db
          .select({ unit: orgUnits.name, clauses: findings.clauseNumbers, description: findings.description, classification: findings.classification })
          .from(findings)
          .innerJoin(orgUnits, eq(orgUnits.id, findings.orgUnitId))
          .where(inArray(findings.inspectionId, inspectionIds))
          .orderBy(asc(orgUnits.path), asc(findings.foundOn), asc(findings.createdAt), asc(findings.id))
      : [],
    inspectionIds.length
      ? db.select({ unit: orgUnits.name, conclusion: inspections.conclusion }).from(inspections).innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId)).where(inArray(inspections.id, inspectionIds)).orderBy(asc(orgUnits.path))
      : [],
    // The agency: the root of the unit tree.
    db.select({ name: orgUnits.name }).from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.path)).limit(1),
  ])
  const performed = audit.units.flatMap((u) => (u.inspection?.status === 'completed' && u.inspection.performedOn ? [u.inspection.performedOn] : [])).sort()
  const reportDate = performed.at(-1) ?? audit.plannedTo
  const seq = String(audit.seq).padStart(2, '0')
  const conclusions = audit.conclusion ? [audit.conclusion] : records.filter((r) => r.conclusion).map((r) => `${r.unit}: ${r.conclusion}`)
  return {
    parentAgency: (root?.name ?? '').toUpperCase(),
    agency: 'ĐOÀN ĐÁNH GIÁ NỘI BỘ',
    number: `${seq}/${programme.year}/BC-ĐGNB`,
    placeDateLine: `${env.config.agencyPlace}, ${decreeDate(reportDate)}`,
    draft: audit.status !== 'completed',
    programme: `${programme.number} — ${programme.title}`,
    title: audit.title,
    period: audit.plannedFrom === audit.plannedTo ? `ngày ${vnDate(audit.plannedFrom)}` : `từ ngày ${vnDate(audit.plannedFrom)} đến ngày ${vnDate(audit.plannedTo)}`,
    units: audit.units.map((u) => ({ name: u.name, record: u.inspection?.number ?? '—', status: u.inspection ? INSPECTION_STATUS_VI[u.inspection.status] : 'Chưa triển khai' })),
    processes: audit.processes,
    clauses: audit.clauseNumbers.map((n) => `${n} ${CLAUSE_TITLES.get(n) ?? ''}`.trim()),
    team: [
      { name: audit.leadAuditor.fullName, position: audit.leadAuditor.position, role: 'Trưởng đoàn' },
      ...audit.team.map((p) => ({ name: p.fullName, position: p.position, role: 'Thành viên' })),
    ],
    findings: found.map((f, i) => ({ no: i + 1, unit: f.unit, clauses: f.clauses.join(', '), description: f.description, classification: CLASSIFICATION_VI[f.classification] })),
    counts: CLASSES.map((c) => ({ label: CLASSIFICATION_VI[c], n: audit.findings[c] })),
    conclusions,
    lead: audit.leadAuditor.fullName,
    fileName: `bao-cao-danh-gia-noi-bo-${programme.year}-${seq}`,
  }
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const TITLE = 'BÁO CÁO'
const SUBTITLE = 'Kết quả đánh giá nội bộ hệ thống quản lý chất lượng theo TCVN ISO 9001:2015'
const DOTS = '……………………………………………………………………………………'

export function renderAuditReportHtml(r: AuditReportModel): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE} ${esc(r.number)}</title>
<style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: 'Times New Roman', Tinos, serif; font-size: 13pt; line-height: 1.4; color: #000; max-width: 165mm; margin: 12mm auto; padding: 0 4mm; }
  .head { display: grid; grid-template-columns: 2fr 3fr; text-align: center; gap: 6mm; }
  .head p { margin: 0; }
  .head .line { display: inline-block; border-top: 1px solid #000; width: 40%; margin-top: 2px; }
  .date { font-style: italic; }
  h1 { text-align: center; font-size: 14pt; margin: 8mm 0 0; }
  .sub { text-align: center; font-weight: bold; margin: 0 0 6mm; }
  .draft { text-align: center; color: #b3261e; font-weight: bold; letter-spacing: 0.1em; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
  th { text-align: center; }
  td.n { text-align: center; width: 9mm; }
  ul { margin: 0; padding-left: 6mm; }
  .foot { display: grid; grid-template-columns: 1fr 1fr; margin-top: 8mm; break-inside: avoid; }
  .foot .to { font-size: 11pt; }
  .foot .sign { text-align: center; }
  .foot .name { margin-top: 22mm; font-weight: bold; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
</style>
</head>
<body>
<div class="head">
  <div><p>${esc(r.parentAgency)}</p><p><b>${esc(r.agency)}</b></p><span class="line"></span><p>Số: ${esc(r.number)}</p></div>
  <div><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p><span class="line"></span><p class="date">${esc(r.placeDateLine)}</p></div>
</div>
<h1>${TITLE}</h1>
<p class="sub">${SUBTITLE}</p>
${r.draft ? '<p class="draft">DỰ THẢO — CUỘC ĐÁNH GIÁ CHƯA HOÀN THÀNH</p>' : ''}
<p>Căn cứ Chương trình đánh giá nội bộ số ${esc(r.programme)}, Đoàn đánh giá nội bộ báo cáo kết quả cuộc đánh giá “${esc(r.title)}” như sau:</p>
<h2>I. PHẠM VI ĐÁNH GIÁ</h2>
<p>1. Thời gian: ${esc(r.period)}.</p>
<p>2. Đơn vị được đánh giá:</p>
<table>
  <thead><tr><th>STT</th><th>Đơn vị</th><th>Biên bản</th><th>Tình trạng</th></tr></thead>
  <tbody>
  ${r.units.map((u, i) => `<tr><td class="n">${i + 1}</td><td>${esc(u.name)}</td><td>${esc(u.record)}</td><td>${esc(u.status)}</td></tr>`).join('\n  ')}
  </tbody>
</table>
<p>3. Quá trình được đánh giá: ${r.processes.length ? esc(r.processes.join('; ')) : 'Các quá trình của đơn vị trong phạm vi hệ thống quản lý chất lượng'}.</p>
<p>4. Điều khoản TCVN ISO 9001:2015:</p>
<ul>${r.clauses.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
<h2>II. ĐOÀN ĐÁNH GIÁ</h2>
<ul>${r.team.map((p) => `<li>${esc(p.name)}${p.position ? ` — ${esc(p.position)}` : ''} (${esc(p.role)})</li>`).join('')}</ul>
<h2>III. KẾT QUẢ ĐÁNH GIÁ</h2>
<p>Tổng hợp phát hiện: ${r.counts.map((c) => `${esc(c.label)}: ${c.n}`).join('; ')}.</p>
${
  r.findings.length
    ? `<table>
  <thead><tr><th>STT</th><th>Đơn vị</th><th>Điều khoản</th><th>Nội dung phát hiện</th><th>Phân loại</th></tr></thead>
  <tbody>
  ${r.findings.map((f) => `<tr><td class="n">${f.no}</td><td>${esc(f.unit)}</td><td>${esc(f.clauses)}</td><td>${esc(f.description)}</td><td>${esc(f.classification)}</td></tr>`).join('\n  ')}
  </tbody>
</table>`
    : '<p>Không có phát hiện.</p>'
}
<h2>IV. KẾT LUẬN</h2>
${r.conclusions.length ? r.conclusions.map((c) => `<p>${esc(c)}</p>`).join('\n') : `<p>${DOTS}</p>`}
<div class="foot">
  <div class="to"><b><i>Nơi nhận:</i></b><br>- Lãnh đạo Ban;<br>- Các đơn vị được đánh giá;<br>- Lưu: VT, Đoàn đánh giá.</div>
  <div class="sign"><b>TRƯỞNG ĐOÀN ĐÁNH GIÁ</b><br><i>(Ký, ghi rõ họ tên)</i><div class="name">${esc(r.lead)}</div></div>
</div>
</body>
</html>
`
}

const SIZE = 13

export async function renderAuditReportPdf(r: AuditReportModel): Promise<Buffer> {
  const { doc, bytes } = decreeDocument({ Title: `${TITLE} ${r.number}`, Subject: SUBTITLE, Author: r.parentAgency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  drawDecreeHeader(doc, { parentAgency: r.parentAgency || null, agency: r.agency, numberLine: `Số: ${r.number}`, placeDateLine: r.placeDateLine })
  doc.font('bold').fontSize(14).text(TITLE, left, doc.y + 22, { width, align: 'center' })
  doc.font('bold').fontSize(SIZE).text(SUBTITLE, { width, align: 'center' })
  if (r.draft) doc.font('bold').fontSize(12).fillColor('#b3261e').text('DỰ THẢO — CUỘC ĐÁNH GIÁ CHƯA HOÀN THÀNH', { width, align: 'center' }).fillColor('#000')
  doc.moveDown(0.8)

  const para = (text: string, font = 'regular') => doc.font(font).fontSize(SIZE).text(text, left, doc.y, { width, align: 'justify', paragraphGap: 3 })
  const heading = (text: string) => {
    doc.moveDown(0.3)
    para(text, 'bold')
  }
  const table = (columns: (number | '*')[], head: string[], rows: string[][]) => {
    doc.font('regular').fontSize(12)
    doc.table({
      position: { x: left, y: doc.y },
      maxWidth: width,
      columnStyles: columns,
      defaultStyle: { padding: [2, 4, 2, 4], border: 0.6 },
      data: [head.map((text) => ({ text, font: { src: TIMES.bold }, align: { x: 'center' as const, y: 'center' as const }, type: 'TH' as const })), ...rows],
    })
    doc.x = left
    doc.moveDown(0.5)
  }

  para(`Căn cứ Chương trình đánh giá nội bộ số ${r.programme}, Đoàn đánh giá nội bộ báo cáo kết quả cuộc đánh giá “${r.title}” như sau:`)
  heading('I. PHẠM VI ĐÁNH GIÁ')
  para(`1. Thời gian: ${r.period}.`)
  para('2. Đơn vị được đánh giá:')
  table([34, '*', 110, 100], ['STT', 'Đơn vị', 'Biên bản', 'Tình trạng'], r.units.map((u, i) => [String(i + 1), u.name, u.record, u.status]))
  para(`3. Quá trình được đánh giá: ${r.processes.length ? r.processes.join('; ') : 'Các quá trình của đơn vị trong phạm vi hệ thống quản lý chất lượng'}.`)
  para('4. Điều khoản TCVN ISO 9001:2015:')
  for (const c of r.clauses) para(`- ${c}`)
  heading('II. ĐOÀN ĐÁNH GIÁ')
  for (const p of r.team) para(`- ${p.name}${p.position ? ` — ${p.position}` : ''} (${p.role})`)
  heading('III. KẾT QUẢ ĐÁNH GIÁ')
  para(`Tổng hợp phát hiện: ${r.counts.map((c) => `${c.label}: ${c.n}`).join('; ')}.`)
  if (r.findings.length) table([30, 100, 60, '*', 90], ['STT', 'Đơn vị', 'Điều khoản', 'Nội dung phát hiện', 'Phân loại'], r.findings.map((f) => [String(f.no), f.unit, f.clauses, f.description, f.classification]))
  else para('Không có phát hiện.')
  heading('IV. KẾT LUẬN')
  if (r.conclusions.length) for (const c of r.conclusions) para(c)
  else para(DOTS)

  doc.moveDown(1)
  if (doc.y + 140 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const top = doc.y
  const half = width / 2
  doc.font('bold-italic').fontSize(12).text('Nơi nhận:', left, top, { width: half })
  doc.font('regular').fontSize(11).text('- Lãnh đạo Ban;\n- Các đơn vị được đánh giá;\n- Lưu: VT, Đoàn đánh giá.', left, doc.y, { width: half })
  doc.font('bold').fontSize(SIZE).text('TRƯỞNG ĐOÀN ĐÁNH GIÁ', left + half, top, { width: half, align: 'center' })
  doc.font('italic').fontSize(12).text('(Ký, ghi rõ họ tên)', left + half, doc.y, { width: half, align: 'center' })
  doc.font('bold').fontSize(SIZE).text(r.lead, left + half, top + 100, { width: half, align: 'center' })
  numberPagesAtTop(doc)
  doc.end()
  return bytes
}
