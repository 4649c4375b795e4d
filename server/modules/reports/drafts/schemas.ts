import { Type, type Static } from 'typebox'
import { REPORT_DRAFT_STATUSES } from '../../../../db/schema/reports.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../../lib/schemas.ts'
import { ParReport } from '../par-schemas.ts'
import { REPORT_DRAFT_WORKFLOW } from './workflow.ts'

export const NARRATIVE_KEYS = ['propaganda', 'direction', 'conclusions', 'nextPeriod'] as const
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number]

export const ReportDraftStatus = Type.Enum([...REPORT_DRAFT_STATUSES], { description: 'draft (figures live) | approved (text settled, figures live) | issued (numbered, dated, signed, frozen)' })
export const ReportDraftOperation = Type.Enum([...REPORT_DRAFT_WORKFLOW.ops])
export const ReportFormat = Type.Enum(['pdf', 'docx', 'xlsx', 'html'], { description: 'pdf (A4, Nghị định 30/2020 layout), docx, xlsx, html (printable A4)' })

const Narrative = (description: string) => Type.String({ maxLength: 20000, description })
const narrativeFields = {
  propaganda: Narrative('Công tác tuyên truyền: paragraphs separated by line breaks'),
  direction: Narrative('Công tác chỉ đạo, điều hành và kiểm tra'),
  conclusions: Narrative('Đánh giá chung, kết luận'),
  nextPeriod: Narrative('Phương hướng, nhiệm vụ kỳ tới: the introduction; the plan’s open tasks follow as "Một là …"'),
}

export const CreateReportDraft = Type.Object(
  {
    from: DateOnly,
    to: DateOnly,
    planId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'The reform plan the report accounts for (Kế hoạch số 04/KH-BQL)' }))),
    propaganda: Type.Optional(narrativeFields.propaganda),
    direction: Type.Optional(narrativeFields.direction),
    conclusions: Type.Optional(narrativeFields.conclusions),
    nextPeriod: Type.Optional(narrativeFields.nextPeriod),
  },
  { additionalProperties: false },
)
export type CreateReportDraft = Static<typeof CreateReportDraft>

export const UpdateReportDraft = Type.Partial(CreateReportDraft, { additionalProperties: false, minProperties: 1 })
export type UpdateReportDraft = Static<typeof UpdateReportDraft>

export const IssueReportDraft = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$', description: '`173` (the symbol /BC-<agency code> is added) or `173/BC-BQL`; unique in the year of issue' }),
    issuedOn: Type.String({ format: 'date', description: 'The date of issue: not before the end of the period, not after today' }),
    signerTitle: Type.String({ minLength: 1, maxLength: 200, description: 'Authority and position, lines separated by \\n: `KT. TRƯỞNG BAN\\nPHÓ TRƯỞNG BAN`' }),
    signerName: Type.String({ minLength: 1, maxLength: 200 }),
    recipients: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 30, description: 'Nơi nhận, without the dash; `Lưu: VT` is added unless listed' }),
  },
  { additionalProperties: false },
)
export type IssueReportDraft = Static<typeof IssueReportDraft>

export const ReportFileQuery = Type.Object({ format: Type.Optional(ReportFormat) })

export const ReportDraftQuery = Type.Object({
  status: Type.Optional(ReportDraftStatus),
  ...ListQuery,
})
export type ReportDraftQuery = Static<typeof ReportDraftQuery>

const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })

export const ReportDraft = Type.Object({
  id: Uuid,
  from: DateOnly,
  to: DateOnly,
  periodLabel: Type.String({ description: '6 tháng đầu năm 2020' }),
  plan: Nullable(Type.Object({ id: Uuid, number: Type.String(), issuedOn: DateOnly, title: Type.String() })),
  status: ReportDraftStatus,
  number: Nullable(Type.String({ description: 'The full number once issued: 173/BC-BQL' })),
  issuedOn: Nullable(DateOnly),
  signerTitle: Nullable(Type.String()),
  signerName: Nullable(Type.String()),
  recipients: Type.Array(Type.String()),
  /** The record in document control, once issued. */
  documentId: Nullable(Uuid),
  approvedAt: Nullable(DateTime),
  approvedBy: Nullable(PersonRef),
  issuedAt: Nullable(DateTime),
  issuedBy: Nullable(PersonRef),
  allowedActions: Type.Array(ReportDraftOperation, { description: 'What the caller may do now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ReportDraft = Static<typeof ReportDraft>
export const ReportDraftPage = Page(ReportDraft)

const PreviewSection = Type.Object({
  heading: Type.String({ description: 'Without its Roman numeral: the issued report numbers the sections it prints (empty ones are left out)' }),
  narrative: Type.Optional(Type.Enum([...NARRATIVE_KEYS], { description: 'The narrative field this section shows (its paragraphs are that text)' })),
  paragraphs: Type.Array(Type.String()),
  tables: ParReport.properties.sections.items.properties.tables,
})

export const ReportModel = Type.Object(
  {
    ...ParReport.properties,
    sections: Type.Array(PreviewSection),
  },
  { description: 'The report: computed now while not issued; as issued (frozen) once issued' },
)

export const ReportDraftDetail = Type.Object({
  ...ReportDraft.properties,
  ...narrativeFields,
  report: ReportModel,
})
export type ReportDraftDetail = Static<typeof ReportDraftDetail>
