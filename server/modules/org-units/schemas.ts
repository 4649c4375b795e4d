import { Type, type Static } from 'typebox'
import { DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^\\S(.*\\S)?$', description: 'Short unique code, e.g. `VP`' })
const Name = Type.String({ minLength: 1, maxLength: 300 })

export const OrgUnit = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  parentId: Nullable(Uuid),
  depth: Type.Integer({ minimum: 0, description: '0 for a top-level unit' }),
  active: Type.Boolean(),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type OrgUnit = Static<typeof OrgUnit>

export const CreateOrgUnit = Type.Object(
  { code: Code, name: Name, parentId: Type.Optional(Nullable(Uuid)) },
  { additionalProperties: false },
)
export type CreateOrgUnit = Static<typeof CreateOrgUnit>

export const UpdateOrgUnit = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    parentId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates the unit; units are never deleted' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateOrgUnit = Static<typeof UpdateOrgUnit>

export const OrgUnitQuery = Type.Object({
  parentId: Type.Optional(Uuid),
  within: Type.Optional(Uuid),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches code or name, ignoring case and Vietnamese diacritics' })),
  ...ListQuery,
})
export type OrgUnitQuery = Static<typeof OrgUnitQuery>

export const OrgUnitPage = Page(OrgUnit)
