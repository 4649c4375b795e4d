/**
 * Every scheduled job of the application, registered in one place (the scheduler itself
 * is in scheduler.ts). Add a module's job here with one `registerJob` line.
 */
import { remindDocumentReviews } from '../modules/documents/review-job.ts'
import { remindDossiersDue } from '../modules/dossiers/due-reminders.ts'
import { purgeIdempotencyKeys } from '../modules/idempotency/service.ts'
import { escalateNonconformities } from '../modules/nonconformities/escalation.ts'
import { remindPlanTasks } from '../modules/plans/reminders.ts'
import { registerJob } from './scheduler.ts'

registerJob('nonconformity-escalation', (config) => config.escalationIntervalMinutes * 60_000, escalateNonconformities)
// Review reminders are day-level: a few runs a day are plenty.
registerJob('document-review-reminders', 6 * 3600_000, remindDocumentReviews)
// Due dates fall at closing time on working days: a look every hour is soon enough.
registerJob('dossier-due-reminders', 3600_000, remindDossiersDue)
// Plan tasks fall due on calendar days, on the escalation's ladder: a few runs a day are plenty.
registerJob('plan-task-reminders', 6 * 3600_000, remindPlanTasks)
registerJob('idempotency-key-purge', 3600_000, (db, env) => purgeIdempotencyKeys(db, env.now))

export { registeredJobs, registerJob, runJob, Scheduler } from './scheduler.ts'
