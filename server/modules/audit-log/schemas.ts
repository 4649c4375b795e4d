import { Type, type Static } from 'typebox'
import { DateTime, ListQuery, Nullable, Page, Uuid } from '../../lib/schemas.ts'

export const AuditEntry = Type.Object({
  id: Uuid,
  at: DateTime,
  actorId: Nullable(Uuid),
  actorUsername: Nullable(Type.String()),
  action: Type.String({ description: 'e.g. `user.create`, `org_unit.update`, `auth.login`' }),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  before: Type.Unknown({ description: 'The record before the change, as the API shows it (null for a create)' }),
  after: Type.Unknown({ description: 'The record after the change (null for a removal)' }),
  requestId: Nullable(Type.String()),
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditQuery = Type.Object({
  entityType: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Uuid),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time' })),
  ...ListQuery,
})
export type AuditQuery = Static<typeof AuditQuery>

export const AuditPage = Page(AuditEntry)

export const ChainReport = Type.Object({
  ok: Type.Boolean({ description: 'True when every entry fits the hash chain' }),
  checked: Type.Integer({ description: 'Entries found intact, in order, before the first broken one (all of them when ok)' }),
  firstBroken: Nullable(
    Type.Object({
      seq: Type.Integer(),
      id: Uuid,
      at: DateTime,
      reason: Type.Union([Type.Literal('hash'), Type.Literal('link'), Type.Literal('gap')], {
        description: '`hash`: the entry was changed; `link`: the entry before it was changed or removed; `gap`: entries are missing before it',
      }),
    }),
  ),
  head: Nullable(
    Type.Object(
      { seq: Type.Integer(), hash: Type.String() },
      { description: 'The newest entry: keep a copy elsewhere to notice the newest entries being removed' },
    ),
  ),
})
export type ChainReport = Static<typeof ChainReport>
