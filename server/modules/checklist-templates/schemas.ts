import { Type, type Static } from 'typebox'
import { CHECKLIST_CATEGORIES, RESPONSE_TYPES } from '../../../db/schema/checklist-templates.ts'
import { DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { ClauseNumber } from '../iso-clauses/schemas.ts'

export const Category = Type.Enum([...CHECKLIST_CATEGORIES], {
  description: 'attendance | id_badge | conduct | on_time_handling | public_posting | documented_information | other',
})
export const ResponseTypeSchema = Type.Enum([...RESPONSE_TYPES], { description: 'pass_fail_na | number | text | choice' })

const ItemKey = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description: 'Stable id of the item within the template (kept across revisions)' })

export const ChecklistItem = Type.Object({
  id: ItemKey,
  text: Type.String(),
  category: Category,
  clauseNumbers: Type.Array(Type.String()),
  responseType: ResponseTypeSchema,
  choices: Nullable(Type.Array(Type.String())),
  weight: Type.Number({ minimum: 0 }),
  perPerson: Type.Boolean({ description: 'Judged for each person present (one response per person)' }),
  required: Type.Boolean({ description: 'The inspection cannot be completed without a response' }),
  photoRequiredOnFail: Type.Boolean({ description: 'A failed response needs a photo before the inspection can be completed' }),
  createsFindingOnFail: Type.Boolean({ description: 'Completing the inspection creates a finding for each failed response' }),
})
export type ChecklistItem = Static<typeof ChecklistItem>

export const ChecklistItemInput = Type.Object(
  {
    id: Type.Optional(ItemKey),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    category: Category,
    clauseNumbers: Type.Optional(Type.Array(ClauseNumber, { maxItems: 20, uniqueItems: true })),
    responseType: Type.Optional(ResponseTypeSchema),
    choices: Type.Optional(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 20, uniqueItems: true }))),
    weight: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Default 1' })),
    perPerson: Type.Optional(Type.Boolean({ description: 'Default false' })),
    required: Type.Optional(Type.Boolean({ description: 'Default true' })),
    photoRequiredOnFail: Type.Optional(Type.Boolean({ description: 'Default false' })),
    createsFindingOnFail: Type.Optional(Type.Boolean({ description: 'Default true' })),
  },
  { additionalProperties: false },
)
export type ChecklistItemInput = Static<typeof ChecklistItemInput>

const Items = Type.Array(ChecklistItemInput, { minItems: 1, maxItems: 200 })
const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' })
const Description = Nullable(Type.String({ maxLength: 4000 }))

export const ChecklistTemplate = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  revision: Type.Integer({ minimum: 1, description: 'The revision whose items are shown' }),
  revisionId: Uuid,
  currentRevision: Type.Integer({ minimum: 1, description: 'The revision new inspections are planned with' }),
  inUse: Type.Boolean({ description: 'An inspection uses the current revision: changing the items will add a new revision' }),
  items: Type.Array(ChecklistItem),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ChecklistTemplate = Static<typeof ChecklistTemplate>

export const CreateChecklistTemplate = Type.Object(
  { name: Name, description: Type.Optional(Description), items: Items },
  { additionalProperties: false },
)
export type CreateChecklistTemplate = Static<typeof CreateChecklistTemplate>

export const UpdateChecklistTemplate = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    active: Type.Optional(Type.Boolean({ description: 'false retires the template: no new inspections use it' })),
    items: Type.Optional(Items),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateChecklistTemplate = Static<typeof UpdateChecklistTemplate>

export const ChecklistTemplateQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the name, ignoring case and diacritics' })),
  active: Type.Optional(Type.Boolean()),
  ...ListQuery,
})
export type ChecklistTemplateQuery = Static<typeof ChecklistTemplateQuery>

export const RevisionQuery = Type.Object({
  revision: Type.Optional(Type.Integer({ minimum: 1, description: 'An earlier revision; default the current one' })),
})
export type RevisionQuery = Static<typeof RevisionQuery>

export const ChecklistTemplatePage = Page(ChecklistTemplate)
