/**
 * Every scheduled job of the application, registered in one place (the scheduler itself
 * is in scheduler.ts). Add a module's job here with one `registerJob` line.
 */
import { escalateNonconformities } from '../modules/nonconformities/escalation.ts'
import { registerJob } from './scheduler.ts'

registerJob('nonconformity-escalation', (config) => config.escalationIntervalMinutes * 60_000, escalateNonconformities)

export { registeredJobs, registerJob, runJob, Scheduler } from './scheduler.ts'
