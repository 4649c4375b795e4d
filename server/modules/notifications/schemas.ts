import { Type, type Static } from 'typebox'
import { DateTime, ListQuery, Nullable, Uuid } from '../../lib/schemas.ts'

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'What happened, e.g. `action.overdue`; the web app words known kinds in the reader’s language' }),
  title: Type.String({ description: 'Plain-text summary (English), for clients that do not know the kind' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
    description: 'Values the kind’s wording uses (codes, titles, dates, days overdue)',
  }),
  link: Nullable(Type.String({ description: 'Path in the web app, e.g. `/nonconformities/<id>`' })),
  entityType: Nullable(Type.String()),
  entityId: Nullable(Uuid),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
})
export type Notification = Static<typeof Notification>

export const NotificationQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'true: only unread ones' })),
  ...ListQuery,
})
export type NotificationQuery = Static<typeof NotificationQuery>

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' })),
  unreadCount: Type.Integer({ minimum: 0, description: 'All unread notifications of the caller' }),
})

export const UnreadCount = Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) })
export const ReadAllResult = Type.Object({ marked: Type.Integer({ minimum: 0, description: 'How many were unread' }) })
