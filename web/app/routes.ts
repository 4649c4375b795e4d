/**
 * Every page of the app. Each feature lists its own pages in
 * `features/<domain>/routes.ts`; add that list here. The first matching pattern wins,
 * so a feature's page replaces the placeholder of its section.
 */
import type { RouteDef } from './router.ts'
import { apiTokenRoutes } from '../features/api-tokens/routes.ts'
import { authRoutes } from '../features/auth/routes.ts'
import { calendarRoutes } from '../features/calendar/routes.ts'
import { complaintRoutes } from '../features/complaints/routes.ts'
import { reportRoutes } from '../features/reports/routes.ts'
import { dossierRoutes } from '../features/dossiers/routes.ts'
import { procedureRoutes } from '../features/procedures/routes.ts'
import { dashboardRoutes } from '../features/dashboard/routes.ts'
import { myWorkRoutes } from '../features/my-work/routes.ts'
import { mailRoutes } from '../features/mail/routes.ts'
import { backupRoutes } from '../features/backup/routes.ts'
import { documentRoutes } from '../features/documents/routes.ts'
import { nonconformityRoutes } from '../features/nonconformities/routes.ts'
import { objectiveRoutes } from '../features/objectives/routes.ts'
import { notificationRoutes } from '../features/notifications/routes.ts'
import { checklistTemplateRoutes } from '../features/checklist-templates/routes.ts'
import { findingRoutes } from '../features/findings/routes.ts'
import { inspectionRoutes } from '../features/inspections/routes.ts'
import { orgUnitRoutes } from '../features/org-units/routes.ts'
import { placeholderRoutes } from '../features/placeholder/routes.ts'
import { userRoutes } from '../features/users/routes.ts'
import { riskRoutes } from '../features/risks/routes.ts'
import { managementReviewRoutes } from '../features/management-reviews/routes.ts'
import { parIndexRoutes } from '../features/par-index/routes.ts'
import { planRoutes } from '../features/plans/routes.ts'
import { auditRoutes } from '../features/audits/routes.ts'

export const ROUTES: RouteDef[] = [
  ...authRoutes,
  ...myWorkRoutes,
  ...dashboardRoutes,
  ...orgUnitRoutes,
  ...userRoutes,
  ...apiTokenRoutes,
  ...documentRoutes,
  ...dossierRoutes,
  ...complaintRoutes,
  ...reportRoutes,
  ...procedureRoutes,
  ...calendarRoutes,
  ...nonconformityRoutes,
  ...objectiveRoutes,
  ...notificationRoutes,
  ...mailRoutes,
  ...backupRoutes,
  ...inspectionRoutes,
  ...findingRoutes,
  ...checklistTemplateRoutes,
  ...riskRoutes,
  ...managementReviewRoutes,
  ...parIndexRoutes,
  ...planRoutes,
  ...auditRoutes,
  // Sections not built yet say so; keep this last.
  ...placeholderRoutes,
]
