/**
 * The inspection record (biên bản kiểm tra): one model built from the inspection, two
 * renderings — HTML to print from the browser and an A4 PDF (server/lib/pdf-document.ts,
 * DejaVu fonts with every Vietnamese glyph). The record is an official document: always
 * Vietnamese.
 */
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { attachments, orgUnits } from '../../../db/schema/index.ts'
import { localDate, type ServiceEnv } from '../../lib/clock.ts'
import { a4Document, FONT_BOLD, numberPages } from '../../lib/pdf-document.ts'
import type { Actor } from '../../lib/permissions.ts'
import type { Inspection } from './schemas.ts'
import { getInspection } from './service.ts'

export const KIND_VI: Record<Inspection['kind'], string> = {
  self: 'Tự kiểm tra',
  internal: 'Kiểm tra nội bộ',
  briefing: 'Kiểm tra lồng ghép trong cuộc họp giao ban',
  unannounced: 'Kiểm tra đột xuất',
  internal_audit: 'Đánh giá nội bộ hệ thống quản lý chất lượng',
}
const RESULT_VI = { pass: 'Đạt', fail: 'Không đạt', na: 'Không áp dụng' } as const
export const HANDLING_VI = {
  on_spot_reminder: 'Nhắc nhở tại chỗ',
  criticism: 'Phê bình',
  self_review: 'Yêu cầu kiểm điểm',
  nc_raised: 'Lập phiếu sự không phù hợp',
} as const
export const CLASSIFICATION_VI = {
  major_nc: 'Không phù hợp nặng',
  minor_nc: 'Không phù hợp nhẹ',
  observation: 'Điểm lưu ý',
  improvement_opportunity: 'Cơ hội cải tiến',
} as const

export interface RecordModel {
  agency: string
  issuer: string
  number: string
  draft: boolean
  title: string
  checklist: string
  place: string
  dateLine: string
  basis: string | null
  form: string
  time: string | null
  team: { name: string; position: string | null; role: string }[]
  unit: string
  people: { name: string; position: string | null }[]
  criteria: { no: number; text: string; clauses: string; result: string; note: string }[]
  score: string | null
  violations: { no: number; who: string; description: string; classification: string; handling: string }[]
  conclusion: string | null
  signatures: { title: string; name: string; /** The drawn signature (PNG attachment). */ imageId: string | null; refusal: string | null; signedAt: string | null }[]
  /** Photos taken on the responses, numbered in the order of the criteria: the annex. */
  photos: RecordPhoto[]
}

export interface RecordPhoto {
  attachmentId: string
  contentType: string
  caption: string
}

