import { Type, type Static } from 'typebox'
import { INSPECTION_KINDS, INSPECTION_STATUSES, RESPONSE_RESULTS, SIGNATURE_ROLES } from '../../../db/schema/inspections.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { Attachment } from '../attachments/schemas.ts'
import { ChecklistItem } from '../checklist-templates/schemas.ts'
import { Classification, Finding, PersonRef, SettableHandling, UnitRef } from '../findings/schemas.ts'

export const Kind = Type.Enum([...INSPECTION_KINDS], { description: 'self | internal | briefing | unannounced | internal_audit' })
export const Status = Type.Enum([...INSPECTION_STATUSES], { description: 'planned → in_progress → completed, or cancelled' })
export const Result = Type.Enum([...RESPONSE_RESULTS], { description: 'pass | fail | na (not applicable)' })

const Text = (maxLength: number) => Nullable(Type.String({ maxLength }))
const Ids = Type.Array(Uuid, { maxItems: 200, uniqueItems: true })

export const InspectionResponse = Type.Object({
  id: Uuid,
  itemId: Type.String({ description: 'The checklist item id' }),
  personId: Nullable(Uuid),
  result: Result,
  value: Nullable(Type.Union([Type.Number(), Type.String()])),
  note: Nullable(Type.String()),
  classification: Nullable(Classification),
  handling: Nullable(SettableHandling),
  attachments: Type.Array(Attachment),
  answeredById: Nullable(Uuid),
  revision: Type.Integer({ minimum: 1, description: 'Counts the changes of this answer; send it back as `baseRevision`' }),
  answeredAt: Type.String({ format: 'date-time', description: 'When it was answered on the device' }),
  updatedAt: DateTime,
})
export type InspectionResponse = Static<typeof InspectionResponse>

const SignatureRoleSchema = Type.Enum([...SIGNATURE_ROLES], { description: 'unit_representative (Đại diện đơn vị được kiểm tra) | lead_inspector (Trưởng đoàn)' })

export const Signature = Type.Object({
  role: SignatureRoleSchema,
  signerName: Type.String(),
  signerId: Nullable(Uuid),
  attachmentId: Nullable(Type.String({ format: 'uuid', description: 'The signature image (PNG); null when the signer refused' })),
  refusalReason: Nullable(Type.String()),
  signedAt: Type.String({ format: 'date-time' }),
  recordedById: Nullable(Uuid),
})
export type Signature = Static<typeof Signature>

export const MissingResponse = Type.Object({
  itemId: Nullable(Type.String()),
  personId: Nullable(Uuid),
  reason: Type.Enum(['response', 'photo', 'people'], { description: 'response: no answer yet; photo: a failure needs a photo; people: per-person items need the people present' }),
})

const InspectionFields = {
  id: Uuid,
  number: Type.String({ description: 'Record number, e.g. `03/2020/BB-KT`' }),
  template: Type.Object({ id: Uuid, name: Type.String(), revision: Type.Integer({ minimum: 1 }) }),
  orgUnitId: Uuid,
  orgUnit: UnitRef,
  kind: Kind,
  status: Status,
  plannedFor: DateOnly,
  performedOn: Nullable(DateOnly),
  inspectionDate: Type.String({ format: 'date', description: 'performedOn, else plannedFor: the date reports count by' }),
  leadInspectorId: Uuid,
  leadInspector: PersonRef,
  teamIds: Type.Array(Uuid),
  team: Type.Array(PersonRef),
  personIds: Type.Array(Uuid),
  people: Type.Array(PersonRef, { description: 'The people inspected (present)' }),
  basis: Nullable(Type.String()),
  location: Nullable(Type.String()),
  conclusion: Nullable(Type.String()),
  score: Nullable(Type.Number({ description: 'Percent: weighted share of applicable responses that pass; set on completion' })),
  findingCount: Type.Integer({ minimum: 0 }),
  startedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  cancelledAt: Nullable(DateTime),
  cancelReason: Nullable(Type.String()),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const InspectionSummary = Type.Object(InspectionFields)
export type InspectionSummary = Static<typeof InspectionSummary>

export const Inspection = Type.Object({
  ...InspectionFields,
  items: Type.Array(ChecklistItem, { description: 'The items of the checklist revision the inspection was planned with' }),
  responses: Type.Array(InspectionResponse),
  progress: Type.Object({
    answered: Type.Integer({ description: 'Responses given' }),
    total: Type.Integer({ description: 'Responses expected: one per item, one per person for per-person items' }),
    failed: Type.Integer(),
  }),
  missing: Type.Array(MissingResponse, { description: 'What completing still needs' }),
  findings: Type.Array(Finding),
  signatures: Type.Array(Signature, { description: 'The signature blocks signed so far' }),
})
export type Inspection = Static<typeof Inspection>

export const SignatureParams = Type.Object({ id: Uuid, role: SignatureRoleSchema })
export type SignatureParams = Static<typeof SignatureParams>

export const SignInput = Type.Object(
  {
    signerName: Type.String({ minLength: 1, maxLength: 200, description: 'Full name as written under the signature' }),
    signerId: Type.Optional(Nullable(Uuid)),
    attachmentId: Type.Optional(Uuid),
    refusalReason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'The representative declined to sign, and why (instead of a signature)' })),
    signedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it was signed on the device (default: now)' })),
  },
  { additionalProperties: false },
)
export type SignInput = Static<typeof SignInput>

