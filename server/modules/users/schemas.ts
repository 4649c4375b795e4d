import { Type, type Static } from 'typebox'
import { ROLES } from '../../../db/schema/users.ts'
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords.ts'
import { DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

export const RoleSchema = Type.Enum([...ROLES], { description: 'admin | manager | auditor | dept_head | staff' })

const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', description: 'Letters, digits, dot, dash, underscore' })
const FullName = Type.String({ minLength: 1, maxLength: 200 })
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, description: `At least ${MIN_PASSWORD_LENGTH} characters; never returned` })
const Roles = Type.Array(RoleSchema, { uniqueItems: true, maxItems: 5 })

export const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  fullName: Type.String(),
  position: Nullable(Type.String()),
  email: Nullable(Type.String()),
  orgUnitId: Nullable(Uuid),
  orgUnit: Nullable(UnitRef),
  roles: Type.Array(RoleSchema),
  active: Type.Boolean(),
  canSignIn: Type.Boolean({ description: 'true when the user has a password; inspected staff often have none' }),
  lastLoginAt: Nullable(DateTime),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type User = Static<typeof User>

export const CreateUser = Type.Object(
  {
    username: Username,
    fullName: FullName,
    position: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    orgUnitId: Type.Optional(Nullable(Uuid)),
    roles: Type.Optional(Roles),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
)
export type CreateUser = Static<typeof CreateUser>

export const UpdateUser = Type.Object(
  {
    username: Type.Optional(Username),
    fullName: Type.Optional(FullName),
    position: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    orgUnitId: Type.Optional(Nullable(Uuid)),
    roles: Type.Optional(Roles),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates the user and ends their sessions; users are never deleted' })),
    password: Type.Optional(Nullable(Password)),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUser = Static<typeof UpdateUser>

export const UserQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches username or full name, ignoring case and diacritics' })),
  orgUnitId: Type.Optional(Uuid),
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  ...ListQuery,
})
export type UserQuery = Static<typeof UserQuery>

export const UserPage = Page(User)
