/**
 * `npm run db:rebuild-rollups`: recomputes the statistics rollups (dossiers, inspection
 * results, nonconformities, findings) from the records, on the database the server would use (DATABASE_URL, else
 * the embedded one in QMS_DATA_DIR). Needed after changing QMS_TIMEZONE or after loading
 * rows outside the app; the server keeps them current on its own writes.
 */
import { loadConfig } from '../server/config.ts'
import { exitOnStartupError, openDatabase } from '../server/start-up.ts'
import { rebuildDossierStats } from '../server/modules/dossiers/dossier-rollups.ts'
import { rebuildFindingRollups } from '../server/modules/findings/finding-rollups.ts'
import { rebuildInspectionRollups } from '../server/modules/inspections/inspection-rollups.ts'
import { rebuildNonconformityRollups } from '../server/modules/nonconformities/nonconformity-rollups.ts'

const config = loadConfig()
// The same lock as the server: rebuilding under a running embedded server would lose writes.
const handle = await openDatabase(config).catch((err) => exitOnStartupError(err, config))
const started = performance.now()
await rebuildDossierStats(handle.db, config.timeZone)
await rebuildInspectionRollups(handle.db)
await rebuildNonconformityRollups(handle.db, config.timeZone)
await rebuildFindingRollups(handle.db)
console.log(`Rollups rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (time zone ${config.timeZone}).`)
await handle.close()
