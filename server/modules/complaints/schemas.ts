import { Type, type Static } from 'typebox'
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from '../../../db/schema/complaints.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

export const ComplaintKind = Type.Enum([...COMPLAINT_KINDS], { description: 'complaint (khiếu nại), denunciation (tố cáo), feedback (phản ánh, kiến nghị)' })
export const ComplaintStatus = Type.Enum([...COMPLAINT_STATUSES])

export const Complaint = Type.Object({
  id: Uuid,
  receivedAt: DateTime,
  kind: ComplaintKind,
  dossierId: Nullable(Uuid),
  dossierCode: Nullable(Type.String()),
  procedureId: Nullable(Uuid),
  orgUnitId: Nullable(Uuid),
  summary: Type.String(),
  status: ComplaintStatus,
  outcome: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Complaint = Static<typeof Complaint>

const Summary = Type.String({ minLength: 1, maxLength: 4000 })
const Outcome = Type.String({ minLength: 1, maxLength: 4000 })

export const CreateComplaint = Type.Object(
  {
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default now; never in the future' })),
    kind: ComplaintKind,
    dossierId: Type.Optional(Nullable(Uuid)),
    procedureId: Type.Optional(Nullable(Uuid)),
    orgUnitId: Type.Optional(Nullable(Uuid)),
    summary: Summary,
  },
  { additionalProperties: false },
)
export type CreateComplaint = Static<typeof CreateComplaint>

export const UpdateComplaint = Type.Object(
  {
    kind: Type.Optional(ComplaintKind),
    summary: Type.Optional(Summary),
    status: Type.Optional(ComplaintStatus),
    outcome: Type.Optional(Nullable(Outcome)),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateComplaint = Static<typeof UpdateComplaint>

export const ComplaintQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the summary, or the code or applicant of the dossier it is about, ignoring case and diacritics' })),
  kind: Type.Optional(ComplaintKind),
  status: Type.Optional(ComplaintStatus),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Including the units below it' })),
  dossierId: Type.Optional(Uuid),
  procedureId: Type.Optional(Uuid),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  ...ListQuery,
})
export type ComplaintQuery = Static<typeof ComplaintQuery>

export const ComplaintPage = Page(Complaint)

export const ComplaintCountQuery = Type.Object({
  from: DateOnly,
  to: DateOnly,
  orgUnitId: Type.Optional(Type.String({ format: 'uuid' })),
  procedureId: Type.Optional(Uuid),
})
export type ComplaintCountQuery = Static<typeof ComplaintCountQuery>

const n = Type.Integer({ minimum: 0 })
export const ComplaintCounts = Type.Object({
  from: DateOnly,
  to: DateOnly,
  total: n,
  byKind: Type.Object({ complaint: n, denunciation: n, feedback: n }),
  closed: Type.Integer({ minimum: 0, description: 'Of those received in the period, closed by now' }),
})
