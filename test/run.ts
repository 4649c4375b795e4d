/**
 * `npm test`: runs every `*.test.ts` under test/ with uvu, in one process, then closes
 * the shared test databases (uvu has no global teardown, and open database sockets
 * would keep the process alive).
 *
 *   npm test                 # everything
 *   npm test -- org-units    # files whose path matches
 */
import { parse } from 'uvu/parse'
import { run } from 'uvu/run'
import { closeTestDatabases } from './helpers/database.ts'
import { closeBrowser } from './helpers/browser.ts'

const filter = process.argv[2]
const argv = await parse('test', /\.test\.ts$/, { cwd: process.cwd() })
const suites = filter ? argv.suites.filter((s) => s.name.includes(filter)) : argv.suites
if (!suites.length) {
  console.error(`No test file matches "${filter}".`)
  process.exit(1)
}
await run(suites, { bail: false })
await closeBrowser()
await closeTestDatabases()
process.exit(process.exitCode ?? 0)