const timeOf = (iso: string, timeZone: string) => new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))
const dayOf = (iso: string, timeZone: string) => localDate(new Date(iso), timeZone)
const dmy = (date: string) => {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}
const percent = (n: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n)}%`

/** A signature block: the signed name, image and time, or the refusal, or blank for a pen. */
function signatureBlock(inspection: Inspection, role: Inspection['signatures'][number]['role'], title: string, defaultName: string, timeZone: string): RecordModel['signatures'][number] {
  const s = inspection.signatures.find((x) => x.role === role)
  if (!s) return { title, name: defaultName, imageId: null, refusal: null, signedAt: null }
  const at = `${timeOf(s.signedAt, timeZone)} ${dmy(dayOf(s.signedAt, timeZone))}`
  return { title, name: s.signerName, imageId: s.attachmentId, refusal: s.refusalReason, signedAt: at }
}

/** `timeZone`: the agency's, in which the times and dates of the record are written. */
export function toRecordModel(inspection: Inspection, agency: string, timeZone: string): RecordModel {
  const names = new Map(inspection.people.map((p) => [p.id, p.fullName]))
  const date = inspection.performedOn ?? inspection.plannedFor
  const [y, m, d] = date.split('-')
  const audit = inspection.kind === 'internal_audit'
  const photos: RecordPhoto[] = []
  const criteria = inspection.items.map((item, index) => {
    const responses = inspection.responses.filter((r) => r.itemId === item.id)
    let result = ''
    const notes: string[] = []
    if (item.perPerson) {
      const count = (k: 'pass' | 'fail' | 'na') => responses.filter((r) => r.result === k)
      const failed = count('fail')
      result = [
        `Đạt: ${count('pass').length}/${inspection.people.length} người`,
        failed.length ? `Không đạt: ${failed.length} (${failed.map((r) => names.get(r.personId ?? '') ?? '').join(', ')})` : '',
        count('na').length ? `Không áp dụng: ${count('na').length}` : '',
      ].filter(Boolean).join('; ')
      for (const r of responses) if (r.note) notes.push(`${names.get(r.personId ?? '') ?? ''}: ${r.note}`)
    } else if (responses[0]) {
      const r = responses[0]
      result = RESULT_VI[r.result] + (r.value !== null && r.value !== '' ? ` (${r.value})` : '')
      if (r.note) notes.push(r.note)
    } else {
      result = 'Chưa kiểm tra'
    }
    const numbers: number[] = []
    for (const r of responses) {
      for (const a of r.attachments) {
        if (!a.contentType.startsWith('image/')) continue
        const no = photos.length + 1
        const who = r.personId ? names.get(r.personId) : undefined
        photos.push({ attachmentId: a.id, contentType: a.contentType, caption: `Ảnh ${no}. Nội dung ${index + 1}: ${item.text}${who ? ` — ${who}` : ''}${r.note ? ` (${r.note})` : ''}` })
        numbers.push(no)
      }
    }
    if (numbers.length) notes.push(`Ảnh minh chứng số ${numbers.join(', ')} (phụ lục)`)
    return { no: index + 1, text: item.text, clauses: item.clauseNumbers.join(', '), result, note: notes.join('; ') }
  })

  const violations =
    inspection.status === 'completed'
      ? inspection.findings.map((f, i) => ({
          no: i + 1,
          who: f.person ? `${f.person.fullName}${f.person.position ? ` (${f.person.position})` : ''}` : f.orgUnit.name,
          description: f.description,
          classification: CLASSIFICATION_VI[f.classification],
          handling: f.handling ? HANDLING_VI[f.handling] : 'Chưa xử lý',
        }))
      : inspection.responses
          .filter((r) => r.result === 'fail')
          .map((r, i) => ({
            no: i + 1,
            who: r.personId ? (names.get(r.personId) ?? '') : inspection.orgUnit.name,
            description: [inspection.items.find((it) => it.id === r.itemId)?.text ?? r.itemId, r.note].filter(Boolean).join(' — '),
            classification: r.classification ? CLASSIFICATION_VI[r.classification] : '',
            handling: r.handling ? HANDLING_VI[r.handling] : 'Chưa xử lý',
          }))

  const time =
    inspection.startedAt && inspection.completedAt
      ? `Từ ${timeOf(inspection.startedAt, timeZone)} đến ${timeOf(inspection.completedAt, timeZone)} ngày ${dmy(dayOf(inspection.completedAt, timeZone))}`
      : inspection.startedAt
        ? `Bắt đầu lúc ${timeOf(inspection.startedAt, timeZone)} ngày ${dmy(dayOf(inspection.startedAt, timeZone))}`
        : null

  return {
    agency: agency.toUpperCase(),
    issuer: inspection.kind === 'self' ? inspection.orgUnit.name.toUpperCase() : audit ? 'ĐOÀN ĐÁNH GIÁ NỘI BỘ' : 'ĐOÀN KIỂM TRA',
    number: inspection.number,
    draft: inspection.status !== 'completed',
    title: audit ? 'BIÊN BẢN ĐÁNH GIÁ NỘI BỘ' : 'BIÊN BẢN KIỂM TRA',
    checklist: inspection.template.name,
    place: inspection.location ?? inspection.orgUnit.name,
    // "<place>, ngày … tháng … năm …": the place is where the record is made, when given.
    dateLine: `${inspection.location ? `${inspection.location}, ngày` : 'Ngày'} ${d} tháng ${m} năm ${y}`,
    basis: inspection.basis,
    form: KIND_VI[inspection.kind],
    time,
    team: [
      { name: inspection.leadInspector.fullName, position: inspection.leadInspector.position, role: audit ? 'Trưởng đoàn đánh giá' : 'Trưởng đoàn' },
      ...inspection.team.map((p) => ({ name: p.fullName, position: p.position, role: 'Thành viên' })),
    ],
    unit: inspection.orgUnit.name,
    people: inspection.people.map((p) => ({ name: p.fullName, position: p.position })),
    criteria,
    score: inspection.score === null ? null : percent(inspection.score),
    violations,
    conclusion: inspection.conclusion,
    signatures: [
      signatureBlock(inspection, 'unit_representative', 'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA', '', timeZone),
      signatureBlock(inspection, 'lead_inspector', audit ? 'TRƯỞNG ĐOÀN ĐÁNH GIÁ' : inspection.kind === 'self' ? 'NGƯỜI CHỦ TRÌ KIỂM TRA' : 'TRƯỞNG ĐOÀN KIỂM TRA', inspection.leadInspector.fullName, timeZone),
    ],
    photos,
  }
}

/** The bytes of the record's photos and drawn signatures, in one query (for the PDF; the HTML links to them). */
export async function recordPhotoBytes(db: Db, r: RecordModel): Promise<Map<string, Buffer>> {
  const ids = [...r.photos.map((p) => p.attachmentId), ...r.signatures.flatMap((s) => (s.imageId ? [s.imageId] : []))]
  if (!ids.length) return new Map()
  const rows = await db.select({ id: attachments.id, bytes: attachments.bytes }).from(attachments).where(inArray(attachments.id, ids))
  return new Map(rows.map((row) => [row.id, Buffer.from(row.bytes)]))
}

/** Builds the record of an inspection the actor may read. */
export async function buildRecord(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<RecordModel> {
  const inspection = await getInspection(db, actor, id)
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, inspection.orgUnitId))
  const rootId = unit.path.split('/').filter(Boolean)[0]
  const [root] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, rootId))
  return toRecordModel(inspection, root?.name ?? inspection.orgUnit.name, env.config.timeZone)
}

// ---------------------------------------------------------------------------------------
// HTML

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function renderRecordHtml(r: RecordModel): string {
  const person = (p: { name: string; position: string | null }) => `${esc(p.name)}${p.position ? ` — ${esc(p.position)}` : ''}`
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)} ${esc(r.number)}</title>
<style>
  @page { size: A4; margin: 20mm 20mm 20mm 25mm; }
  body { font-family: 'Times New Roman', 'DejaVu Serif', 'Noto Serif', serif; font-size: 13pt; line-height: 1.4; color: #000; max-width: 170mm; margin: 12mm auto; padding: 0 4mm; }
  .head { display: grid; grid-template-columns: 1fr 1.4fr; text-align: center; gap: 6mm; font-size: 12pt; }
  .head p { margin: 0; }
  .head .motto { white-space: nowrap; }
  .head .line { display: inline-block; border-top: 1px solid #000; width: 40%; margin-top: 2px; }
  .date { text-align: right; font-style: italic; margin: 4mm 0 0; }
  h1 { text-align: center; font-size: 15pt; margin: 8mm 0 0; }
  .sub { text-align: center; font-weight: bold; margin: 0 0 6mm; }
  .draft { text-align: center; color: #b3261e; font-weight: bold; letter-spacing: 0.1em; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
  th { text-align: center; }
  td.n { text-align: center; width: 9mm; }
  table.violations th:nth-child(4) { width: 26mm; }
  table.violations th:nth-child(5) { width: 30mm; }
  ul { margin: 0; padding-left: 6mm; }
  .signs { display: grid; grid-template-columns: 1fr 1fr; text-align: center; margin-top: 10mm; break-inside: avoid; }
  .signs .title { font-weight: bold; }
  .signs .hint { font-style: italic; font-size: 11pt; }
  .signs .name { margin-top: 22mm; font-weight: bold; }
  .signs .signature { display: block; margin: 2mm auto 0; max-width: 60mm; height: 18mm; object-fit: contain; }
  .signs .signed { font-size: 10pt; font-style: italic; }
  .signs .signed-name { margin-top: 1mm; }
  .signs .refusal { margin-top: 8mm; font-style: italic; }
  .annex { break-before: page; }
  .annex h2 { text-align: center; }
  .photos { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
  figure { margin: 0; break-inside: avoid; }
  figure img { width: 100%; max-height: 90mm; object-fit: contain; border: 1px solid #999; }
  figcaption { font-size: 11pt; font-style: italic; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
  /* On a phone the record reads top to bottom: headings stacked, tables within the screen, one signature and photo a row. */
  @media screen and (max-width: 640px) {
    body { margin: 12px auto; padding: 0 10px; font-size: 15px; }
    .head { grid-template-columns: 1fr; gap: 12px; font-size: 14px; }
    .head .motto { white-space: normal; }
    h1 { font-size: 18px; margin-top: 16px; }
    h2 { font-size: 15px; }
    table { font-size: 13px; table-layout: fixed; }
    th, td { padding: 4px; overflow-wrap: anywhere; hyphens: auto; }
    td.n, th:first-child { width: 28px; }
    table.violations th:nth-child(4), table.violations th:nth-child(5) { width: auto; }
    .signs, .photos { grid-template-columns: 1fr; gap: 16px; }
    .signs .name { margin-top: 48px; }
  }
</style>
</head>
<body>
<div class="head">
  <div><p>${esc(r.agency)}</p><p><b>${esc(r.issuer)}</b></p><span class="line"></span><p>Số: ${esc(r.number)}</p></div>
  <div><p class="motto"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p><span class="line"></span></div>
</div>
<p class="date">${esc(r.dateLine)}</p>
<h1>${esc(r.title)}</h1>
<p class="sub">${esc(r.checklist)}</p>
${r.draft ? '<p class="draft">DỰ THẢO — CHƯA HOÀN THÀNH</p>' : ''}
${r.basis ? `<p>Căn cứ: ${esc(r.basis)}</p>` : ''}
<p>Hình thức kiểm tra: ${esc(r.form)}.</p>
${r.time ? `<p>Thời gian: ${esc(r.time)}.</p>` : ''}
<p>Địa điểm: ${esc(r.place)}.</p>
<h2>I. THÀNH PHẦN</h2>
<p>1. ${r.form.startsWith('Đánh giá') ? 'Đoàn đánh giá' : 'Người kiểm tra'}:</p>
<ul>${r.team.map((p) => `<li>${person(p)} (${esc(p.role)})</li>`).join('')}</ul>
<p>2. Đơn vị được kiểm tra: ${esc(r.unit)}.</p>
${r.people.length ? `<p>Công chức, viên chức được kiểm tra:</p><ul>${r.people.map((p) => `<li>${person(p)}</li>`).join('')}</ul>` : ''}
<h2>II. KẾT QUẢ KIỂM TRA</h2>
<table>
  <thead><tr><th>STT</th><th>Nội dung kiểm tra</th><th>Kết quả</th><th>Ghi chú</th></tr></thead>
  <tbody>
  ${r.criteria.map((c) => `<tr><td class="n">${c.no}</td><td>${esc(c.text)}${c.clauses ? `<br><i>Điều khoản: ${esc(c.clauses)}</i>` : ''}</td><td>${esc(c.result)}</td><td>${esc(c.note)}</td></tr>`).join('\n  ')}
  </tbody>
</table>
${r.score ? `<p>Tỷ lệ đạt (có trọng số): <b>${esc(r.score)}</b>.</p>` : ''}
<h2>III. VI PHẠM VÀ HÌNH THỨC XỬ LÝ</h2>
${
  r.violations.length
    ? `<table class="violations">
  <thead><tr><th>STT</th><th>Người / đơn vị</th><th>Nội dung</th><th>Phân loại</th><th>Hình thức xử lý</th></tr></thead>
  <tbody>
  ${r.violations.map((v) => `<tr><td class="n">${v.no}</td><td>${esc(v.who)}</td><td>${esc(v.description)}</td><td>${esc(v.classification)}</td><td>${esc(v.handling)}</td></tr>`).join('\n  ')}
  </tbody>
