import { benchImport } from './dossier-import.ts'

/**
 * `npm run bench [name]`: performance measurements that print their figures.
 * Each later feature adds its benchmark to BENCHMARKS.
 */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  import: benchImport,
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
