import { Type, type Static } from 'typebox'
import { FINDING_CLASSIFICATIONS, FINDING_HANDLINGS, FINDING_STATUSES } from '../../../db/schema/findings.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { Category } from '../checklist-templates/schemas.ts'
import { ClauseNumber } from '../iso-clauses/schemas.ts'

export const Classification = Type.Enum([...FINDING_CLASSIFICATIONS], { description: 'major_nc | minor_nc | observation | improvement_opportunity' })
export const Handling = Type.Enum([...FINDING_HANDLINGS], { description: 'on_spot_reminder | criticism | self_review | nc_raised' })
/** What a person may set directly: `nc_raised` comes only from POST /api/findings/:id/raise-nc. */
export const SettableHandling = Type.Enum(
  FINDING_HANDLINGS.filter((h) => h !== 'nc_raised'),
  { description: 'on_spot_reminder | criticism | self_review (nc_raised is set by raising a nonconformity)' },
)
export const FindingStatus = Type.Enum([...FINDING_STATUSES], { description: 'open | closed' })

export const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
export const PersonRef = Type.Object({
  id: Uuid,
  fullName: Type.String(),
  position: Nullable(Type.String()),
  orgUnitId: Nullable(Uuid),
})
export type PersonRef = Static<typeof PersonRef>

const ClauseNumbers = Type.Array(ClauseNumber, { maxItems: 20, uniqueItems: true })
const Description = Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' })

export const Finding = Type.Object({
  id: Uuid,
  inspectionId: Nullable(Uuid),
  inspectionNumber: Nullable(Type.String()),
  responseId: Nullable(Uuid),
  orgUnitId: Uuid,
  orgUnit: UnitRef,
  personId: Nullable(Uuid),
  person: Nullable(PersonRef),
  category: Category,
  clauseNumbers: Type.Array(Type.String()),
  classification: Classification,
  handling: Nullable(Handling),
  nonconformityId: Nullable(Uuid),
  description: Type.String(),
  status: FindingStatus,
  foundOn: DateOnly,
  closedAt: Nullable(DateTime),
  createdById: Nullable(Uuid),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Finding = Static<typeof Finding>

export const CreateFinding = Type.Object(
  {
    orgUnitId: Type.Optional(Uuid),
    inspectionId: Type.Optional(Nullable(Uuid)),
    personId: Type.Optional(Nullable(Uuid)),
    category: Category,
    clauseNumbers: Type.Optional(ClauseNumbers),
    classification: Classification,
    handling: Type.Optional(Nullable(SettableHandling)),
    description: Description,
    foundOn: Type.Optional(DateOnly),
  },
  { additionalProperties: false, description: 'A finding raised directly (e.g. at a briefing meeting). `orgUnitId` defaults to the unit of `inspectionId`; one of them is required.' },
)
export type CreateFinding = Static<typeof CreateFinding>

export const UpdateFinding = Type.Object(
  {
    personId: Type.Optional(Nullable(Uuid)),
    category: Type.Optional(Category),
    clauseNumbers: Type.Optional(ClauseNumbers),
    classification: Type.Optional(Classification),
    handling: Type.Optional(Nullable(SettableHandling)),
    description: Type.Optional(Description),
    status: Type.Optional(FindingStatus),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateFinding = Static<typeof UpdateFinding>

export const FindingQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the finding’s text or its inspection’s number, ignoring case and diacritics' })),
  orgUnitId: Type.Optional(Uuid),
  inspectionId: Type.Optional(Uuid),
  personId: Type.Optional(Uuid),
  category: Type.Optional(Category),
  classification: Type.Optional(Classification),
  handling: Type.Optional(Type.Union([Handling, Type.Literal('none')], { description: 'A handling, or `none` for findings not yet handled' })),
  status: Type.Optional(FindingStatus),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  ...ListQuery,
})
export type FindingQuery = Static<typeof FindingQuery>

export const FindingPage = Page(Finding)
