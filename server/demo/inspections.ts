/**
 * Demo inspections: the two built-in checklists and the civil-service inspections of
 * the seed report's period (21/11/2019–27/5/2020) — self-inspections, internal
 * inspections and inspections at briefing meetings of the departments and the
 * subordinate company. Almost everything passes; two civil servants were not wearing
 * the ID badge and were reminded on the spot. One inspection is planned for today, for
 * the demo auditor to perform.
 *
 * Rows are written in batches (no service calls per row) so the demo loads quickly.
 */
import type { Db } from '../../db/client.ts'
import {
  findings,
  inspectionPeople,
  inspectionResponses,
  inspections,
  inspectionTeam,
  users,
  type ChecklistTemplateItemRow,
  type InspectionKind,
  type ResponseResult,
} from '../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../lib/clock.ts'
import { systemActor } from '../lib/permissions.ts'
import { insertTemplate, itemsOfRevisions } from '../modules/checklist-templates/service.ts'
import type { CreateChecklistTemplate } from '../modules/checklist-templates/schemas.ts'
import { computeScore } from '../modules/inspections/scoring.ts'
import { rebuildInspectionRollups } from '../modules/inspections/inspection-rollups.ts'
import type { DemoOrganisation } from './organisation.ts'

export const CIVIL_SERVICE_TEMPLATE: CreateChecklistTemplate = {
  name: 'Kiểm tra công vụ',
  description:
    'Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ của công chức, viên chức (Chỉ thị 26/CT-TTg; Quyết định 129/2007/QĐ-TTg). Thời gian làm việc và đeo thẻ được đánh giá theo từng người.',
  items: [
    { id: 'attendance', text: 'Chấp hành thời gian làm việc: có mặt đúng giờ, không đi muộn, về sớm, không bỏ vị trí trong giờ làm việc', category: 'attendance', perPerson: true, weight: 2 },
    { id: 'id-badge', text: 'Đeo thẻ công chức, viên chức trong giờ làm việc', category: 'id_badge', perPerson: true, weight: 2 },
    { id: 'conduct', text: 'Lề lối, tác phong làm việc; trang phục công sở; giao tiếp, ứng xử đúng quy tắc ứng xử', category: 'conduct' },
    { id: 'on-time-handling', text: 'Xử lý công việc được giao đúng thời hạn trên hồ sơ công việc', category: 'on_time_handling', weight: 2 },
    {
      id: 'public-posting',
      text: 'Niêm yết công khai thủ tục hành chính, mức phí, lệ phí tại Bộ phận Tiếp nhận và Trả kết quả',
      category: 'public_posting',
      photoRequiredOnFail: true,
    },
  ],
}

export const ISO_AUDIT_TEMPLATE: CreateChecklistTemplate = {
  name: 'Đánh giá nội bộ ISO 9001:2015',
  description: 'Danh mục đánh giá nội bộ hệ thống quản lý chất lượng theo TCVN ISO 9001:2015, điều khoản 4 đến 10.',
  items: [
    { id: 'iso-4-context', text: 'Xác định và theo dõi các vấn đề nội bộ, bên ngoài và nhu cầu, mong đợi của các bên quan tâm', category: 'other', clauseNumbers: ['4.1', '4.2'] },
    { id: 'iso-4-scope', text: 'Phạm vi hệ thống quản lý chất lượng và các quy trình nội bộ được xác định, áp dụng đầy đủ', category: 'documented_information', clauseNumbers: ['4.3', '4.4'] },
    { id: 'iso-5-leadership', text: 'Chính sách chất lượng được phổ biến; vai trò, trách nhiệm và quyền hạn được phân công rõ ràng', category: 'other', clauseNumbers: ['5.2', '5.3'] },
    { id: 'iso-6-planning', text: 'Rủi ro, cơ hội được xác định; mục tiêu chất lượng có kế hoạch thực hiện và được theo dõi', category: 'other', clauseNumbers: ['6.1', '6.2'] },
    { id: 'iso-7-competence', text: 'Công chức được đào tạo, có năng lực và nhận thức về hệ thống quản lý chất lượng', category: 'other', clauseNumbers: ['7.2', '7.3'] },
    { id: 'iso-7-documents', text: 'Tài liệu được kiểm soát: đúng phiên bản hiện hành, được phê duyệt; hồ sơ được lưu giữ theo quy định', category: 'documented_information', clauseNumbers: ['7.5.2', '7.5.3'], photoRequiredOnFail: true },
    { id: 'iso-8-public', text: 'Thông tin về thủ tục hành chính được cung cấp đầy đủ, công khai cho tổ chức, cá nhân', category: 'public_posting', clauseNumbers: ['8.2'] },
    { id: 'iso-8-provision', text: 'Hồ sơ thủ tục hành chính được tiếp nhận, giải quyết đúng quy trình và đúng hạn', category: 'on_time_handling', clauseNumbers: ['8.5'], weight: 2 },
    { id: 'iso-9-satisfaction', text: 'Sự hài lòng của tổ chức, cá nhân được theo dõi và phân tích', category: 'other', clauseNumbers: ['9.1.2', '9.1.3'] },
    { id: 'iso-9-review', text: 'Đánh giá nội bộ và xem xét của lãnh đạo được thực hiện theo kế hoạch', category: 'other', clauseNumbers: ['9.2', '9.3'] },
    { id: 'iso-10-corrective', text: 'Sự không phù hợp được xử lý, nguyên nhân được phân tích và hành động khắc phục có hiệu lực', category: 'other', clauseNumbers: ['10.2'] },
  ],
}

