import { Type, type Static } from 'typebox'
import { ACTION_STATUSES, ACTION_TYPES } from '../../../../db/schema/actions.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../../lib/schemas.ts'

export const ActionType = Type.Enum([...ACTION_TYPES], { description: 'correction (fix this case) | corrective (remove the cause) | preventive | improvement' })
export const ActionStatus = Type.Enum([...ACTION_STATUSES], { description: 'open | done' })
export const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })

export const ACTION_OPERATIONS = ['update', 'complete'] as const

export const Action = Type.Object({
  id: Uuid,
  nonconformityId: Uuid,
  nonconformityCode: Type.String({ description: 'e.g. NC-0007' }),
  type: ActionType,
  description: Type.String(),
  ownerId: Uuid,
  owner: PersonRef,
  dueDate: DateOnly,
  status: ActionStatus,
  overdue: Type.Boolean({ description: 'Open and past its due date (in the agency’s time zone); computed, never stored' }),
  daysOverdue: Type.Integer({ minimum: 0 }),
  completedAt: Nullable(DateTime),
  completedBy: Nullable(PersonRef),
  completionNote: Nullable(Type.String()),
  attachmentIds: Type.Array(Uuid, { description: 'Evidence files (POST /api/attachments)' }),
  allowedActions: Type.Array(Type.Enum([...ACTION_OPERATIONS]), { description: 'What the caller may do with this action now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Action = Static<typeof Action>

const Description = Type.String({ minLength: 1, maxLength: 4000 })

export const CreateAction = Type.Object(
  {
    type: ActionType,
    description: Description,
    ownerId: Uuid,
    dueDate: DateOnly,
  },
  { additionalProperties: false },
)
export type CreateAction = Static<typeof CreateAction>

export const UpdateAction = Type.Object(
  {
    type: Type.Optional(ActionType),
    description: Type.Optional(Description),
    ownerId: Type.Optional(Uuid),
    dueDate: Type.Optional(DateOnly),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateAction = Static<typeof UpdateAction>

export const CompleteAction = Type.Object(
  {
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was done' }),
    attachmentIds: Type.Optional(Type.Array(Uuid, { uniqueItems: true, maxItems: 20, description: 'Evidence uploaded with POST /api/attachments' })),
  },
  { additionalProperties: false },
)
export type CompleteAction = Static<typeof CompleteAction>

export const ActionQuery = Type.Object({
  ownerId: Type.Optional(Uuid),
  nonconformityId: Type.Optional(Uuid),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'The NC’s unit, including the units below it' })),
  status: Type.Optional(ActionStatus),
  overdue: Type.Optional(Type.Boolean()),
  ...ListQuery,
})
export type ActionQuery = Static<typeof ActionQuery>

export const NcActionQuery = Type.Object({ ...ListQuery })
export type NcActionQuery = Static<typeof NcActionQuery>

export const ActionPage = Page(Action)
