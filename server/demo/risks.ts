/**
 * A small register of risks and opportunities (ISO 9001:2015 clause 6.1) for the demo
 * agency, drawn from its 2020 half-year report (shared/seed/cchc-report-2020-h1.vi.txt):
 * dossiers late after supplement requests, ID badges, documents left over from the
 * TCVN ISO 9001:2008 system, the online-service portal, and the chance to move the last
 * six procedures online. Written through the real services on a 2020 clock, so the
 * assessments, actions and audit log are what the app itself records. The planning
 * department (QLQHXD) is left without risks: the API tests count their fixtures there.
 */
import type { Db } from '../../db/client.ts'
import { addDays, agencyToday, type ServiceEnv } from '../lib/clock.ts'
import { addRiskAction, completeRiskAction, createRisk, reassessRisk, updateRisk } from '../modules/risks/service.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

export async function seedRisks(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  /** 09:00 in Vietnam on a 2020 day. */
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T09:00:00+07:00`) })
  // Reviews planned from the day the demo is loaded, so the register has some due and some not.
  const fromToday = (days: number) => addDays(agencyToday(env), days)
  const [manager, head, staff] = await Promise.all(['manager', 'head', 'staff'].map((u) => actorFor(db, org.users[u])))
  const desk = 'Tiếp nhận và trả kết quả hồ sơ'
  const online = 'Cung cấp dịch vụ công trực tuyến'
  let count = 0

  // 1. Late dossiers after repeated supplement requests: treated in part, re-assessed lower.
  {
    let risk = await createRisk(db, head, {
      kind: 'risk',
      process: desk,
      orgUnitId: org.units.reception,
      title: 'Hồ sơ trễ hạn do phải yêu cầu bổ sung nhiều lần',
      cause: 'Danh mục thành phần hồ sơ niêm yết chưa đầy đủ, hướng dẫn tại quầy chưa một lần, đầy đủ; doanh nghiệp nộp thiếu giấy tờ.',
      effect: 'Thời gian giải quyết kéo dài, phải gửi phiếu xin lỗi và hẹn lại ngày trả kết quả; doanh nghiệp không hài lòng.',
      likelihood: 3,
      impact: 4,
      ownerId: org.users.head,
      reviewDate: '2020-04-15',
      note: 'Đánh giá khi xây dựng kế hoạch 04/KH-BQL.',
    }, at('2020-01-10'))
    const listed = await addRiskAction(db, head, risk.id, { description: 'Rà soát, niêm yết lại thành phần hồ sơ của 40 thủ tục hành chính tại quầy và trên Cổng dịch vụ công', ownerId: org.users.staff, dueDate: '2020-02-28' }, at('2020-01-10'))
    await addRiskAction(db, head, risk.id, { description: 'Áp dụng phiếu hướng dẫn hoàn thiện hồ sơ một lần, đầy đủ', ownerId: org.users.staff, dueDate: fromToday(30) }, at('2020-01-10'))
    await completeRiskAction(db, staff, risk.id, listed.id, listed.version, { note: 'Đã niêm yết lại 40 thủ tục; cập nhật 6 thủ tục có thay đổi thành phần hồ sơ.' }, at('2020-02-26'))
    risk = await reassessRisk(db, head, risk.id, risk.version, { likelihood: 2, impact: 4, note: 'Sau khi niêm yết lại: số hồ sơ phải bổ sung giảm rõ; 82/86 hồ sơ đúng hạn.', reviewDate: fromToday(60) }, at('2020-04-15'))
    count++
  }

  // 2. ID badges at the desk: treated, then accepted at a low level.
  {
    let risk = await createRisk(db, head, {
      kind: 'risk',
      process: desk,
      orgUnitId: org.units.reception,
      title: 'Công chức không đeo thẻ công chức, viên chức trong giờ làm việc',
      cause: 'Thẻ để quên khi thay trang phục đầu giờ; đơn vị chỉ nhắc khi có đoàn kiểm tra.',
      effect: 'Vi phạm quy định văn hóa công sở (Quyết định 129/2007/QĐ-TTg); bị trừ điểm khi chấm Chỉ số cải cách hành chính.',
      likelihood: 3,
      impact: 2,
      ownerId: org.users.head,
      reviewDate: '2020-04-30',
    }, at('2020-03-12'))
    const weekly = await addRiskAction(db, head, risk.id, { description: 'Đưa việc kiểm tra đeo thẻ vào họp giao ban hằng tuần của Văn phòng', ownerId: org.users.head, dueDate: '2020-03-31' }, at('2020-03-12'))
    await completeRiskAction(db, head, risk.id, weekly.id, weekly.version, { note: 'Từ tuần 13/2020, họp giao ban có mục kiểm tra đeo thẻ.' }, at('2020-03-30'))
    risk = await reassessRisk(db, head, risk.id, risk.version, { likelihood: 1, impact: 2, note: 'Kiểm tra đột xuất 03 lần trong tháng 4/2020: 100% công chức đeo thẻ.', reviewDate: fromToday(90) }, at('2020-04-30'))
    risk = await updateRisk(db, head, risk.id, risk.version, { status: 'treated' }, at('2020-04-30'))
    count++
  }

  // 3. Outdated document versions in use during the 2008 → 2015 transition: its action is overdue, its review past.
  {
    const risk = await createRisk(db, head, {
      kind: 'risk',
      process: 'Kiểm soát tài liệu và hồ sơ',
      orgUnitId: org.units.office,
      title: 'Tài liệu, biểu mẫu phiên bản cũ vẫn được sử dụng',
      cause: 'Chuyển đổi từ TCVN ISO 9001:2008 sang TCVN ISO 9001:2015; tài liệu được phân phối không có danh sách nơi nhận nên bản cũ không được thu hồi.',
      effect: 'Giải quyết hồ sơ theo quy trình lỗi thời; phát sinh sự không phù hợp khi đánh giá nội bộ.',
      likelihood: 4,
      impact: 3,
      ownerId: org.users.head,
      reviewDate: '2020-06-30',
    }, at('2020-02-20'))
    await addRiskAction(db, head, risk.id, { description: 'Lập danh sách phân phối tài liệu; thu hồi, đóng dấu "Hết hiệu lực" các bản cũ', ownerId: org.users['vo.thi.mai'], dueDate: '2020-06-30' }, at('2020-02-20'))
    count++
  }

  // 4. The online-service portal goes down.
  {
    const risk = await createRisk(db, head, {
      kind: 'risk',
      process: online,
      orgUnitId: org.units.office,
      title: 'Cổng dịch vụ công trực tuyến của tỉnh ngừng hoạt động',
      cause: 'Sự cố đường truyền hoặc máy chủ của tỉnh; Ban chưa có phương án tiếp nhận dự phòng.',
      effect: 'Không tiếp nhận được hồ sơ trực tuyến mức độ 3, 4; hồ sơ bị chậm, doanh nghiệp phải đến nộp trực tiếp.',
      likelihood: 2,
      impact: 5,
      ownerId: org.users.head,
      reviewDate: fromToday(14),
    }, at('2020-03-02'))
    await addRiskAction(db, head, risk.id, { description: 'Xây dựng phương án tiếp nhận hồ sơ dự phòng (thư điện tử, trực tiếp) khi Cổng ngừng hoạt động', ownerId: org.users.admin, dueDate: fromToday(45) }, at('2020-03-02'))
    count++
  }

  // 5. New investment law, internal procedures not yet updated.
  {
    await createRisk(db, manager, {
      kind: 'risk',
      process: 'Cấp, điều chỉnh Giấy chứng nhận đăng ký đầu tư',
      orgUnitId: org.units.investment,
      title: 'Quy trình nội bộ chưa cập nhật kịp khi Luật Đầu tư 2020 có hiệu lực',
      cause: 'Luật Đầu tư số 61/2020/QH14 có hiệu lực từ 01/01/2021; nghị định hướng dẫn ban hành sau.',
      effect: 'Hướng dẫn nhà đầu tư theo quy định cũ; hồ sơ phải làm lại.',
      likelihood: 3,
      impact: 3,
      ownerId: org.users.manager,
      reviewDate: '2020-12-15',
    }, at('2020-06-29'))
    count++
  }

  // 6. Opportunity: the last six procedures online at level 4.
  {
    const risk = await createRisk(db, manager, {
      kind: 'opportunity',
      process: online,
      orgUnitId: org.units.enterprise,
      title: 'Đưa 06 thủ tục còn lại lên dịch vụ công trực tuyến mức độ 4',
      cause: '34/40 thủ tục đã cung cấp ở mức độ 4; 44/86 hồ sơ trong kỳ được nộp trực tuyến, doanh nghiệp đã quen nộp qua mạng.',
      effect: 'Giảm hồ sơ nộp trực tiếp, rút ngắn thời gian giải quyết, nâng điểm Chỉ số cải cách hành chính.',
      likelihood: 4,
      impact: 3,
      ownerId: org.users['dang.quoc.bao'],
      reviewDate: fromToday(120),
    }, at('2020-05-27'))
    await addRiskAction(db, manager, risk.id, { description: 'Đề xuất UBND tỉnh nâng 06 thủ tục mức độ 3 lên mức độ 4', ownerId: org.users['dang.quoc.bao'], dueDate: fromToday(60) }, at('2020-05-27'))
    count++
  }

  // 7. Opportunity: results returned by the public postal service.
  {
    await createRisk(db, manager, {
      kind: 'opportunity',
      process: desk,
      orgUnitId: org.units.reception,
      title: 'Trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích',
      cause: 'Nhiều doanh nghiệp ở xa trụ sở Ban; dịch vụ bưu chính công ích đã sẵn sàng.',
      effect: 'Doanh nghiệp không phải đi lại để nhận kết quả; mức độ hài lòng tăng.',
      likelihood: 3,
      impact: 2,
      ownerId: org.users.head,
    }, at('2020-05-27'))
    count++
  }
  return count
}