/** People who are only inspected, for the units the organisation seed leaves without staff. */
const EXTRA_PEOPLE = [
  { username: 'ly.thi.hang', fullName: 'Lý Thị Hằng', position: 'Chuyên viên Phòng Quản lý tài nguyên và môi trường', unit: 'environment', roles: ['staff'] as const },
  { username: 'trinh.van.phuc', fullName: 'Trịnh Văn Phúc', position: 'Giám đốc Công ty Phát triển hạ tầng các khu công nghiệp', unit: 'infrastructure', roles: ['dept_head'] as const },
  { username: 'mai.thi.ngoc', fullName: 'Mai Thị Ngọc', position: 'Nhân viên Công ty Phát triển hạ tầng các khu công nghiệp', unit: 'infrastructure', roles: ['staff'] as const },
]

interface InspectionSeed {
  date: string
  kind: InspectionKind
  unit: string
  lead: string
  team?: string[]
  people: string[]
  basis: string
  /** `itemKey:username` of responses that fail (badge not worn). */
  fails?: { item: string; person: string; note: string }[]
  /** The reception desk posts procedures; elsewhere that item does not apply. */
  posting?: boolean
  audit?: boolean
}

const PLAN_2019 = 'Kế hoạch cải cách hành chính năm 2019 của Ban Quản lý các khu công nghiệp'
const PLAN_2020 = 'Kế hoạch số 04/KH-BQL ngày 06/01/2020 của Ban Quản lý về thực hiện nhiệm vụ cải cách hành chính năm 2020'
const BADGE_NOTE = 'Không đeo thẻ công chức trong giờ làm việc; đã nhắc nhở tại chỗ và đeo thẻ ngay.'

