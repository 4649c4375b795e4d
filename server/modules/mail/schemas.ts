import { Type, type Static } from 'typebox'
import { MAIL_LANGUAGES, MAIL_MODES, MAIL_STATUSES } from '../../../db/schema/index.ts'
import { DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

const MODES = 'immediate: one mail at once; digest: in the daily digest (07:00 agency time); off: in the app only'
const Mode = (what: string) => Type.Enum([...MAIL_MODES], { description: `${what}. ${MODES}` })

export const MailPreferences = Type.Object({
  language: Type.Enum([...MAIL_LANGUAGES], { description: 'Language of my mails' }),
  assignment: Mode('Work handed to me (review or approval requested, NC or action assigned, inspection team, complaint received)'),
  update: Mode('What I started moved on (revision approved or published, NC verified or closed)'),
  reminder: Mode('Due dates, overdue work and escalations'),
  email: Nullable(Type.String({ description: 'Where mails go (set by an administrator on the user)' })),
  mailEnabled: Type.Boolean({ description: 'Whether this server sends mail at all (SMTP_URL and MAIL_FROM)' }),
  version: Version,
})
export type MailPreferences = Static<typeof MailPreferences>

export const UpdateMailPreferences = Type.Object(
  {
    language: Type.Optional(MailPreferences.properties.language),
    assignment: Type.Optional(MailPreferences.properties.assignment),
    update: Type.Optional(MailPreferences.properties.update),
    reminder: Type.Optional(MailPreferences.properties.reminder),
  },
  { additionalProperties: false },
)
export type UpdateMailPreferences = Static<typeof UpdateMailPreferences>

export const OutboxMail = Type.Object({
  id: Uuid,
  userId: Nullable(Uuid),
  toAddress: Type.String(),
  subject: Type.String(),
  kind: Type.Enum(['notification', 'digest']),
  status: Type.Enum([...MAIL_STATUSES], { description: 'queued (waiting or waiting to retry), sending, sent, failed (gave up)' }),
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: DateTime,
  lastError: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
})
export type OutboxMail = Static<typeof OutboxMail>

export const OutboxQuery = Type.Object({
  status: Type.Optional(Type.Enum([...MAIL_STATUSES])),
  ...ListQuery,
})
export type OutboxQuery = Static<typeof OutboxQuery>

export const OutboxPage = Type.Object({
  ...Page(OutboxMail).properties,
  mailEnabled: Type.Boolean({ description: 'Whether this server sends mail (SMTP_URL and MAIL_FROM)' }),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Mails by status' }),
})