</table>`
    : '<p>Không phát hiện vi phạm.</p>'
}
<h2>IV. KẾT LUẬN</h2>
<p>${r.conclusion ? esc(r.conclusion) : '………………………………………………………………………………………………'}</p>
<p>Biên bản được lập thành 02 bản có giá trị như nhau, đã đọc lại cho những người có tên trên cùng nghe và thống nhất ký tên.</p>
<div class="signs">
  ${r.signatures
    .map(
      (s) =>
        `<div><div class="title">${esc(s.title)}</div><div class="hint">(Ký, ghi rõ họ tên)</div>${
          s.imageId
            ? `<img class="signature" src="/api/attachments/${esc(s.imageId)}" alt="Chữ ký của ${esc(s.name)}"><div class="signed">Ký lúc ${esc(s.signedAt)}</div><div class="name signed-name">${esc(s.name)}</div>`
            : s.refusal
              ? `<div class="refusal">${esc(s.name)} từ chối ký (${esc(s.signedAt)}). Lý do: ${esc(s.refusal)}</div>`
              : `<div class="name">${esc(s.name) || '&nbsp;'}</div>`
        }</div>`,
    )
    .join('\n  ')}
</div>
${
  r.photos.length
    ? `<section class="annex">
<h2>PHỤ LỤC: ẢNH MINH CHỨNG</h2>
<div class="photos">
  ${r.photos.map((p) => `<figure><img src="/api/attachments/${esc(p.attachmentId)}" alt="${esc(p.caption)}"><figcaption>${esc(p.caption)}</figcaption></figure>`).join('\n  ')}
