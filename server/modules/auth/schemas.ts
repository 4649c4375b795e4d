import { Type, type Static } from 'typebox'
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords.ts'
import { User } from '../users/schemas.ts'

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const SessionInfo = Type.Object({
  user: User,
  csrfToken: Type.Optional(Type.String({ description: 'Send as X-CSRF-Token on state changes made with the session cookie (also in the qms_csrf cookie)' })),
  permissions: Type.Array(Type.String(), { description: 'What the user may do somewhere (some only within their unit)' }),
  timeZone: Type.String({ description: 'The agency’s IANA time zone (QMS_TIMEZONE): times are shown and entered in it, whatever the device’s zone' }),
})
export type SessionInfo = Static<typeof SessionInfo>

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>
