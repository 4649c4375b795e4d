/**
 * Demo nonconformities from the agency's 2020 work (shared/seed/cchc-report-2020-h1.vi.txt):
 * an internal audit of document control (clause 7.5) during the move from TCVN ISO
 * 9001:2008 to ISO 9001:2015, an ID-badge inspection at the one-stop desk, and others,
 * in various states. They go through the real services with a 2020 clock, so the
 * timeline, checks, audit log and rules are exactly what the app itself would record.
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { orgUnits, users } from '../../db/schema/index.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import type { Actor } from '../lib/permissions.ts'
import { addAction, completeAction } from '../modules/nonconformities/actions/service.ts'
import { raiseNonconformity } from '../modules/nonconformities/service.ts'
import {
  analyzeNonconformity,
  closeNonconformity,
  planNonconformity,
  startNonconformity,
  submitForVerification,
  verifyNonconformity,
} from '../modules/nonconformities/workflow.ts'
import type { DemoOrganisation } from './organisation.ts'

/** The demo user as the services see a signed-in user (their roles and unit). */
export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const [row] = await db
    .select({ id: users.id, username: users.username, fullName: users.fullName, roles: users.roles, orgUnitId: users.orgUnitId, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, userId))
  return { userId: row.id, username: row.username, fullName: row.fullName, roles: row.roles, orgUnitId: row.orgUnitId, orgUnitPath: row.path, via: 'session' }
}

