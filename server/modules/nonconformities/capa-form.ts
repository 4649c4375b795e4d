/**
 * The corrective-action request form (Phiếu yêu cầu hành động khắc phục, the agency's
 * BM-01/QT-04) of one nonconformity, as an A4 PDF to print and sign (Tinos, the official
 * documents' font and margins): what was found,
 * the immediate correction, the root cause, the actions with owners and dates, each
 * effectiveness check and the closing, then the signature blocks. Blank lines stand for
 * what is not recorded yet, so the form can be printed at any stage and filled by hand.
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits } from '../../../db/schema/index.ts'
import { localDate, type ServiceEnv } from '../../lib/clock.ts'
import { decreeDocument, numberPages, TIMES } from '../../lib/pdf-document.ts'
import type { Actor } from '../../lib/permissions.ts'
import { vnDate } from '../../lib/table-export.ts'
import { SEVERITY, SOURCE } from './register-export.ts'
import type { Nonconformity } from './schemas.ts'
import { getNonconformity } from './service.ts'

const FORM_CODE = 'BM-01/QT-04'
const BLANK = '……………………………………………………………………………………………………'

const CAUSES: Record<string, string> = {
  people: 'Con người',
  method: 'Phương pháp',
  equipment: 'Thiết bị',
  material: 'Vật tư, tài liệu',
  measurement: 'Đo lường, theo dõi',
  environment: 'Môi trường làm việc',
  management: 'Quản lý',
}
const ACTION_TYPES: Record<string, string> = {
  correction: 'Khắc phục tức thời',
  corrective: 'Hành động khắc phục',
  preventive: 'Hành động phòng ngừa',
  improvement: 'Cải tiến',
}

/** The form of a nonconformity the actor may read (the same check as reading it). */
export async function renderCapaForm(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<{ code: string; pdf: Buffer }> {
  const nc = await getNonconformity(db, actor, id, env)
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, nc.orgUnitId))
  const rootId = unit?.path.split('/').filter(Boolean)[0]
  const [root] = rootId ? await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, rootId)) : []
  return { code: nc.code, pdf: await capaPdf(nc, root?.name ?? nc.orgUnit.name, env.config.timeZone) }
}

/** An instant's day in the agency's zone, dd/MM/yyyy. */
const day = (instant: string | null, timeZone: string) => (instant ? vnDate(localDate(new Date(instant), timeZone)) : '')

