/**
 * Vietnamese templates for @lit/localize, gathered from each feature. Add a feature's
 * `*.vi.ts` here; test/unit/localization.test.ts checks that every msg id has one.
 */
import { common } from '../app/common.vi.ts'
import { apiTokens } from '../features/api-tokens/api-tokens.vi.ts'
import { auth } from '../features/auth/auth.vi.ts'
import { orgUnits } from '../features/org-units/org-units.vi.ts'
import { users } from '../features/users/users.vi.ts'
import { dashboard } from '../features/dashboard/dashboard.vi.ts'
import { documents } from '../features/documents/documents.vi.ts'
import { calendar } from '../features/calendar/calendar.vi.ts'
import { complaints } from '../features/complaints/complaints.vi.ts'
import { reports } from '../features/reports/reports.vi.ts'
import { dossiers } from '../features/dossiers/dossiers.vi.ts'
import { procedures } from '../features/procedures/procedures.vi.ts'
import { nonconformities } from '../features/nonconformities/nonconformities.vi.ts'
import { notifications } from '../features/notifications/notifications.vi.ts'
import { checklistTemplates } from '../features/checklist-templates/checklist-templates.vi.ts'
import { findings } from '../features/findings/findings.vi.ts'
import { inspections } from '../features/inspections/inspections.vi.ts'
import { offline } from '../offline/offline.vi.ts'
import { myWork } from '../features/my-work/my-work.vi.ts'
import { mail } from '../features/mail/mail.vi.ts'
import { backup } from '../features/backup/backup.vi.ts'
import { objectives } from '../features/objectives/objectives.vi.ts'
import { risks } from '../features/risks/risks.vi.ts'
import { managementReviews } from '../features/management-reviews/management-reviews.vi.ts'
import { parIndex } from '../features/par-index/par-index.vi.ts'
import { plans } from '../features/plans/plans.vi.ts'
import { audits } from '../features/audits/audits.vi.ts'

export const templates = {
  ...common,
  ...auth,
  ...orgUnits,
  ...users,
  ...dashboard,
  ...apiTokens,
  ...documents,
  ...dossiers,
  ...complaints,
  ...reports,
  ...procedures,
  ...calendar,
  ...nonconformities,
  ...notifications,
  ...inspections,
  ...findings,
  ...checklistTemplates,
  ...offline,
  ...myWork,
  ...mail,
  ...backup,
  ...objectives,
  ...risks,
  ...managementReviews,
  ...parIndex,
  ...plans,
  ...audits,
}
