import { count } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { users } from '../../db/schema/index.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { hashPassword } from '../lib/passwords.ts'
import { systemActor } from '../lib/permissions.ts'
import { recordAudit } from '../modules/audit-log/service.ts'
import { seedDocuments } from './documents.ts'
import { seedCalendar } from './calendar.ts'
import { seedDossiers } from './dossiers.ts'
import { seedNonconformities } from './nonconformities.ts'
import { seedInspections } from './inspections.ts'
import { seedObjectives } from './objectives.ts'
import { seedOrganisation } from './organisation.ts'
import { seedPlans, seedRemediationPlan } from './plans.ts'
import { seedProcedures } from './procedures.ts'
import { seedRisks } from './risks.ts'
import { seedManagementReviews } from './management-reviews.ts'
import { seedParIndex } from './par-index.ts'
import { seedAudits } from './audits.ts'
import { seedReports } from './reports.ts'
import { rebuildDossierStats } from '../modules/dossiers/dossier-rollups.ts'

export { DEMO_PASSWORD, DEMO_USERS } from './organisation.ts'

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users)
  return n === 0
}

/** Loads the whole demo organisation in one transaction: all of it or nothing. */
/** `env`: "now" (recent records are dated before it) and the configuration, whose time zone the statistics rollups count days in. */
export async function loadDemoData(db: Db, env: ServiceEnv): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await seedOrganisation(tx)
    const inspections = await seedInspections(tx, org, env)
    const qms = await seedDocuments(tx, org, env)
    const procedures = await seedProcedures(tx, org)
    await seedCalendar(tx)
    const dossiers = await seedDossiers(tx, org, procedures, env.now)
    await rebuildDossierStats(tx, env.config.timeZone)
    const nonconformities = await seedNonconformities(tx, org, env)
    const objectives = await seedObjectives(tx, org, env)
    const risks = await seedRisks(tx, org, env)
    const managementReviews = await seedManagementReviews(tx, org, env)
    const parIndex = await seedParIndex(tx, org, env)
    const plans = await seedPlans(tx, org, env)
    const remediationTasks = await seedRemediationPlan(tx, org, env)
    const audits = await seedAudits(tx, org)
    const reports = await seedReports(tx, org, env)
    await recordAudit(tx, systemActor, {
      action: 'demo.load',
      entityType: 'system',
      after: {
        units: Object.keys(org.units).length,
        users: Object.keys(org.users).length,
        documents: qms.documents,
        procedures: Object.keys(procedures).length,
        ...dossiers,
        nonconformities,
        objectives,
        risks,
        managementReviews,
        parIndex,
        plans,
        remediationTasks,
        reports,
        ...audits,
        ...inspections,
      },
    })
  })
}

/** Without demo data, the first administrator comes from QMS_ADMIN_USERNAME / QMS_ADMIN_PASSWORD. */
export async function createFirstAdmin(db: Db, username: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values({ username, fullName: 'Administrator', roles: ['admin'], passwordHash }).returning({ id: users.id })
    await recordAudit(tx, systemActor, { action: 'user.create', entityType: 'user', entityId: row.id, after: { username, roles: ['admin'] } })
  })
}
