/**
 * The board's half-year report 173/BC-BQL of 29/05/2020 (shared/seed/cchc-report-2020-h1.vi.txt),
 * issued from the data: a draft for the seed's period (21/11/2019 – 27/05/2020) accounting
 * for plan 04/KH-BQL, its narrative in the seed's words, approved on 28/05 and issued on
 * 29/05/2020 — which freezes it and registers its PDF in document control as a record. The
 * seed names no signer or recipients: the report is signed by the demo's deputy head of
 * the board, for the head (KT. TRƯỞNG BAN), and sent where such reports go.
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { plans } from '../../db/schema/index.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { approveReportDraft, createReportDraft, issueReportDraft } from '../modules/reports/drafts/service.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

const PROPAGANDA = [
  'Trong 6 tháng đầu năm, ngoài việc tuyên truyền các văn bản chỉ đạo, điều hành, các kế hoạch có liên quan đến cải cách hành chính hàng năm, Ban Quản lý đã đăng tải thông tin tuyên truyền trên chuyên mục bản tin cải cách hành chính trên Cổng thông tin điện tử của Ban với các tin bài có nội dung về công tác cải cách hành chính của Ban và của tỉnh; việc triển khai thực hiện cơ chế một cửa, một cửa liên thông điện tử; các tin bài hướng dẫn thực hiện dịch vụ công trực tuyến đối với các thủ tục hành chính của Ban.',
  'Nhìn chung công tác tuyên truyền đã góp phần nâng cao nhận thức về vai trò, trách nhiệm của người đứng đầu cấp ủy Đảng, cơ quan, các đoàn thể, công chức, viên chức về công tác cải cách hành chính; khuyến khích người dân, tổ chức, doanh nghiệp sử dụng dịch vụ công trực tuyến, tiết kiệm chi phí.',
].join('\n')

const DIRECTION = [
  'Trong kỳ báo cáo, công tác kiểm tra việc thực hiện các nội dung của kế hoạch cải cách hành chính được Lãnh đạo Ban quan tâm chỉ đạo thực hiện nghiêm túc. Kết quả các nội dung đảm bảo thực hiện theo quy định.',
  'Lãnh đạo Ban thường xuyên quan tâm, nhắc nhở công chức tại Bộ phận Tiếp nhận và trả kết quả thực hiện đúng các quy định về việc giao tiếp với khách hàng trong tiếp nhận hồ sơ, phải luôn có tinh thần thái độ phục vụ nhiệt tình.',
].join('\n')

const CONCLUSIONS = [
  'Các kết quả đạt được trong kỳ báo cáo về cơ bản rõ nét trên tất cả các nội dung: hệ thống văn bản pháp quy tiếp tục được đổi mới, hoàn thiện; công tác cải cách thủ tục hành chính từng bước được đổi mới, nâng cao hiệu quả thiết thực thông qua việc ứng dụng công nghệ thông tin, dịch vụ công trực tuyến và dịch vụ bưu chính công ích; chất lượng đội ngũ công chức, viên chức được nâng lên rõ rệt, đáp ứng yêu cầu nhiệm vụ đề ra.',
  'Tóm lại, qua 6 tháng đầu năm triển khai thực hiện công tác cải cách hành chính, Lãnh đạo Ban và công chức, viên chức của Ban đã nhận thức cải cách hành chính là một chủ trương lớn; Lãnh đạo Ban luôn chỉ đạo công chức, viên chức nghiêm túc thực hiện các chỉ tiêu cải cách hành chính đạt hiệu quả cao, không để xảy ra tình trạng chậm trễ gây ảnh hưởng đến tiến độ thực hiện nhiệm vụ cải cách hành chính của cơ quan nói riêng và của tỉnh nói chung.',
].join('\n')

const NEXT_PERIOD = 'Để hoàn thành Kế hoạch số 04/KH-BQL ngày 06/01/2020 trong công tác cải cách hành chính ở 6 tháng cuối năm, Ban Quản lý đề ra các phương hướng, nhiệm vụ như sau:'

export const DEMO_REPORT = {
  number: '173',
  issuedOn: '2020-05-29',
  signerTitle: 'KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN',
  signerName: 'Nguyễn Văn Minh',
  recipients: ['UBND tỉnh (b/c)', 'Sở Nội vụ (b/c)', 'Lãnh đạo Ban', 'Các phòng, đơn vị trực thuộc', 'Lưu: VT'],
}

export async function seedReports(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T10:00:00+07:00`) })
  const manager = await actorFor(db, org.users.manager)
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.number, '04/KH-BQL'))
  let draft = await createReportDraft(
    db,
    manager,
    { from: '2019-11-21', to: '2020-05-27', planId: plan?.id ?? null, propaganda: PROPAGANDA, direction: DIRECTION, conclusions: CONCLUSIONS, nextPeriod: NEXT_PERIOD },
    at('2020-05-27'),
  )
  draft = await approveReportDraft(db, manager, draft.id, draft.version, at('2020-05-28'))
  await issueReportDraft(db, manager, draft.id, draft.version, DEMO_REPORT, at(DEMO_REPORT.issuedOn))
  return 1
}
