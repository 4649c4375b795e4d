import { Type, type Static } from 'typebox'
import { SourceTask } from '../plans/schemas.ts'
import { PAR_ASSESSMENT_STATUSES, PAR_DATA_SOURCES } from '../../../db/schema/par-index.ts'
import { multipartBody } from '../../lib/uploads.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { Attachment } from '../attachments/schemas.ts'

const Points = Type.Number({ minimum: 0, maximum: 9999, description: 'Points, at most two decimals' })
const Year = Type.Integer({ minimum: 2000, maximum: 2100 })
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })

export const ParDataSource = Type.Enum([...PAR_DATA_SOURCES], {
  description:
    'A figure our own data gives for the year: dossiers_on_time_pct (resolved early or on time, % of resolved), dossiers_online_pct (received online, % of received), complaints_handled_pct (closed, % of received), inspections_held (civil-service inspections completed), iso_maintained (internal audits of the ISO system completed: 1 or more = yes)',
})
export const ParAssessmentStatus = Type.Enum([...PAR_ASSESSMENT_STATUSES], {
  description: 'draft (being scored) | submitted (self scores frozen, waiting for the appraisal) | appraised (the appraised scores are in)',
})

export const ParCriteriaSet = Type.Object({
  id: Uuid,
  name: Type.String(),
  year: Year,
  issuedBy: Nullable(Type.String({ description: 'The decision that issued it' })),
  isSample: Type.Boolean({ description: 'A sample to try the module with, not official figures' }),
  maxPoints: Points,
  criteriaCount: Type.Integer({ minimum: 0 }),
  sourceFilename: Nullable(Type.String()),
  version: Version,
  createdAt: DateTime,
})
export type ParCriteriaSet = Static<typeof ParCriteriaSet>

export const ParCriterion = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  code: Type.String({ description: '1 (area), 1.2 (criterion), 1.2.3 (sub-criterion)…' }),
  depth: Type.Integer({ minimum: 0, description: '0 for an area' }),
  title: Type.String(),
  maxPoints: Points,
  scoring: Nullable(Type.String({ description: 'How it is scored, in the province’s words' })),
  isLeaf: Type.Boolean({ description: 'Only leaves are scored; a parent totals its children' }),
  dataSource: Nullable(ParDataSource),
})
export type ParCriterion = Static<typeof ParCriterion>

export const ParCriteriaSetDetail = Type.Object({ ...ParCriteriaSet.properties, criteria: Type.Array(ParCriterion, { description: 'The tree in file order (each parent before its children)' }) })
export type ParCriteriaSetDetail = Static<typeof ParCriteriaSetDetail>

export const ParCriteriaSetPage = Page(ParCriteriaSet)
export const ParCriteriaSetQuery = Type.Object({ year: Type.Optional(Year), ...ListQuery })
export type ParCriteriaSetQuery = Static<typeof ParCriteriaSetQuery>

export const ImportCriteriaSet = multipartBody(
  {
    name: Type.String({ minLength: 1, maxLength: 300, description: 'e.g. "Bộ tiêu chí Chỉ số CCHC năm 2019"' }),
    year: Type.String({ pattern: '^[0-9]{4}$', description: 'The year assessed with it' }),
    issuedBy: Type.Optional(Type.String({ maxLength: 500 })),
    isSample: Type.Optional(Type.Enum(['true', 'false'], { description: 'true for a sample set (not official figures)' })),
  },
  'multipart/form-data: the criteria in `file` (XLSX: first sheet, a heading row with code, title, maxPoints and optionally scoring, dataSource — or Mã, Tiêu chí, Điểm tối đa, Cách chấm, Nguồn số liệu; JSON: {"criteria": [{"code", "title", "maxPoints", "scoring"?, "dataSource"?}]}), plus these fields',
)

export const ParFigure = Type.Object(
  {
    source: ParDataSource,
    from: DateOnly,
    to: DateOnly,
    value: Nullable(Type.Number({ description: 'A percentage (95.2), a count, or 1/0 for iso_maintained; null when there is nothing to measure' })),
    part: Nullable(Type.Integer({ minimum: 0 })),
    base: Nullable(Type.Integer({ minimum: 0 })),
  },
  { description: 'The figure our own data gives for the year (up to today for the current year)' },
)
export type ParFigure = Static<typeof ParFigure>

export const ParScoredCriterion = Type.Object({
  ...ParCriterion.properties,
  selfScore: Nullable(Type.Number({ description: 'A leaf: the self score; a parent: the sum of its scored children (running total)' })),
  appraisedScore: Nullable(Type.Number({ description: 'A leaf: the appraised score; a parent: the sum over its leaves of appraised (else self) scores, null while none of them is appraised' })),
  pointsLost: Nullable(Type.Number({ description: 'max − (appraised ?? self) for a scored leaf; a parent: the sum over its scored leaves' })),
  evidenceText: Nullable(Type.String()),
  evidenceUrl: Nullable(Type.String()),
  attachments: Type.Array(Attachment),
  note: Nullable(Type.String()),
  appraisalNote: Nullable(Type.String()),
  figure: Nullable(ParFigure),
})
export type ParScoredCriterion = Static<typeof ParScoredCriterion>

