import { Type, type Static } from 'typebox'
import { ONLINE_MODES } from '../../../db/schema/procedures.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { UnitRef } from '../users/schemas.ts'

export const OnlineLevel = Type.Integer({ minimum: 1, maximum: 4, description: 'Online public-service level 1–4 (Decree 43/2011)' })
export const OnlineMode = Type.Enum([...ONLINE_MODES], { description: 'Decree 42/2022: `full` (toàn trình), `partial` (một phần), `none`' })

export const OnlineHistoryEntry = Type.Object({
  attribute: Type.Enum(['level', 'mode']),
  level: Nullable(OnlineLevel),
  mode: Nullable(OnlineMode),
  effectiveFrom: DateOnly,
})

export const Procedure = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  field: Type.String({ description: 'Lĩnh vực' }),
  owningUnitId: Uuid,
  owningUnit: UnitRef,
  processingDays: Type.Integer({ description: 'Legal processing time, in working days' }),
  fee: Nullable(Type.Integer({ description: 'VND; null when free' })),
  onlineLevel: Nullable(OnlineLevel),
  onlineLevelFrom: Nullable(DateOnly),
  onlineMode: Nullable(OnlineMode),
  onlineModeFrom: Nullable(DateOnly),
  onlineHistory: Type.Array(OnlineHistoryEntry, { description: 'Every level and mode with the date it applies from, oldest first' }),
  active: Type.Boolean(),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Procedure = Static<typeof Procedure>

const Code = Type.String({ minLength: 1, maxLength: 60, pattern: '^\\S(.*\\S)?$', description: 'Unique code, e.g. `1.009645`' })
const Name = Type.String({ minLength: 1, maxLength: 1000 })
const Field = Type.String({ minLength: 1, maxLength: 200 })
const Days = Type.Integer({ minimum: 1, maximum: 365 })
const Fee = Nullable(Type.Integer({ minimum: 0, maximum: 2_000_000_000 }))

const onlineFields = {
  onlineLevel: Type.Optional(OnlineLevel),
  onlineLevelFrom: Type.Optional(Type.String({ format: 'date', description: 'When the level applies from (default today)' })),
  onlineMode: Type.Optional(OnlineMode),
  onlineModeFrom: Type.Optional(Type.String({ format: 'date', description: 'When the mode applies from (default today)' })),
}

export const CreateProcedure = Type.Object(
  { code: Code, name: Name, field: Field, owningUnitId: Uuid, processingDays: Days, fee: Type.Optional(Fee), active: Type.Optional(Type.Boolean()), ...onlineFields },
  { additionalProperties: false },
)
export type CreateProcedure = Static<typeof CreateProcedure>

export const UpdateProcedure = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    field: Type.Optional(Field),
    owningUnitId: Type.Optional(Uuid),
    processingDays: Type.Optional(Days),
    fee: Type.Optional(Fee),
    active: Type.Optional(Type.Boolean({ description: 'false withdraws the procedure from the catalogue; procedures are never deleted' })),
    ...onlineFields,
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateProcedure = Static<typeof UpdateProcedure>

export const ProcedureQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches code or name, ignoring case and diacritics' })),
  field: Type.Optional(Type.String({ maxLength: 200 })),
  owningUnitId: Type.Optional(Uuid),
  onlineLevel: Type.Optional(OnlineLevel),
  onlineMode: Type.Optional(OnlineMode),
  active: Type.Optional(Type.Boolean()),
  ...ListQuery,
})
export type ProcedureQuery = Static<typeof ProcedureQuery>

export const ProcedurePage = Page(Procedure)

export const ProcedureFields = Type.Object({ items: Type.Array(Type.Object({ field: Type.String(), procedures: Type.Integer() })) })
