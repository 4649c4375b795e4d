import { msg } from '@lit/localize'
import type { Role } from '../api/types.ts'

export function roleLabel(role: Role): string {
  switch (role) {
    case 'admin':
      return msg('Administrator', { id: 'role.admin' })
    case 'manager':
      return msg('Manager', { id: 'role.manager' })
    case 'auditor':
      return msg('Auditor', { id: 'role.auditor' })
    case 'dept_head':
      return msg('Head of unit', { id: 'role.dept_head' })
    case 'staff':
      return msg('Staff', { id: 'role.staff' })
  }
}
