/**
 * Demo internal audit programme: the 2020 programme, approved in January, with the
 * half-year internal audit of the reception desk — the internal_audit inspection of
 * 20/05/2020 that demo/inspections.ts records — and the second-half audit of three
 * departments, planned and not yet scheduled. The coverage matrix then shows one unit
 * audited on every clause, three planned, the rest uncovered.
 */
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { auditProgrammes, inspections, programmeAudits, programmeAuditTeam, programmeAuditUnits } from '../../db/schema/index.ts'
import type { DemoOrganisation } from './organisation.ts'

const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`)

/** The clauses of the demo ISO checklist (demo/inspections.ts ISO_AUDIT_TEMPLATE). */
const ALL_CLAUSES = ['4.1', '4.2', '4.3', '4.4', '5.2', '5.3', '6.1', '6.2', '7.2', '7.3', '7.5.2', '7.5.3', '8.2', '8.5', '9.1.2', '9.1.3', '9.2', '9.3', '10.2']

export async function seedAudits(db: Db, org: DemoOrganisation) {
  const [audit] = await db
    .select({ id: inspections.id, templateId: inspections.templateId })
    .from(inspections)
    .where(and(eq(inspections.kind, 'internal_audit'), eq(inspections.year, 2020)))
    .orderBy(asc(inspections.plannedFor))
    .limit(1)
  if (!audit) return { auditProgrammes: 0, programmeAudits: 0 }
  const manager = org.users.manager
  const [programme] = await db
    .insert(auditProgrammes)
    .values({
      year: 2020,
      number: '01/CT-BQL',
      title: 'Chương trình đánh giá nội bộ hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2020',
      objectives:
        'Đánh giá sự phù hợp và hiệu lực của hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 tại các đơn vị thuộc Ban; chuẩn bị chuyển đổi từ TCVN ISO 9001:2008 theo tiến độ đã đăng ký.',
      status: 'approved',
      approvedById: manager,
      approvedAt: at('2020-01-10', '15:00'),
      createdById: manager,
      createdAt: at('2020-01-08', '09:00'),
      updatedAt: at('2020-01-10', '15:00'),
    })
    .returning({ id: auditProgrammes.id })
  const common = { programmeId: programme.id, leadAuditorId: org.users.auditor, templateId: audit.templateId, createdById: org.users.auditor, createdAt: at('2020-01-08', '10:00') }
  const [first, second] = await db
    .insert(programmeAudits)
    .values([
      {
        ...common,
        seq: 1,
        title: 'Đánh giá nội bộ 6 tháng đầu năm 2020',
        processes: ['Tiếp nhận và trả kết quả giải quyết thủ tục hành chính'],
        clauseNumbers: ALL_CLAUSES,
        plannedFrom: '2020-05-20',
        plannedTo: '2020-05-20',
        status: 'scheduled' as const,
        conclusion:
          'Hệ thống quản lý chất lượng tại Bộ phận Tiếp nhận và Trả kết quả được duy trì, áp dụng phù hợp với TCVN ISO 9001:2015; không phát hiện điểm không phù hợp.',
        version: 3,
        updatedAt: at('2020-05-20', '11:00'),
      },
      {
        ...common,
        seq: 2,
        title: 'Đánh giá nội bộ 6 tháng cuối năm 2020',
        processes: ['Cấp, điều chỉnh giấy chứng nhận đăng ký đầu tư', 'Quản lý doanh nghiệp, lao động trong khu công nghiệp', 'Kiểm soát tài liệu và hồ sơ'],
        clauseNumbers: ['4.4', '6.1', '6.2', '7.5.2', '7.5.3', '8.5', '9.1.3', '10.2'],
        plannedFrom: '2020-11-16',
        plannedTo: '2020-11-20',
        updatedAt: common.createdAt,
      },
    ])
    .returning({ id: programmeAudits.id })
  await db.insert(programmeAuditUnits).values([
    { auditId: first.id, orgUnitId: org.units.reception, inspectionId: audit.id },
    { auditId: second.id, orgUnitId: org.units.office },
    { auditId: second.id, orgUnitId: org.units.enterprise },
    { auditId: second.id, orgUnitId: org.units.investment },
  ])
  await db.insert(programmeAuditTeam).values([
    { auditId: first.id, userId: manager },
    { auditId: second.id, userId: manager },
  ])
  return { auditProgrammes: 1, programmeAudits: 2 }
}
