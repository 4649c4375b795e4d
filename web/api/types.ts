/**
 * Shapes the web app reads from the API. They come from the server's TypeBox schemas
 * (type-only imports: nothing of the server reaches the bundle).
 */
import type { Role } from '../../db/schema/users.ts'
export type { Role }
export type { User } from '../../server/modules/users/schemas.ts'
export type { OrgUnit } from '../../server/modules/org-units/schemas.ts'
export type { SessionInfo } from '../../server/modules/auth/schemas.ts'
export type { AuditEntry } from '../../server/modules/audit-log/schemas.ts'

export const ROLES = ['admin', 'manager', 'auditor', 'dept_head', 'staff'] as const satisfies readonly Role[]
export type { Attachment } from '../../server/modules/attachments/schemas.ts'
export type { ChecklistItem, ChecklistTemplate } from '../../server/modules/checklist-templates/schemas.ts'
export type { Inspection, InspectionResponse, InspectionSummary, ResponseInput } from '../../server/modules/inspections/schemas.ts'
export type { Finding, PersonRef } from '../../server/modules/findings/schemas.ts'
