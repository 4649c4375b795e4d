/**
 * The board's 2020 administrative-reform plan from the seed report
 * (shared/seed/cchc-report-2020-h1.vi.txt): Kế hoạch 04/KH-BQL of 06/01/2020 implementing
 * the province's 424/KH-UBND of 16/12/2019, with tasks in each reform area and their
 * progress as reported up to 27/05/2020 (the end of the report's period), evidence
 * included; then the report's six directions ("Một là … Sáu là …") added on 29/05/2020 as
 * the tasks of the second half-year. Written through the real services on a 2020 clock.
 * The planning department (QLQHXD) leads and supports nothing: the API tests count their
 * fixtures there.
 */
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { documents, parAssessments, planAreas } from '../../db/schema/index.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { remediationCandidates } from '../modules/par-index/service.ts'
import { createRemediationTasks } from '../modules/plans/remediation.ts'
import { createPlan, updatePlan } from '../modules/plans/service.ts'
import { createPlanTask, reportTaskProgress } from '../modules/plans/tasks.ts'
import type { EvidenceLink } from '../modules/plans/schemas.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

interface TaskSeed {
  area: string
  content: string
  output?: string
  lead: string
  support?: string[]
  deadline: string
  /** Progress notes, oldest first: [agency date, status or undefined (a note only), note, evidence links]. */
  progress?: [string, 'in_progress' | 'done' | undefined, string, EvidenceLink[]?][]
}