</div>
</section>`
    : ''
}
</body>
</html>
`
}

// ---------------------------------------------------------------------------------------
// PDF

// pdfkit embeds JPEG and PNG; other images are named in the annex, to be seen in the app.
const EMBEDDABLE = new Set(['image/jpeg', 'image/png'])

/** The record as an A4 PDF; `photos` are the bytes of `r.photos` (recordPhotoBytes). */
export function renderRecordPdf(r: RecordModel, photos: Map<string, Buffer> = new Map()): Promise<Buffer> {
  const { doc, bytes: done } = a4Document({ Title: `${r.title} ${r.number}`, Subject: r.checklist, Author: r.agency })

  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const size = 12

  // Header: the agency on the left, the national motto on the right.
  const top = doc.y
  const leftW = width * 0.42
  const rightX = left + width * 0.42
  const rightW = width * 0.58
  doc.font('head').fontSize(10.5).text(r.agency, left, top, { width: leftW, align: 'center' })
  doc.font('head-bold').text(r.issuer, { width: leftW, align: 'center' })
  const leftRuleY = doc.y + 2
  doc.moveTo(left + leftW * 0.3, leftRuleY).lineTo(left + leftW * 0.7, leftRuleY).lineWidth(0.6).stroke()
  doc.font('head').text(`Số: ${r.number}`, left, leftRuleY + 6, { width: leftW, align: 'center' })
  const leftBottom = doc.y
  doc.font('head-bold').fontSize(10.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' })
  doc.fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center' })
  const rightRuleY = doc.y + 2
  doc.moveTo(rightX + rightW * 0.22, rightRuleY).lineTo(rightX + rightW * 0.78, rightRuleY).stroke()
  doc.font('head-italic').fontSize(11).text(r.dateLine, rightX, rightRuleY + 6, { width: rightW, align: 'center' })
  doc.y = Math.max(leftBottom, doc.y) + 18
  doc.x = left

  doc.font('bold').fontSize(15).text(r.title, left, doc.y, { width, align: 'center' })
  doc.fontSize(size).text(r.checklist, { width, align: 'center' })
  if (r.draft) doc.fillColor('#b3261e').text('DỰ THẢO — CHƯA HOÀN THÀNH', { width, align: 'center' }).fillColor('black')
  doc.moveDown(0.8)

  const para = (text: string, font = 'regular') => doc.font(font).fontSize(size).text(text, left, doc.y, { width, align: 'justify' })
  const heading = (text: string) => {
    doc.moveDown(0.5)
    doc.font('bold').fontSize(size).text(text, left, doc.y, { width })
    doc.moveDown(0.2)
  }
  const bullet = (text: string) => doc.font('regular').fontSize(size).text(`– ${text}`, left + 14, doc.y, { width: width - 14 })
  const personLine = (p: { name: string; position: string | null }) => `${p.name}${p.position ? ` — ${p.position}` : ''}`

  if (r.basis) para(`Căn cứ: ${r.basis}`)
  para(`Hình thức kiểm tra: ${r.form}.`)
  if (r.time) para(`Thời gian: ${r.time}.`)
  para(`Địa điểm: ${r.place}.`)

  heading('I. THÀNH PHẦN')
  para(`1. ${r.form.startsWith('Đánh giá') ? 'Đoàn đánh giá' : 'Người kiểm tra'}:`)
  for (const p of r.team) bullet(`${personLine(p)} (${p.role})`)
  para(`2. Đơn vị được kiểm tra: ${r.unit}.`)
  if (r.people.length) {
    para('Công chức, viên chức được kiểm tra:')
    for (const p of r.people) bullet(personLine(p))
  }

  const table = (columns: (number | string)[], header: string[], rows: string[][]) => {
    doc.font('regular').fontSize(10.5)
    doc.table({
      position: { x: left, y: doc.y },
      maxWidth: width,
      columnStyles: columns,
      defaultStyle: { padding: 3, border: 0.6 },
      data: [
        header.map((text) => ({ text, font: { src: FONT_BOLD }, align: { x: 'center', y: 'center' } as const, type: 'TH' as const })),
        ...rows.map((row) => row.map((text, i) => ({ text, align: { x: i === 0 ? ('center' as const) : ('left' as const) } }))),
      ],
    })
    doc.x = left
    doc.moveDown(0.4)
  }

  heading('II. KẾT QUẢ KIỂM TRA')
  table(
    [32, '*', 120, 110],
    ['STT', 'Nội dung kiểm tra', 'Kết quả', 'Ghi chú'],
    r.criteria.map((c) => [String(c.no), c.clauses ? `${c.text}\nĐiều khoản: ${c.clauses}` : c.text, c.result, c.note]),
  )
  if (r.score) para(`Tỷ lệ đạt (có trọng số): ${r.score}.`)

  heading('III. VI PHẠM VÀ HÌNH THỨC XỬ LÝ')
  if (r.violations.length) {
    table(
      [32, 100, '*', 72, 80],
      ['STT', 'Người / đơn vị', 'Nội dung', 'Phân loại', 'Hình thức xử lý'],
      r.violations.map((v) => [String(v.no), v.who, v.description, v.classification, v.handling]),
    )
  } else {
    para('Không phát hiện vi phạm.')
  }

  heading('IV. KẾT LUẬN')
  para(r.conclusion ?? '……………………………………………………………………………………')
  doc.moveDown(0.3)
  para('Biên bản được lập thành 02 bản có giá trị như nhau, đã đọc lại cho những người có tên trên cùng nghe và thống nhất ký tên.')

  // Signature blocks stay together: start a new page when they would not fit.
  doc.moveDown(1.2)
  if (doc.y + 130 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const signTop = doc.y
  const colW = width / r.signatures.length
  r.signatures.forEach((s, i) => {
    const x = left + i * colW
    doc.font('bold').fontSize(11).text(s.title, x, signTop, { width: colW, align: 'center' })
    doc.font('italic').fontSize(10).text('(Ký, ghi rõ họ tên)', x, doc.y, { width: colW, align: 'center' })
    const image = s.imageId ? photos.get(s.imageId) : undefined
    if (image) {
      doc.image(image, x + colW / 2 - 70, signTop + 32, { fit: [140, 52], align: 'center', valign: 'center' })
      doc.font('italic').fontSize(9).text(`Ký lúc ${s.signedAt}`, x, signTop + 84, { width: colW, align: 'center' })
    } else if (s.refusal) {
      doc.font('italic').fontSize(10).text(`${s.name} từ chối ký (${s.signedAt}). Lý do: ${s.refusal}`, x + 8, signTop + 40, { width: colW - 16, align: 'center' })
    }
    if (s.name && !s.refusal) doc.font('bold').fontSize(11).text(s.name, x, signTop + 95, { width: colW, align: 'center' })
  })

  if (r.photos.length) {
    // The annex: two photos a row, each with its caption below.
    doc.addPage()
    doc.font('bold').fontSize(size).text('PHỤ LỤC: ẢNH MINH CHỨNG', left, doc.y, { width, align: 'center' })
    doc.moveDown(0.8)
    const gap = 14
    const cellW = (width - gap) / 2
    const imageH = 190
    const bottom = doc.page.height - doc.page.margins.bottom
    for (let i = 0; i < r.photos.length; i += 2) {
      const row = r.photos.slice(i, i + 2)
      doc.font('italic').fontSize(10)
      const captionH = Math.max(...row.map((p) => doc.heightOfString(p.caption, { width: cellW })))
      if (doc.y + imageH + captionH + 8 > bottom) doc.addPage()
      const rowTop = doc.y
      row.forEach((p, j) => {
        const x = left + j * (cellW + gap)
        const bytes = photos.get(p.attachmentId)
        if (bytes && EMBEDDABLE.has(p.contentType)) {
          doc.image(bytes, x, rowTop, { fit: [cellW, imageH], align: 'center', valign: 'center' })
        } else {
          doc.rect(x, rowTop, cellW, imageH).lineWidth(0.6).stroke()
          doc.font('italic').fontSize(10).text('Ảnh ở định dạng không in được; xem trên hệ thống.', x + 8, rowTop + imageH / 2 - 12, { width: cellW - 16, align: 'center' })
        }
        doc.font('italic').fontSize(10).text(p.caption, x, rowTop + imageH + 4, { width: cellW })
      })
      doc.x = left
      doc.y = rowTop + imageH + 4 + captionH + 12
    }
  }

  numberPages(doc, r.number)
  doc.end()
  return done
}
