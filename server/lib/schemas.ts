/** TypeBox building blocks shared by every module's schemas. */
import { Type, type Static, type TSchema } from 'typebox'

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' })
export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 timestamp' })
export const DateOnly = Type.String({ format: 'date', description: 'Date, YYYY-MM-DD' })
export const Version = Type.Integer({ minimum: 1, description: 'Increases by one on every change; sent back as the ETag' })

const SCALARS = new Set(['string', 'number', 'integer', 'boolean'])

/**
 * `schema` or null. Scalars become `type: [t, 'null']` (the same JSON Schema meaning):
 * fast-json-stringify writes those directly, where an `anyOf` makes it validate every
 * value against the branches — per field, per row of every list page.
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>
  const scalar = typeof plain.type === 'string' && SCALARS.has(plain.type)
  return Type.Unsafe<Static<T> | null>(scalar ? { ...plain, type: [plain.type, 'null'] } : { anyOf: [plain, { type: 'null' }] })
}

export const IdParams = Type.Object({ id: Uuid })
export type IdParams = Static<typeof IdParams>

export const FieldError = Type.Object({
  path: Type.String({ description: 'The failing field, e.g. `fullName`, `items.0.text`, `query.limit`' }),
  message: Type.String({ description: 'What is wrong with the field, in the language of the request (Accept-Language: vi or en; English without it)' }),
  code: Type.Optional(Type.String({ description: 'Stable error code, e.g. `required`, `minLength`, `duplicate`' })),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The values the message uses, e.g. `{ "limit": 200 }`' })),
})

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'urn:qms:problem:<slug>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({
      description: 'What went wrong, in the language of the request: Vietnamese when Accept-Language prefers `vi`, English when it prefers `en` or names neither (or is absent)',
    }),
    code: Type.Optional(
      Type.String({ description: 'Stable code of the problem, e.g. `not-found`, `stale`, `illegal-transition`, `nonconformity.plan-incomplete`: the key of its text in every language' }),
    ),
    params: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'The values `detail` is written from, e.g. `{ "entity": "dossier", "id": "…" }` with not-found, `{ "currentVersion": 4 }` with stale',
      }),
    ),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
    allowed: Type.Optional(Type.Array(Type.String(), { description: 'With illegal-transition: the actions allowed now' })),
    currentVersion: Type.Optional(Type.Integer({ description: 'With 412: the version the record is at now' })),
    setting: Type.Optional(Type.String({ description: 'With query-timeout: the configuration setting whose time limit was reached, e.g. QMS_QUERY_TIMEOUT_SECONDS' })),
    conflicts: Type.Optional(
      Type.Array(Type.Unknown(), { description: 'With answer-conflict: each answer refused, with the version sent (`yours`) and the one stored (`theirs`)' }),
    ),
  },
  { description: 'RFC 9457 problem details' },
)
export type Problem = Static<typeof Problem>

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: every failing field is listed in `errors`',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict: duplicate or not allowed in the current state',
  412: 'The If-Match version is stale',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Cannot be done yet',
  428: 'If-Match header required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Not ready: the database is unavailable (database-unavailable), or the request ran past its time limit (query-timeout)',
}

/** Declares problem+json responses for the given status codes. */
export function problems(...statuses: number[]) {
  const out: Record<number, unknown> = {}
  for (const status of statuses) {
    out[status] = {
      description: STATUS_TEXT[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: Problem } },
    }
  }
  return out
}

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (default 50, at most 500)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'The `nextCursor` of the previous page' })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' })),
  })

/** If-Match is checked in code (428 when absent), so the schema only documents it. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag you read, e.g. "3"; required' })),
})

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
)