export async function seedPlans(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  /** 09:00 in Vietnam on a 2020 day. */
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T09:00:00+07:00`) })
  const [manager, head] = await Promise.all(['manager', 'head'].map((u) => actorFor(db, org.users[u])))
  const areas = Object.fromEntries((await db.select({ id: planAreas.id, code: planAreas.code }).from(planAreas)).map((a) => [a.code, a.id]))
  const [qmsDocument] = await db.select({ id: documents.id }).from(documents).orderBy(asc(documents.code)).limit(1)
  const u = org.units

  let plan = await createPlan(
    db,
    manager,
    {
      kind: 'annual_reform',
      number: '04/KH-BQL',
      issuedOn: '2020-01-06',
      title: 'Kế hoạch thực hiện nhiệm vụ cải cách hành chính năm 2020 của Ban Quản lý',
      year: 2020,
      basis: 'Kế hoạch số 424/KH-UBND ngày 16/12/2019 của Ủy ban nhân dân tỉnh',
      issuingUnitId: u.board,
    },
    at('2020-01-03'),
  )

  const add = (t: TaskSeed, day: string) =>
    createPlanTask(
      db,
      manager,
      plan.id,
      { areaId: areas[t.area], content: t.content, expectedOutput: t.output ?? null, leadUnitId: u[t.lead], supportUnitIds: (t.support ?? []).map((k) => u[k]), deadline: t.deadline },
      at(day),
    )

  const first: TaskSeed[] = [
    {
      area: 'direction',
      content: 'Ban hành Kế hoạch cải cách hành chính năm 2020 và Kế hoạch tuyên truyền cải cách hành chính năm 2020',
      output: 'Kế hoạch được ban hành',
      lead: 'office',
      deadline: '2020-01-15',
      progress: [['2020-01-10', 'done', 'Đã ban hành Kế hoạch 04/KH-BQL và kế hoạch tuyên truyền kèm theo.']],
    },
    {
      area: 'direction',
      content: 'Đăng tải tin bài trên chuyên mục bản tin cải cách hành chính của Cổng thông tin điện tử của Ban; hướng dẫn sử dụng dịch vụ công trực tuyến',
      output: 'Tin bài trên Cổng thông tin điện tử',
      lead: 'office',
      deadline: '2020-12-31',
      progress: [['2020-05-27', 'in_progress', 'Đã đăng tin bài về cơ chế một cửa, một cửa liên thông điện tử và hướng dẫn nộp hồ sơ trực tuyến.']],
    },
    {
      area: 'direction',
      content: 'Kiểm tra việc thực hiện các nội dung của kế hoạch cải cách hành chính',
      output: 'Báo cáo kết quả kiểm tra',
      lead: 'office',
      support: ['enterprise', 'investment'],
      deadline: '2020-06-30',
      progress: [['2020-05-20', 'in_progress', 'Lãnh đạo Ban chỉ đạo kiểm tra; các nội dung thực hiện theo quy định.']],
    },
    {
      area: 'institutions',
      content: 'Rà soát, thống kê văn bản quy phạm pháp luật liên quan đến quản lý và phát triển các khu, cụm công nghiệp',
      output: 'Danh mục văn bản đề nghị sửa đổi, bổ sung',
      lead: 'investment',
      deadline: '2020-03-31',
      progress: [
        ['2020-03-02', 'in_progress', 'Đang tổng hợp danh mục văn bản.'],
        ['2020-04-10', 'done', 'Đã gửi danh mục văn bản đề nghị sửa đổi về Sở Tư pháp.'],
      ],
    },
    {
      area: 'procedures',
      content: 'Rà soát, công bố, công khai đầy đủ thủ tục hành chính tại Bộ phận Tiếp nhận và trả kết quả và trên Cổng dịch vụ công',
      output: '40 thủ tục hành chính được niêm yết',
      lead: 'reception',
      deadline: '2020-03-31',
      progress: [['2020-02-26', 'done', 'Đã niêm yết lại 40 thủ tục hành chính; cập nhật 6 thủ tục có thay đổi thành phần hồ sơ.']],
    },
    {
      area: 'procedures',
      content: 'Đề xuất nâng 06 thủ tục hành chính đang ở mức độ 3 lên dịch vụ công trực tuyến mức độ 4',
      output: 'Văn bản đề xuất gửi UBND tỉnh',
      lead: 'enterprise',
      deadline: '2020-06-30',
      progress: [['2020-05-15', 'in_progress', 'Đã có 34/40 thủ tục mức độ 4; đang rà soát 06 thủ tục còn lại.']],
    },
    {
      area: 'apparatus',
      content: 'Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức các phòng chuyên môn và đơn vị trực thuộc theo quy định của tỉnh',
      output: 'Quyết định quy định chức năng, nhiệm vụ',
      lead: 'office',
      support: ['infrastructure'],
      deadline: '2020-09-30',
    },
    {
      area: 'civil_service',
      content: 'Kiểm tra công vụ: chấp hành thời gian làm việc, đeo thẻ công chức, viên chức, lề lối tác phong, xử lý hồ sơ công việc đúng hạn',
      output: 'Biên bản kiểm tra; báo cáo 6 tháng',
      lead: 'office',
      support: ['reception'],
      deadline: '2020-05-15',
      progress: [['2020-04-30', 'in_progress', 'Đã tự kiểm tra, kiểm tra nội bộ và lồng ghép trong họp giao ban; số công chức chưa đeo thẻ rất ít, nhắc nhở tại chỗ.']],
    },
    {
      area: 'public_finance',
      content: 'Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về biên chế và kinh phí quản lý hành chính; công khai dự toán năm 2020',
      output: 'Quy chế chi tiêu nội bộ; công khai dự toán',
      lead: 'office',
      deadline: '2020-01-31',
      progress: [['2020-01-20', 'done', 'Đã ban hành quy chế chi tiêu nội bộ năm 2020 và công khai dự toán.']],
    },
    {
      area: 'e_government',
      content: 'Chuyển đổi hệ thống quản lý chất lượng theo TCVN ISO 9001:2008 sang TCVN ISO 9001:2015',
      output: 'Hệ thống tài liệu theo ISO 9001:2015; công bố phù hợp',
      lead: 'office',
      deadline: '2020-12-31',
      progress: [['2020-05-25', 'in_progress', 'Đã ban hành lại các quy trình nội bộ theo ISO 9001:2015.', qmsDocument ? [{ kind: 'document', id: qmsDocument.id }] : []]],
    },
    {
      area: 'e_government',
      content: 'Vận hành phần mềm một cửa điện tử; tiếp nhận hồ sơ trực tuyến và qua dịch vụ bưu chính công ích',
      output: 'Số liệu hồ sơ trên phần mềm một cửa',
      lead: 'reception',
      deadline: '2020-12-31',
      progress: [
        ['2020-05-27', 'in_progress', 'Từ 21/11/2019 đến 27/5/2020 đã tiếp nhận 86 hồ sơ (44 trực tuyến); giải quyết 82, 04 hồ sơ đang trong hạn.', [
          { kind: 'dossier_stats', from: '2019-11-21', to: '2020-05-27', label: 'Số liệu hồ sơ 21/11/2019 – 27/5/2020' },
        ]],
      ],
    },
  ]
  // Written as a draft, approved on its issue date, then reported on (only an approved plan is).
  const tasks = []
  for (const t of first) tasks.push(await add(t, '2020-01-06'))
  plan = await updatePlan(db, manager, plan.id, plan.version, { status: 'approved' }, at('2020-01-06'))
  const reports = first.flatMap((t, i) => (t.progress ?? []).map(([date, status, note, links]) => ({ i, t, date, status, note, links })))
  reports.sort((a, b) => a.date.localeCompare(b.date))
  const versions = tasks.map((t) => t.version)
  for (const r of reports) {
    // The Office's own tasks are reported by its head; the other departments' by the leadership.
    const by = ['office', 'reception'].includes(r.t.lead) ? head : manager
    const task = await reportTaskProgress(db, by, plan.id, tasks[r.i].id, versions[r.i], { note: r.note, ...(r.status ? { status: r.status } : {}), links: r.links ?? [] }, at(r.date))
    versions[r.i] = task.version
  }

  // The six directions of the report, for the second half-year.
  const next: TaskSeed[] = [
    { area: 'institutions', lead: 'investment', content: 'Tiếp tục rà soát, thống kê và kịp thời tham mưu cho cấp có thẩm quyền ban hành văn bản quy phạm pháp luật liên quan đến việc quản lý và phát triển các khu, cụm công nghiệp', deadline: '2020-12-31' },
    { area: 'procedures', lead: 'reception', content: 'Tiếp tục đẩy mạnh cải cách thủ tục hành chính; rà soát, công bố kịp thời, đầy đủ thủ tục hành chính; thực hiện cơ chế một cửa, một cửa liên thông trên cơ sở áp dụng mạnh mẽ công nghệ thông tin', deadline: '2020-12-31' },
    { area: 'civil_service', lead: 'office', content: 'Bố trí, phân công nhiệm vụ phù hợp với vị trí việc làm đã được phê duyệt; tăng cường thanh tra, kiểm tra công vụ nhằm nâng cao trách nhiệm, kỷ luật, kỷ cương hành chính', deadline: '2020-12-31' },
    { area: 'public_finance', lead: 'office', content: 'Thực hiện có hiệu quả cơ chế tự chủ, tự chịu trách nhiệm trong quản lý biên chế và kinh phí quản lý hành chính; tiết kiệm, chống lãng phí, công khai, minh bạch tài chính; sử dụng hiệu quả tài sản được giao', deadline: '2020-12-31' },
    { area: 'public_finance', lead: 'office', support: ['infrastructure'], content: 'Tiếp tục củng cố, nâng cao chất lượng việc giao quyền tự chủ cho đơn vị sự nghiệp trực thuộc theo quy định', deadline: '2020-12-31' },
    { area: 'e_government', lead: 'office', content: 'Tăng cường ứng dụng công nghệ thông tin trong giải quyết công việc; hoàn thành chuyển đổi hệ thống quản lý chất lượng từ TCVN ISO 9001:2008 sang ISO 9001:2015 theo đúng tiến độ đã đăng ký', deadline: '2020-12-31' },
  ]
  for (const t of next) await add(t, '2020-05-29')
  return first.length + next.length
}

/** Which plan area takes up a criterion of each area of the sample PAR criteria set. */
const PAR_AREA_TO_PLAN_AREA: Record<string, string> = { '1': 'direction', '2': 'procedures', '3': 'apparatus', '4': 'civil_service', '5': 'public_finance', '6': 'e_government' }
/** Who leads the remediation of a criterion: the reception desk for the dossiers, the Office otherwise. */
const REMEDIATION_LEAD: Record<string, string> = { '2.2.1': 'reception', '2.2.3': 'reception', '6.1.1': 'reception' }

/**
 * The remediation plan of the seed report's list ("Kế hoạch khắc phục những hạn chế, thiếu
 * sót của các tiêu chí chưa đạt điểm chuẩn về Chỉ số cải cách hành chính năm 2019",
 * published 12/11/2020): the criteria that lost points in the demo's 2019 self-assessment,
 * taken up through the real service. Its number is not in the seed: a neutral one is used.
 */
export async function seedRemediationPlan(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  const at: ServiceEnv = { ...env, now: new Date('2020-11-12T09:00:00+07:00') }
  const manager = await actorFor(db, org.users.manager)
  const areas = Object.fromEntries((await db.select({ id: planAreas.id, code: planAreas.code }).from(planAreas)).map((a) => [a.code, a.id]))
  const [assessment] = await db.select({ id: parAssessments.id }).from(parAssessments).where(eq(parAssessments.year, 2019))
  const remediation = await remediationCandidates(db, manager, assessment.id, at)
  const draft = await createPlan(
    db,
    manager,
    {
      kind: 'other',
      number: 'KHKP-CCHC-2019',
      issuedOn: '2020-11-12',
      title: remediation.title,
      year: 2020,
      basis: 'Kết quả Chỉ số cải cách hành chính năm 2019 (bộ tiêu chí mẫu)',
      issuingUnitId: org.units.board,
    },
    at,
  )
  const plan = await updatePlan(db, manager, draft.id, draft.version, { status: 'approved' }, at)
  const created = await createRemediationTasks(
    db,
    manager,
    plan.id,
    {
      assessmentId: assessment.id,
      areaId: areas.direction,
      leadUnitId: org.units.office,
      deadline: '2020-12-31',
      items: remediation.items.map((c) => ({ criterionId: c.criterionId, areaId: areas[PAR_AREA_TO_PLAN_AREA[c.area.code] ?? 'direction'], leadUnitId: org.units[REMEDIATION_LEAD[c.code] ?? 'office'] })),
    },
    at,
  )
  return created.items.length
}
