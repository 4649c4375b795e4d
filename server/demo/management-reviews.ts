/**
 * The management review of 2019 (họp xem xét của lãnh đạo năm 2019) for the demo agency:
 * prepared by the board's deputy head on 06/01/2020, held on 15/01/2020 (its inputs are
 * frozen then from the demo's 2019 records: the late-2019 inspections and dossiers),
 * three decisions of which two are actions — one done in March 2020, one still open —
 * and approved by its chair. Written through the real services on a 2020 clock. A later
 * review lists its actions under "status of actions from previous reviews".
 */
import type { Db } from '../../db/client.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { addDecision, approveReview, completeDecision, createReview, holdReview } from '../modules/management-reviews/service.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

export async function seedManagementReviews(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  /** 14:00 in Vietnam on a 2020 day. */
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T14:00:00+07:00`) })
  const [manager, staff] = await Promise.all(['manager', 'staff'].map((u) => actorFor(db, org.users[u])))
  let review = await createReview(
    db,
    manager,
    {
      title: 'Họp xem xét của lãnh đạo năm 2019',
      orgUnitId: org.units.board,
      periodFrom: '2019-01-01',
      periodTo: '2019-12-31',
      meetingDate: '2020-01-15',
      location: 'Phòng họp Ban Quản lý các khu công nghiệp',
      chairId: org.users.manager,
      attendeeIds: [org.users.auditor, org.users.head, org.users.staff],
      resources:
        'Bộ phận Tiếp nhận và Trả kết quả có 02 công chức, đáp ứng số hồ sơ hiện nay; máy tính tại quầy đã cũ, cần thay thế để kết nối Cổng dịch vụ công trực tuyến.',
    },
    at('2020-01-06'),
  )
  review = await holdReview(db, manager, review.id, review.version, at('2020-01-15'))
  const listing = await addDecision(
    db,
    manager,
    review.id,
    { category: 'improvement', description: 'Niêm yết lại đầy đủ thành phần hồ sơ của các thủ tục hành chính tại quầy và trên Cổng dịch vụ công', ownerId: org.users.staff, dueDate: '2020-03-31' },
    at('2020-01-15'),
  )
  await addDecision(
    db,
    manager,
    review.id,
    { category: 'qms_change', description: 'Chuyển đổi hệ thống quản lý chất lượng từ TCVN ISO 9001:2008 sang TCVN ISO 9001:2015; rà soát, ban hành lại các quy trình', ownerId: org.users.head, dueDate: '2020-06-30' },
    at('2020-01-15'),
  )
  await addDecision(db, manager, review.id, { category: 'resources', description: 'Đề xuất kinh phí thay thế 02 máy tính tại Bộ phận Tiếp nhận và Trả kết quả trong dự toán năm 2020' }, at('2020-01-15'))
  review = await approveReview(db, manager, review.id, review.version, at('2020-01-20'))
  await completeDecision(db, staff, review.id, listing.id, listing.version, { note: 'Đã niêm yết lại 40 thủ tục tại quầy và cập nhật trên Cổng dịch vụ công.' }, at('2020-03-10'))
  return 1
}
