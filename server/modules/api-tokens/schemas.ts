import { Type, type Static } from 'typebox'
import { DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  tokenPrefix: Type.String({ description: 'The first characters of the token, to recognise it' }),
  userId: Uuid,
  username: Type.String(),
  createdById: Nullable(Uuid),
  createdAt: DateTime,
  scope: Type.Union([Type.Literal('read'), Type.Literal('read_write')]),
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  version: Version,
})
export type ApiToken = Static<typeof ApiToken>

export const CreatedApiToken = Type.Intersect([
  ApiToken,
  Type.Object({ token: Type.String({ description: 'The secret; shown this once only. Send it as `Authorization: Bearer <token>`.' }) }),
])

export const CreateApiToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'What the token is for, e.g. "one-stop-shop sync"' }),
    userId: Type.Optional(Uuid),
    scope: Type.Optional(
      Type.Union([Type.Literal('read'), Type.Literal('read_write')], {
        default: 'read_write',
        description: '`read`: GET/HEAD only (anything else is 403); `read_write`: all of the user’s rights',
      }),
    ),
    expiresAt: Type.Optional(
      Type.Union([DateTime, Type.Null()], {
        description: 'When the token stops working; default QMS_TOKEN_DEFAULT_DAYS from now, at most QMS_TOKEN_MAX_DAYS',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CreateApiToken = Static<typeof CreateApiToken>

export const ApiTokenQuery = Type.Object({
  userId: Type.Optional(Uuid),
  includeRevoked: Type.Optional(Type.Boolean({ default: false })),
  ...ListQuery,
})
export type ApiTokenQuery = Static<typeof ApiTokenQuery>

export const ApiTokenPage = Page(ApiToken)

export const ApiTokenLimits = Type.Object({
  defaultDays: Type.Integer({ description: 'Days a token lasts when no expiresAt is given' }),
  maxDays: Type.Integer({ description: 'The latest allowed expiresAt, in days from now' }),
})
