/**
 * Vietnamese templates for @lit/localize, gathered from each feature. Add a feature's
 * `*.vi.ts` here; test/unit/localization.test.ts checks that every msg id has one.
 */
import { common } from '../app/common.vi.ts'
import { auth } from '../features/auth/auth.vi.ts'
import { orgUnits } from '../features/org-units/org-units.vi.ts'
import { users } from '../features/users/users.vi.ts'
import { dashboard } from '../features/dashboard/dashboard.vi.ts'
import { checklistTemplates } from '../features/checklist-templates/checklist-templates.vi.ts'
import { findings } from '../features/findings/findings.vi.ts'
import { inspections } from '../features/inspections/inspections.vi.ts'

export const templates = {
  ...common,
  ...auth,
  ...orgUnits,
  ...users,
  ...dashboard,
  ...inspections,
  ...findings,
  ...checklistTemplates,
}