export const CreateInspection = Type.Object(
  {
    templateId: Uuid,
    orgUnitId: Uuid,
    kind: Kind,
    plannedFor: DateOnly,
    leadInspectorId: Type.Optional(Uuid),
    teamIds: Type.Optional(Ids),
    personIds: Type.Optional(Ids),
    basis: Type.Optional(Text(1000)),
    location: Type.Optional(Text(500)),
  },
  { additionalProperties: false, description: '`leadInspectorId` defaults to the caller.' },
)
export type CreateInspection = Static<typeof CreateInspection>

export const UpdateInspection = Type.Object(
  {
    templateId: Type.Optional(Uuid),
    orgUnitId: Type.Optional(Uuid),
    kind: Type.Optional(Kind),
    plannedFor: Type.Optional(DateOnly),
    leadInspectorId: Type.Optional(Uuid),
    teamIds: Type.Optional(Ids),
    personIds: Type.Optional(Ids),
    basis: Type.Optional(Text(1000)),
    location: Type.Optional(Text(500)),
    conclusion: Type.Optional(Text(4000)),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Template, unit and kind change only before anything is recorded. Removing a person removes their responses.',
  },
)
export type UpdateInspection = Static<typeof UpdateInspection>

export const ResponseInput = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 64 }),
    personId: Type.Optional(Nullable(Uuid)),
    result: Result,
    value: Type.Optional(Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 2000 })]))),
    note: Type.Optional(Text(2000)),
    classification: Type.Optional(Nullable(Classification)),
    handling: Type.Optional(Nullable(SettableHandling)),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
    baseRevision: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          "The answer's `revision` this device last saw (0: it saw none). When every response of a batch has one, If-Match may be left out: each answer is checked on its own, and one changed by someone else since is refused (409 answer-conflict) instead of overwritten.",
      }),
    ),
    answeredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it was answered on the device (default: now)' })),
    clientId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "The device's id: its own later answers replace its earlier ones whatever order they arrive in" }),
    ),
  },
  { additionalProperties: false },
)
export type ResponseInput = Static<typeof ResponseInput>

export const ResponseBatch = Type.Array(ResponseInput, {
  minItems: 1,
  maxItems: 500,
  description:
    'Upserts by (itemId, personId); each response sent replaces the stored one (omitted note or photos are cleared). Guarded by If-Match on the inspection, or per answer by `baseRevision` (offline sync).',
})
export type ResponseBatch = Static<typeof ResponseBatch>

export const CompleteInspection = Type.Object(
  { conclusion: Type.Optional(Text(4000)) },
  { additionalProperties: false },
)
export type CompleteInspection = Static<typeof CompleteInspection>

export const InspectionQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the record number (e.g. `03/2020/BB-KT`), ignoring case; the inspection whose number is the term comes first' })),
  orgUnitId: Type.Optional(Uuid),
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
  templateId: Type.Optional(Uuid),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  assignedTo: Type.Optional(Type.String({ format: 'uuid', description: 'Inspections this user leads or is on the team of (e.g. your own id: your work)' })),
  ...ListQuery,
})
export type InspectionQuery = Static<typeof InspectionQuery>

export const RecordQuery = Type.Object({
  format: Type.Optional(Type.Enum(['html', 'pdf'], { default: 'html', description: 'html (print from the browser) or pdf (A4)' })),
})
export type RecordQuery = Static<typeof RecordQuery>

export const InspectionPage = Page(InspectionSummary)