const INSPECTIONS: InspectionSeed[] = [
  { date: '2019-11-28', kind: 'internal', unit: 'reception', lead: 'auditor', people: ['staff', 'hoang.van.nam'], basis: PLAN_2019, posting: true },
  { date: '2019-12-16', kind: 'briefing', unit: 'office', lead: 'manager', team: ['auditor'], people: ['head', 'vo.thi.mai'], basis: PLAN_2019 },
  { date: '2019-12-20', kind: 'self', unit: 'enterprise', lead: 'dang.quoc.bao', people: ['dang.quoc.bao', 'bui.thi.hoa'], basis: PLAN_2019 },
  { date: '2020-01-08', kind: 'internal', unit: 'investment', lead: 'auditor', people: ['ngo.thanh.son'], basis: PLAN_2020 },
  {
    date: '2020-01-15',
    kind: 'internal',
    unit: 'reception',
    lead: 'auditor',
    team: ['manager'],
    people: ['staff', 'hoang.van.nam'],
    basis: PLAN_2020,
    posting: true,
    fails: [{ item: 'id-badge', person: 'hoang.van.nam', note: BADGE_NOTE }],
  },
  { date: '2020-02-10', kind: 'briefing', unit: 'planning', lead: 'manager', people: ['duong.minh.tuan'], basis: PLAN_2020 },
  { date: '2020-02-24', kind: 'internal', unit: 'infrastructure', lead: 'auditor', people: ['trinh.van.phuc', 'mai.thi.ngoc'], basis: PLAN_2020 },
  { date: '2020-03-09', kind: 'self', unit: 'office', lead: 'head', people: ['vo.thi.mai', 'staff', 'hoang.van.nam'], basis: PLAN_2020, posting: true },
  { date: '2020-03-16', kind: 'internal', unit: 'environment', lead: 'auditor', people: ['ly.thi.hang'], basis: PLAN_2020 },
  { date: '2020-04-06', kind: 'briefing', unit: 'enterprise', lead: 'manager', people: ['dang.quoc.bao', 'bui.thi.hoa'], basis: PLAN_2020 },
  {
    date: '2020-04-20',
    kind: 'internal',
    unit: 'investment',
    lead: 'auditor',
    people: ['ngo.thanh.son'],
    basis: PLAN_2020,
    fails: [{ item: 'id-badge', person: 'ngo.thanh.son', note: BADGE_NOTE }],
  },
  { date: '2020-05-11', kind: 'self', unit: 'infrastructure', lead: 'trinh.van.phuc', people: ['trinh.van.phuc', 'mai.thi.ngoc'], basis: PLAN_2020 },
  { date: '2020-05-18', kind: 'internal', unit: 'reception', lead: 'auditor', people: ['staff', 'hoang.van.nam'], basis: PLAN_2020, posting: true },
  { date: '2020-05-20', kind: 'internal_audit', unit: 'reception', lead: 'auditor', team: ['manager'], people: [], basis: PLAN_2020, audit: true },
  { date: '2020-05-25', kind: 'briefing', unit: 'environment', lead: 'manager', people: ['ly.thi.hang'], basis: PLAN_2020 },
]