export const ParTotals = Type.Object({
  maxPoints: Points,
  selfScore: Type.Number(),
  appraisedScore: Nullable(Type.Number({ description: 'The sum over the leaves of the appraised score, else the self score; null until an appraised score is entered' })),
  pointsLost: Type.Number({ description: 'Over the scored leaves' }),
  leaves: Type.Integer({ minimum: 0 }),
  scored: Type.Integer({ minimum: 0, description: 'Leaves with a self score' }),
})

export const PAR_OPERATIONS = ['score', 'submit', 'reopen', 'appraise'] as const
export const ParOperation = Type.Enum([...PAR_OPERATIONS])

const SetRef = Type.Object({ id: Uuid, name: Type.String(), year: Year, isSample: Type.Boolean(), issuedBy: Nullable(Type.String()) })

export const ParAssessment = Type.Object({
  id: Uuid,
  year: Year,
  status: ParAssessmentStatus,
  criteriaSet: SetRef,
  totals: ParTotals,
  submittedAt: Nullable(DateTime),
  submittedBy: Nullable(PersonRef),
  appraisedAt: Nullable(DateTime),
  appraisedBy: Nullable(PersonRef),
  allowedActions: Type.Array(ParOperation, { description: 'What the caller may do with it now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ParAssessment = Static<typeof ParAssessment>

export const ParAssessmentDetail = Type.Object({
  ...ParAssessment.properties,
  criteria: Type.Array(ParScoredCriterion, { description: 'The tree in order, each node with its score or running total' }),
})
export type ParAssessmentDetail = Static<typeof ParAssessmentDetail>

export const ParAssessmentPage = Page(ParAssessment)
export const ParAssessmentQuery = Type.Object({ ...ListQuery })
export type ParAssessmentQuery = Static<typeof ParAssessmentQuery>

export const CreateParAssessment = Type.Object({ year: Year, criteriaSetId: Uuid }, { additionalProperties: false })
export type CreateParAssessment = Static<typeof CreateParAssessment>

export const ScoreParams = Type.Object({ id: Uuid, criterionId: Uuid })
export type ScoreParams = Static<typeof ScoreParams>

const LongText = (description?: string) => Type.String({ maxLength: 4000, description })

export const SelfScore = Type.Object(
  {
    selfScore: Nullable(Points),
    evidenceText: Type.Optional(Nullable(LongText('The evidence documents named (tài liệu kiểm chứng)'))),
    evidenceUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2000 }))),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, description: 'Evidence files uploaded through POST /api/attachments' })),
    note: Type.Optional(Nullable(LongText())),
  },
  { additionalProperties: false, description: 'Replaces the leaf’s self score and evidence (fields left out are cleared). Points above 0 need evidence: files, a link or the documents named.' },
)
export type SelfScore = Static<typeof SelfScore>

export const Appraisal = Type.Object(
  {
    scores: Type.Array(
      Type.Object({ criterionId: Uuid, appraisedScore: Nullable(Points), note: Type.Optional(Nullable(LongText())) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false, description: 'The appraised scores of some leaves (the others keep theirs)' },
)
export type Appraisal = Static<typeof Appraisal>

export const RemediationCandidate = Type.Object({
  criterionId: Uuid,
  code: Type.String(),
  title: Type.String(),
  area: Type.Object({ code: Type.String(), title: Type.String() }),
  maxPoints: Points,
  score: Type.Number({ description: 'The appraised score, or the self score before the appraisal' }),
  pointsLost: Type.Number({ exclusiveMinimum: 0 }),
  note: Nullable(Type.String({ description: 'The appraisal note, else the self-assessment note' })),
  suggestedTask: Type.String({ description: 'The content of a remediation task, in Vietnamese' }),
  tasks: Type.Array(SourceTask, { description: 'The live plan tasks raised from this criterion that the caller sees (POST /api/plans/{id}/remediation-tasks)' }),
})
export type RemediationCandidate = Static<typeof RemediationCandidate>

export const Remediation = Type.Object({
  assessmentId: Uuid,
  year: Year,
  basis: Type.Enum(['appraised', 'self'], { description: 'Whether points lost count from the appraised scores (once entered) or the self scores' }),
  title: Type.String({ description: 'The plan’s title, in Vietnamese' }),
  items: Type.Array(RemediationCandidate, { description: 'Leaves that lost points, most points lost first' }),
})
export type Remediation = Static<typeof Remediation>