export async function seedNonconformities(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  /** 08:30 in Vietnam on a 2020 day. */
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T08:30:00+07:00`) })
  const [auditor, head, staff, manager] = await Promise.all(['auditor', 'head', 'staff', 'manager'].map((u) => actorFor(db, org.users[u])))
  let count = 0

  // 1. Closed: ID badges at the one-stop desk (reminded on the spot, then a weekly check).
  {
    let nc = await raiseNonconformity(db, auditor, {
      source: 'internal_audit',
      orgUnitId: org.units.reception,
      title: 'Công chức Bộ phận Tiếp nhận và Trả kết quả không đeo thẻ công chức trong giờ làm việc',
      description: 'Kiểm tra nội bộ ngày 12/03/2020: 02 lượt công chức tại Bộ phận Tiếp nhận và Trả kết quả không đeo thẻ công chức, viên chức trong giờ làm việc; đã nhắc nhở tại chỗ.',
      severity: 'minor',
      clauseNumbers: ['7.3'],
      containment: 'Nhắc nhở tại chỗ; công chức đeo thẻ ngay trong buổi làm việc.',
      detectedOn: '2020-03-12',
    }, at('2020-03-12'))
    nc = await analyzeNonconformity(db, head, nc.id, nc.version, {
      rootCause: {
        whys: [
          { why: 'Vì sao công chức không đeo thẻ?', because: 'Thẻ để lại trong túi áo khoác khi thay trang phục đầu giờ.' },
          { why: 'Vì sao việc để quên thẻ lặp lại?', because: 'Văn phòng chưa kiểm tra việc đeo thẻ thường xuyên, chỉ nhắc khi có đoàn kiểm tra.' },
        ],
        categories: ['people', 'management'],
        summary: 'Việc đeo thẻ chưa được nhắc và kiểm tra thường xuyên trong họp giao ban của đơn vị.',
      },
    }, at('2020-03-16'))
    const correction = await addAction(db, head, nc.id, { type: 'correction', description: 'Nhắc nhở và ghi nhận tại chỗ các trường hợp không đeo thẻ', ownerId: org.users.staff, dueDate: '2020-03-13' }, at('2020-03-16'))
    const corrective = await addAction(db, head, nc.id, { type: 'corrective', description: 'Đưa nội dung đeo thẻ công chức vào họp giao ban hằng tuần của Văn phòng', ownerId: org.users.head, dueDate: '2020-03-31' }, at('2020-03-16'))
    nc = await planNonconformity(db, head, nc.id, nc.version, { verificationPlannedDate: '2020-04-20' }, at('2020-03-16'))
    nc = await startNonconformity(db, head, nc.id, nc.version, at('2020-03-16'))
    await completeAction(db, staff, correction.id, correction.version, { note: 'Đã nhắc nhở 02 trường hợp, ghi vào sổ theo dõi.' }, at('2020-03-17'))
    await completeAction(db, head, corrective.id, corrective.version, { note: 'Từ tuần 13/2020, họp giao ban Văn phòng có mục kiểm tra đeo thẻ.' }, at('2020-03-30'))
    nc = await submitForVerification(db, head, nc.id, nc.version, at('2020-04-01'))
    nc = await verifyNonconformity(db, auditor, nc.id, nc.version, { effective: true, note: 'Kiểm tra đột xuất 03 lần trong tháng 4/2020: 100% công chức tại Bộ phận đeo thẻ.' }, at('2020-04-20'))
    await closeNonconformity(db, head, nc.id, nc.version, {}, at('2020-04-24'))
    count++
  }

  // 2. In progress and overdue: internal audit of document control during the 2008 → 2015 transition.
  {
    let nc = await raiseNonconformity(db, auditor, {
      source: 'internal_audit',
      orgUnitId: org.units.office,
      title: 'Quy trình nội bộ chưa được cập nhật khi chuyển đổi từ TCVN ISO 9001:2008 sang ISO 9001:2015',
      description: 'Đánh giá nội bộ ngày 15/05/2020 (điều khoản 7.5 – Thông tin dạng văn bản): 12/40 quy trình nội bộ giải quyết thủ tục hành chính vẫn theo cấu trúc TCVN ISO 9001:2008; Bộ phận Tiếp nhận và Trả kết quả còn sử dụng bản quy trình đã hết hiệu lực.',
      severity: 'major',
      clauseNumbers: ['7.5.2', '7.5.3'],
      containment: 'Thu hồi các bản quy trình cũ tại Bộ phận Tiếp nhận và Trả kết quả; đóng dấu "Tài liệu lỗi thời" trên các bản lưu.',
      detectedOn: '2020-05-15',
      dueDate: '2020-08-31',
    }, at('2020-05-15'))
    nc = await analyzeNonconformity(db, head, nc.id, nc.version, {
      rootCause: {
        whys: [
          { why: 'Vì sao 12 quy trình chưa được cập nhật?', because: 'Chưa giao đầu mối rà soát cho từng quy trình.' },
          { why: 'Vì sao chưa giao đầu mối?', because: 'Kế hoạch chuyển đổi chưa có danh mục quy trình và thời hạn cho từng quy trình.' },
          { why: 'Vì sao bản cũ còn được dùng ở Bộ phận một cửa?', because: 'Không có sổ theo dõi phân phối và thu hồi tài liệu.' },
        ],
        categories: ['management', 'method'],
        summary: 'Kế hoạch chuyển đổi chưa giao đầu mối và thời hạn cho từng quy trình; chưa kiểm soát việc phân phối, thu hồi tài liệu (điều khoản 7.5.3).',
      },
    }, at('2020-05-20'))
    const recall = await addAction(db, head, nc.id, { type: 'correction', description: 'Thu hồi bản quy trình cũ tại Bộ phận Tiếp nhận và Trả kết quả', ownerId: org.users.staff, dueDate: '2020-05-22' }, at('2020-05-20'))
    await addAction(db, head, nc.id, { type: 'corrective', description: 'Lập danh mục 40 quy trình nội bộ, giao đầu mối và thời hạn rà soát, ban hành lại theo ISO 9001:2015', ownerId: org.users.head, dueDate: '2020-07-31' }, at('2020-05-20'))
    await addAction(db, head, nc.id, { type: 'corrective', description: 'Lập sổ theo dõi phân phối, thu hồi tài liệu tại Bộ phận Tiếp nhận và Trả kết quả', ownerId: org.users.staff, dueDate: '2020-06-30' }, at('2020-05-20'))
    nc = await planNonconformity(db, head, nc.id, nc.version, { verificationPlannedDate: '2020-09-15' }, at('2020-05-21'))
    nc = await startNonconformity(db, head, nc.id, nc.version, at('2020-05-21'))
    await completeAction(db, staff, recall.id, recall.version, { note: 'Đã thu hồi 12 bản quy trình cũ, lập biên bản thu hồi.' }, at('2020-05-21'))
    count++
  }

  // 3. Waiting for the effectiveness check: the posting board missed four newly published procedures.
  {
    let nc = await raiseNonconformity(db, head, {
      source: 'other',
      orgUnitId: org.units.reception,
      title: 'Bảng niêm yết thủ tục hành chính tại Bộ phận một cửa chưa cập nhật 04 thủ tục mới công bố',
      description: 'Tự kiểm tra ngày 29/06/2020: 04 thủ tục thuộc lĩnh vực hoạt động xây dựng và quản lý chất lượng công trình xây dựng mới được công bố chưa được niêm yết công khai.',
      severity: 'minor',
      clauseNumbers: ['7.5.3', '8.2'],
      containment: 'Dán tạm danh mục 04 thủ tục mới tại quầy tiếp nhận.',
      detectedOn: '2020-06-29',
    }, at('2020-06-29'))
    nc = await analyzeNonconformity(db, head, nc.id, nc.version, {
      rootCause: {
        whys: [{ why: 'Vì sao 04 thủ tục mới chưa được niêm yết?', because: 'Quy trình công bố thủ tục hành chính không có bước cập nhật bảng niêm yết.' }],
        categories: ['method'],
        summary: 'Thiếu bước cập nhật niêm yết trong quy trình công bố thủ tục hành chính.',
      },
    }, at('2020-06-30'))
    const post = await addAction(db, head, nc.id, { type: 'corrective', description: 'Niêm yết 04 thủ tục mới và bổ sung bước cập nhật niêm yết vào quy trình công bố thủ tục', ownerId: org.users.staff, dueDate: '2020-07-10' }, at('2020-06-30'))
    nc = await planNonconformity(db, head, nc.id, nc.version, { verificationPlannedDate: '2020-07-20' }, at('2020-06-30'))
    nc = await startNonconformity(db, head, nc.id, nc.version, at('2020-06-30'))
    await completeAction(db, staff, post.id, post.version, { note: 'Đã niêm yết ngày 08/07/2020; quy trình công bố đã bổ sung bước 5.4.' }, at('2020-07-08'))
    await submitForVerification(db, head, nc.id, nc.version, at('2020-07-09'))
    count++
  }

  // 4. Analysis under way (by a manager: the head of that department does not sign in).
  {
    const nc = await raiseNonconformity(db, auditor, {
      source: 'internal_audit',
      orgUnitId: org.units.enterprise,
      title: 'Hồ sơ công việc chưa cập nhật kịp thời tiến độ xử lý trên phần mềm quản lý văn bản',
      description: 'Kiểm tra công vụ ngày 10/06/2020: 05 hồ sơ công việc của Phòng Quản lý doanh nghiệp đã xử lý xong trên giấy nhưng phần mềm vẫn ở trạng thái "đang xử lý".',
      severity: 'minor',
      clauseNumbers: ['8.5'],
      detectedOn: '2020-06-10',
    }, at('2020-06-10'))
    await analyzeNonconformity(db, manager, nc.id, nc.version, {
      rootCause: {
        whys: [
          { why: 'Vì sao tiến độ trên phần mềm không được cập nhật?', because: 'Chuyên viên xử lý hồ sơ giấy trước, cập nhật phần mềm sau.' },
          { why: 'Vì sao xử lý giấy trước?', because: '' },
        ],
        categories: [],
        summary: '',
      },
    }, at('2020-06-15'))
    count++
  }

  // 5. Draft: just raised at the management review.
  {
    await raiseNonconformity(db, manager, {
      source: 'management_review',
      orgUnitId: org.units.office,
      title: 'Chương trình đánh giá nội bộ năm 2020 chưa bao gồm đơn vị trực thuộc',
      description: 'Họp xem xét của lãnh đạo ngày 20/07/2020: chương trình đánh giá nội bộ chưa có lịch đánh giá Công ty Phát triển hạ tầng các khu công nghiệp.',
      severity: 'minor',
      clauseNumbers: ['9.2'],
      detectedOn: '2020-07-20',
    }, at('2020-07-20'))
    count++
  }
  return count
}