/** 07:30–08:15 in Vietnam (UTC+7) on the given day. */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`)

export async function seedInspections(db: Db, org: DemoOrganisation, env: ServiceEnv) {
  const added = await db
    .insert(users)
    .values(EXTRA_PEOPLE.map((p) => ({ username: p.username, fullName: p.fullName, position: p.position, orgUnitId: org.units[p.unit], roles: [...p.roles] })))
    .returning({ id: users.id, username: users.username })
  const people = { ...org.users, ...Object.fromEntries(added.map((u) => [u.username, u.id])) }

  const civil = await insertTemplate(db, systemActor, CIVIL_SERVICE_TEMPLATE)
  const audit = await insertTemplate(db, systemActor, ISO_AUDIT_TEMPLATE)
  const itemRows = await itemsOfRevisions(db, [civil.revisionId, audit.revisionId])
  const itemsOf = (seed: InspectionSeed) => itemRows.get(seed.audit ? audit.revisionId : civil.revisionId)!

  const seqByYear = new Map<number, number>()
  const number = (date: string) => {
    const year = Number(date.slice(0, 4))
    const seq = (seqByYear.get(year) ?? 0) + 1
    seqByYear.set(year, seq)
    return { year, seq, number: `${String(seq).padStart(2, '0')}/${year}/BB-KT` }
  }

  const responses: (typeof inspectionResponses.$inferInsert)[] = []
  const rows = INSPECTIONS.map((seed) => {
    const id = crypto.randomUUID()
    const items = itemsOf(seed)
    const answers: { item: ChecklistTemplateItemRow; personId: string | null; result: ResponseResult; note: string | null }[] = []
    for (const item of items) {
      const targets = item.perPerson ? seed.people.map((p) => people[p]) : [null]
      for (const personId of targets) {
        const fail = seed.fails?.find((f) => f.item === item.key && people[f.person] === personId)
        const result: ResponseResult = fail ? 'fail' : item.category === 'public_posting' && !seed.posting && !seed.audit ? 'na' : 'pass'
        answers.push({ item, personId, result, note: fail?.note ?? null })
      }
    }
    const started = at(seed.date, '07:30')
    const completed = at(seed.date, seed.audit ? '10:30' : '08:15')
    for (const a of answers) {
      responses.push({
        inspectionId: id,
        itemId: a.item.id,
        personId: a.personId,
        result: a.result,
        note: a.note,
        handling: a.result === 'fail' ? 'on_spot_reminder' : null,
        classification: a.result === 'fail' ? 'observation' : null,
        answeredById: people[seed.lead],
        createdAt: started,
        updatedAt: started,
      })
    }
    const score = computeScore(items, answers.map((a) => ({ itemId: a.item.id, result: a.result })))
    return {
      seed,
      answers,
      row: {
        id,
        ...number(seed.date),
        templateId: seed.audit ? audit.id : civil.id,
        templateRevisionId: seed.audit ? audit.revisionId : civil.revisionId,
        orgUnitId: org.units[seed.unit],
        kind: seed.kind,
        status: 'completed' as const,
        plannedFor: seed.date,
        performedOn: seed.date,
        leadInspectorId: people[seed.lead],
        basis: seed.basis,
        location: null,
        conclusion: seed.fails?.length
          ? 'Công chức, viên chức cơ bản chấp hành nghiêm túc; trường hợp chưa đeo thẻ đã được nhắc nhở tại chỗ.'
          : 'Đơn vị chấp hành nghiêm túc các nội dung được kiểm tra.',
        score,
        startedAt: started,
        completedAt: completed,
        createdById: people[seed.lead],
        createdAt: started,
        updatedAt: completed,
      },
    }
  })

  // Today's inspection, for the demo auditor to perform.
  const today = agencyToday(env)
  const planned = {
    id: crypto.randomUUID(),
    ...number(today),
    templateId: civil.id,
    templateRevisionId: civil.revisionId,
    orgUnitId: org.units.reception,
    kind: 'internal' as const,
    plannedFor: today,
    leadInspectorId: people.auditor,
    basis: `Kế hoạch kiểm tra công vụ năm ${today.slice(0, 4)} của Ban Quản lý`,
    location: 'Bộ phận Tiếp nhận và Trả kết quả',
    createdById: people.auditor,
  }

  await db.insert(inspections).values([...rows.map((r) => r.row), planned])
  const team = rows.flatMap((r) => (r.seed.team ?? []).map((u) => ({ inspectionId: r.row.id, userId: people[u] })))
  if (team.length) await db.insert(inspectionTeam).values(team)
  await db.insert(inspectionPeople).values([
    ...rows.flatMap((r) => r.seed.people.map((u) => ({ inspectionId: r.row.id, userId: people[u] }))),
    { inspectionId: planned.id, userId: people.staff },
    { inspectionId: planned.id, userId: people['hoang.van.nam'] },
  ])
  const inserted = await db
    .insert(inspectionResponses)
    .values(responses)
    .returning({ id: inspectionResponses.id, inspectionId: inspectionResponses.inspectionId, itemId: inspectionResponses.itemId, personId: inspectionResponses.personId, result: inspectionResponses.result })

  const byId = new Map<string, (typeof rows)[number]>(rows.map((r) => [r.row.id, r]))
  const failed = inserted.filter((r) => r.result === 'fail')
  if (failed.length) {
    await db.insert(findings).values(
      failed.map((f) => {
        const { row, answers } = byId.get(f.inspectionId)!
        const answer = answers.find((a) => a.item.id === f.itemId && a.personId === f.personId)!
        return {
          inspectionId: row.id,
          responseId: f.id,
          orgUnitId: row.orgUnitId,
          personId: f.personId,
          category: answer.item.category,
          clauseNumbers: answer.item.clauseNumbers,
          classification: 'observation' as const,
          handling: 'on_spot_reminder' as const,
          description: `${answer.item.text} — ${answer.note}`,
          status: 'closed' as const,
          foundOn: row.performedOn,
          closedAt: row.completedAt,
          createdById: row.leadInspectorId,
          createdAt: row.completedAt,
          updatedAt: row.completedAt,
        }
      }),
    )
  }
  await rebuildInspectionRollups(db)
  return { checklistTemplates: 2, inspections: rows.length + 1, findings: failed.length }
}