function capaPdf(nc: Nonconformity, agency: string, timeZone: string): Promise<Buffer> {
  const { doc, bytes } = decreeDocument({ Title: `Phiếu yêu cầu hành động khắc phục ${nc.code}`, Subject: nc.title, Author: agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const size = 13

  // Header: the agency on the left, the form's code on the right, as the agency's forms have it.
  const top = doc.y
  doc.font('bold').fontSize(12).text(agency.toUpperCase(), left, top, { width: width * 0.65 })
  doc.font('regular').fontSize(12).text(FORM_CODE, left + width * 0.65, top, { width: width * 0.35, align: 'right' })
  doc.y = Math.max(doc.y, top + 14) + 14
  doc.font('bold').fontSize(15).text('PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC', left, doc.y, { width, align: 'center' })
  doc.font('regular').fontSize(size).text(`Số: ${nc.code}`, { width, align: 'center' })
  doc.moveDown(0.8)

  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(size).text(`${label}: `, left, doc.y, { width, continued: true })
    doc.font('regular').text(value || BLANK.slice(0, 40))
  }
  const heading = (text: string) => {
    // A heading never ends a page: it keeps at least a few lines (or a table's first rows) with it.
    if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage()
    doc.moveDown(0.5)
    doc.font('bold').fontSize(size).text(text, left, doc.y, { width })
    doc.moveDown(0.2)
  }
  const para = (text: string | null | undefined, font = 'regular') => doc.font(font).fontSize(size).text(text?.trim() ? text : BLANK, left, doc.y, { width, align: 'justify' })
  const table = (columns: (number | string)[], header: string[], rows: string[][]) => {
    doc.font('regular').fontSize(11.5)
    doc.table({
      position: { x: left, y: doc.y },
      maxWidth: width,
      columnStyles: columns,
      defaultStyle: { padding: 3, border: 0.6 },
      data: [
        header.map((text) => ({ text, font: { src: TIMES.bold }, align: { x: 'center', y: 'center' } as const, type: 'TH' as const })),
        ...rows.map((row) => row.map((text, i) => ({ text, align: { x: i === 0 ? ('center' as const) : ('left' as const) } }))),
      ],
    })
    doc.x = left
    doc.moveDown(0.4)
  }

  line('Đơn vị', nc.orgUnit.name)
  line('Nguồn phát hiện', SOURCE[nc.source]?.[0] ?? nc.source)
  line('Ngày phát hiện', vnDate(nc.detectedOn))
  line('Mức độ', SEVERITY[nc.severity]?.[0] ?? nc.severity)
  line('Điều khoản ISO 9001:2015', nc.clauseNumbers.join(', '))
  line('Thời hạn khắc phục', vnDate(nc.dueDate))

  heading('1. Mô tả sự không phù hợp')
  para(nc.title, 'bold')
  if (nc.description.trim()) para(nc.description)
  line('Người phát hiện', nc.createdBy?.fullName ?? '')

  heading('2. Biện pháp xử lý tức thời')
  para(nc.containment)

  heading('3. Phân tích nguyên nhân')
  if (nc.rootCause) {
    nc.rootCause.whys.forEach((w, i) => para(`Tại sao ${i + 1}: ${w.why} — Vì: ${w.because || '……'}`))
    if (nc.rootCause.categories.length) line('Nhóm nguyên nhân', nc.rootCause.categories.map((c) => CAUSES[c] ?? c).join(', '))
    line('Nguyên nhân gốc rễ', nc.rootCause.summary)
    line('Người phân tích', nc.analyzedBy ? `${nc.analyzedBy.fullName}, ngày ${day(nc.analyzedAt, timeZone)}` : '')
  } else {
    para(null)
    para(null)
  }

  heading('4. Hành động khắc phục, phòng ngừa')
  table(
    [26, 76, '*', 88, 66, 100],
    ['TT', 'Loại', 'Nội dung', 'Người thực hiện', 'Thời hạn', 'Kết quả'],
    nc.actions.length
      ? nc.actions.map((a, i) => [
          String(i + 1),
          ACTION_TYPES[a.type] ?? a.type,
          a.description,
          a.owner.fullName,
          vnDate(a.dueDate),
          a.completedAt ? `Hoàn thành ${day(a.completedAt, timeZone)}${a.completionNote ? `: ${a.completionNote}` : ''}` : 'Chưa hoàn thành',
        ])
      : [['1', '', '', '', '', ''], ['2', '', '', '', '', '']],
  )

  heading('5. Kiểm tra hiệu lực')
  if (nc.verifications.length) {
    table(
      [36, 66, 110, 86, '*'],
      ['Lần', 'Ngày', 'Người kiểm tra', 'Kết quả', 'Nhận xét'],
      nc.verifications.map((v) => [String(v.round), day(v.verifiedAt, timeZone), v.verifier.fullName, v.effective ? 'Có hiệu lực' : 'Chưa có hiệu lực', v.note]),
    )
  } else {
    line('Dự kiến kiểm tra', nc.verificationPlannedDate ? vnDate(nc.verificationPlannedDate) : '')
    para(null)
  }

  heading('6. Kết luận')
  if (nc.status === 'closed') para(`Đã đóng ngày ${day(nc.closedAt, timeZone)}${nc.closedBy ? ` (${nc.closedBy.fullName})` : ''}.${nc.closingNote ? ` ${nc.closingNote}` : ''}`)
  else if (nc.status === 'cancelled') para(`Đã hủy ngày ${day(nc.cancelledAt, timeZone)}. Lý do: ${nc.cancelReason ?? ''}`)
  else para(null)

  // Signature blocks stay together: start a new page when they would not fit.
  doc.moveDown(1)
  if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const verifier = nc.verifications.at(-1)?.verifier.fullName ?? ''
  const signs: [string, string][] = [
    ['NGƯỜI PHÁT HIỆN', nc.createdBy?.fullName ?? ''],
    ['TRƯỞNG ĐƠN VỊ', nc.plannedBy?.fullName ?? nc.analyzedBy?.fullName ?? ''],
    ['NGƯỜI KIỂM TRA', verifier],
    ['LÃNH ĐẠO', nc.closedBy?.fullName ?? ''],
  ]
  const signTop = doc.y
  const colW = width / signs.length
  signs.forEach(([title, name], i) => {
    const x = left + i * colW
    doc.font('bold').fontSize(10).text(title, x, signTop, { width: colW, align: 'center' })
    doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên)', x, doc.y, { width: colW, align: 'center' })
    if (name) doc.font('bold').fontSize(10).text(name, x, signTop + 80, { width: colW, align: 'center' })
  })

  numberPages(doc, `${FORM_CODE} · ${nc.code}`)
  doc.end()
  return bytes
}
