import { benchAuditWrites } from './audit-writes.ts'
import { benchImport } from './dossier-import.ts'
import { benchLoad } from './load.ts'
import { benchObjectives } from './objectives.ts'
import { benchCompliance, benchLists, benchMyWork, benchSearch, benchStats } from './reads.ts'
import { benchSync } from './sync.ts'

/**
 * `npm run bench [name]`: performance measurements that print their figures.
 * `import`, `sync` and `audit` make their own database; `objectives` uses the province-sized one when it is there (else its own); `stats`, `compliance`, `lists`, `search`, `my-work` and `load` read the
 * province-sized one that `npm run bench:seed` writes. Without a name: all of them.
 */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  import: benchImport,
  stats: benchStats,
  compliance: benchCompliance,
  lists: benchLists,
  search: benchSearch,
  'my-work': benchMyWork,
  load: benchLoad,
  sync: benchSync,
  audit: benchAuditWrites,
  objectives: benchObjectives,
}

const wanted = process.argv[2]
const names = wanted ? [wanted] : Object.keys(BENCHMARKS)
if (!names.length) {
  console.log('No benchmarks yet.')
} else {
  for (const name of names) {
    const bench = BENCHMARKS[name]
    if (!bench) {
      console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHMARKS).join(', ') || 'none'}`)
      process.exit(1)
    }
    console.log(`\n== ${name}`)
    await bench()
  }
}
