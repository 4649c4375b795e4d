/**
 * The receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu số 01 of
 * Thông tư 01/2018/TT-VPCP on the one-stop shop) the desk prints and hands the applicant:
 * who handed in what, for which procedure, when it was received and when the result is
 * due, with both signatures. In the official layout (Nghị định 30/2020/NĐ-CP header,
 * Tinos). It holds the applicant's personal data, so only those who may act on the
 * dossier print it.
 */
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { dossierEvents, orgUnits } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { drawDecreeHeader } from '../../lib/decree-layout.ts'
import { decreeDocument, TIMES } from '../../lib/pdf-document.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { decreeDate } from '../reports/par-official.ts'
import { wallClock } from '../calendar/working-days.ts'
import { findDossier, requireDossierWrite } from './service.ts'

const PAPER_FORMS: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao chứng thực',
  electronic: 'Bản điện tử',
}
const DOTS = '…………………………………………'
const SIZE = 13

export async function renderReceipt(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<{ code: string; pdf: Buffer }> {
  requirePermission(actor, 'dossier.write')
  const row = await findDossier(db, id)
  requireDossierWrite(actor, row.unit.path, row.receivingUnit?.path)
  const rootId = row.unit.path.split('/').filter(Boolean)[0]
  const [[root], [received]] = await Promise.all([
    db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, rootId)),
    db
      .select({ actorName: dossierEvents.actorName })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, id), eq(dossierEvents.type, 'received')))
      .orderBy(asc(dossierEvents.seq))
      .limit(1),
  ])
  const d = row.dossier
  const zone = env.config.timeZone
  const at = (instant: Date) => {
    const local = wallClock(instant, zone)
    const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0')
    const mm = String(local.minutes % 60).padStart(2, '0')
    return `${hh} giờ ${mm} phút, ngày ${local.date.slice(8, 10)}/${local.date.slice(5, 7)}/${local.date.slice(0, 4)}`
  }
  const desk = row.receivingUnit?.name ?? row.unit.name
  const agency = root?.name ?? row.unit.name

  const { doc, bytes } = decreeDocument({ Title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${d.code}`, Subject: row.procedure.name, Author: agency })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  drawDecreeHeader(doc, {
    parentAgency: agency.toUpperCase(),
    agency: desk.toUpperCase(),
    numberLine: `Số: ${d.code}`,
    placeDateLine: `${env.config.agencyPlace}, ${decreeDate(wallClock(d.receivedAt, zone).date)}`,
  })

  doc.font('bold').fontSize(14).text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', left, doc.y + 22, { width, align: 'center' })
  doc.font('bold').fontSize(SIZE).text(`Mã hồ sơ: ${d.code}`, { width, align: 'center' })
  doc.moveDown(0.8)

  const para = (text: string, font = 'regular') => doc.font(font).fontSize(SIZE).text(text, left, doc.y, { width, align: 'justify', paragraphGap: 3 })
  const line = (label: string, value: string | null) => {
    doc.font('regular').fontSize(SIZE).text(`${label}: `, left, doc.y, { width, continued: true, paragraphGap: 3 })
    doc.font(value ? 'bold' : 'regular').text(value ?? DOTS)
  }

  para(`${desk} tiếp nhận hồ sơ của:`)
  line('Ông/Bà', d.applicantName)
  line('Số CCCD/CMND', d.applicantIdNumber)
  line('Địa chỉ', d.applicantAddress)
  line('Số điện thoại', d.applicantPhone)
  line('Nội dung yêu cầu giải quyết', row.procedure.name)

  para('1. Thành phần hồ sơ nộp gồm:')
  const papers = d.papers.length ? d.papers : [{ name: '', form: '', count: 0 }]
  doc.font('regular').fontSize(12)
  doc.table({
    position: { x: left, y: doc.y },
    maxWidth: width,
    columnStyles: [34, '*', 120, 64],
    defaultStyle: { padding: [2, 4, 2, 4], border: 0.6 },
    data: [
      ['TT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'].map((text) => ({ text, font: { src: TIMES.bold }, align: { x: 'center', y: 'center' } as const, type: 'TH' as const })),
      ...papers.map((p, i) => [
        { text: String(i + 1), align: { x: 'center' as const, y: 'center' as const } },
        { text: p.name },
        { text: PAPER_FORMS[p.form] ?? '', align: { x: 'center' as const, y: 'center' as const } },
        { text: p.count ? String(p.count) : '', align: { x: 'right' as const, y: 'center' as const } },
      ]),
    ],
  })
  doc.x = left
  doc.moveDown(0.5)
  para('2. Số lượng hồ sơ: 01 (bộ).')
  para(`3. Thời gian giải quyết hồ sơ theo quy định là: ${row.procedure.processingDays} ngày làm việc.`)
  para(`4. Thời gian nhận hồ sơ: ${at(d.receivedAt)}.`)
  para(`5. Thời gian trả kết quả giải quyết hồ sơ: ${at(d.dueAt)}.`)
  para(`6. Đăng ký nhận kết quả tại: ${desk}.`)

  doc.moveDown(1)
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const signTop = doc.y
  const half = width / 2
  const signer = (x: number, title: string, name: string | null) => {
    doc.font('bold').fontSize(SIZE).text(title, x, signTop, { width: half, align: 'center' })
    doc.font('italic').fontSize(12).text('(Ký và ghi rõ họ tên)', x, doc.y, { width: half, align: 'center' })
    if (name) doc.font('bold').fontSize(SIZE).text(name, x, signTop + 90, { width: half, align: 'center' })
  }
  signer(left, 'NGƯỜI NỘP HỒ SƠ', d.applicantName)
  signer(left + half, 'NGƯỜI TIẾP NHẬN HỒ SƠ', received?.actorName ?? null)
  doc.end()
  return { code: d.code, pdf: await bytes }
}
