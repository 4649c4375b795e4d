import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows } from '../../db/client.ts'
import { systemActor } from '../../server/lib/permissions.ts'
import { addDays } from '../../server/lib/clock.ts'
import { dossierStocksAfter } from '../../server/modules/dossiers/dossier-flows.ts'
import { rebuildDossierStats } from '../../server/modules/dossiers/dossier-rollups.ts'
import { dossierStats, dossierStatsScan } from '../../server/modules/dossiers/dossier-stats.ts'
import { appContext } from '../helpers/app.ts'
import { random } from '../helpers/random.ts'

const ctx = appContext()
const rollups = suite('the statistics rollups', ctx)

const vn = (date: string, minutes: number) => new Date(`${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`).toISOString()

rollups('on randomised dossiers with back-dated steps, supplements, due-date changes and an import, the rollups answer exactly as the scan', async (c) => {
  const admin = await c.as('admin')
  const rng = random(20261125)
  const units: { id: string }[] = []
  for (const code of ['RA', 'RB']) units.push((await admin.post('/api/org-units', { code: `U-${code}`, name: `Phòng ${code}`, parentId: await c.unitId('BQL') })).body)
  const procedures: { id: string; code: string }[] = []
  for (const [i, unit] of units.entries()) {
    for (const days of [2, 5]) {
      const res = await admin.post('/api/procedures', { code: `RP.${i}${days}`, name: `Thủ tục ${i}-${days}`, field: `Lĩnh vực ${i}`, owningUnitId: unit.id, processingDays: days, onlineLevel: 4, onlineLevelFrom: '2020-01-01' })
      assert.is(res.status, 201, res.text)
      procedures.push(res.body)
    }
  }
  const step = async (d: { id: string; version: number }, action: string, at: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.post(`/api/dossiers/${d.id}/${action}`, { at, ...extra }, { ifMatch: d.version })
    assert.is(res.status, 200, `${action}: ${res.text}`)
    return res.body
  }
  for (let n = 0; n < 36; n++) {
    const day = addDays('2021-01-04', rng.int(0, 80))
    let d = (await admin.post('/api/dossiers', { code: `RND-${n}`, procedureId: rng.pick(procedures).id, applicantName: `Công ty ${n}`, channel: rng.pick(['online', 'in_person', 'postal']), receivedAt: vn(day, rng.int(6 * 60, 18 * 60)) })).body
    let cursor = day
    const later = (lo: number, hi: number) => (cursor = addDays(cursor, rng.int(lo, hi)))
    const fate = rng.int(0, 9)
    if (fate === 0) continue // still received, never started
    d = await step(d, 'start-processing', vn(later(1, 2), 14 * 60))
    if (fate === 1) {
      d = await step(d, 'request-supplement', vn(later(1, 12), 9 * 60), { reason: 'Thiếu giấy tờ' })
      if (rng.next() < 0.6) d = await step(d, 'supplement-received', vn(later(1, 10), 10 * 60))
    }
    if (fate === 2 && rng.next() < 0.7) {
      const res = await admin.patch(`/api/dossiers/${d.id}`, { dueAt: vn(addDays(cursor, rng.int(-3, 20)), 17 * 60), dueAtReason: 'Gia hạn' }, { ifMatch: d.version })
      assert.is(res.status, 200, res.text)
      d = res.body
    }
    if (fate === 3) d = await step(d, 'reject', vn(later(1, 6), 11 * 60), { reason: 'Không đủ điều kiện' })
    else if (fate === 4) d = await step(d, 'withdraw', vn(later(1, 6), 11 * 60))
    else if (fate >= 5 && d.status === 'processing') d = await step(d, 'resolve', vn(later(1, 12), rng.int(8 * 60, 16 * 60)))
  }
  // An import: new dossiers and one already known (its timeline is rebuilt).
  const csv = ['Số hồ sơ,Mã thủ tục,Tên tổ chức, cá nhân,Hình thức nộp,Ngày tiếp nhận,Ngày có kết quả'.replace('Tên tổ chức, cá nhân', '"Tên tổ chức, cá nhân"')]
  csv.push(`IMP-1,${procedures[0].code},Công ty nhập 1,Trực tuyến,05/02/2021 08:30,09/02/2021 10:00`)
  csv.push(`IMP-2,${procedures[3].code},Công ty nhập 2,Trực tiếp,26/02/2021 15:00,`)
  csv.push(`IMP-3,${procedures[1].code},Công ty nhập 3,Bưu chính công ích,31/03/2021 16:45,20/04/2021 09:00`)
  const { multipartForm } = await import('../helpers/multipart-form.ts')
  for (const rows of [csv, [csv[0], csv[1], csv[2].replace(',26/02/2021 15:00,', ',26/02/2021 15:00,01/03/2021 11:00')]]) {
    const form = multipartForm({ file: { filename: 'export.csv', contentType: 'text/csv', data: Buffer.from(rows.join('\n'), 'utf8') } })
    const res = await admin.post('/api/dossiers/import', form.body, { headers: { 'content-type': form.contentType } })
    assert.is(res.status, 200, res.text)
  }

  const periods: [string, string][] = [['2021-01-01', '2021-06-30'], ['2021-02-01', '2021-02-28'], ['2021-01-15', '2021-03-10'], ['2021-03-01', '2021-03-01'], ['2021-02-27', '2021-04-02']]
  for (let i = 0; i < 8; i++) {
    const from = addDays('2021-01-01', rng.int(0, 120))
    periods.push([from, addDays(from, rng.int(0, 70))])
  }
  const compare = async (label: string) => {
    for (const [from, to] of periods) {
      for (const groupBy of ['orgUnit', 'field', 'procedure', 'channel'] as const) {
        for (const filter of [{}, { orgUnitId: units[0].id }, { channel: 'online' as const }]) {
          const q = { from, to, groupBy, ...filter }
          const scan = await dossierStatsScan(c.db, systemActor, q, c.config)
          // Stocks summed from the start of the history, and as all time less what came after.
          for (const stock of ['history', 'recent'] as const) {
            const fast = await dossierStats(c.db, systemActor, q, c.app.env(), stock)
            assert.equal(fast, scan, `${label} ${from}..${to} by ${groupBy} ${JSON.stringify(filter)}, stocks from ${stock}`)
            if (groupBy === 'channel' && !('channel' in filter)) {
              // The stocks alone (what the compliance summary reads) at the end of the period.
              const stocks = await dossierStocksAfter(c.db, { day: to, orgUnitId: 'orgUnitId' in filter ? filter.orgUnitId : undefined }, stock)
              assert.equal(stocks, { pending: scan.total.pendingTotal, overdue: scan.total.pendingOverdue }, `${label} stocks after ${to} ${JSON.stringify(filter)} from ${stock}`)
            }
          }
        }
      }
    }
  }
  await compare('kept on write:')
  // Rows that cancel out to zero may stay behind after corrections; they change no sum.
  const nonZeroRollups = () =>
    queryRows(c.db, sql`select grain, to_char(start, 'YYYY-MM-DD') as start, org_unit_id, procedure_id, channel, received, resolved_early, resolved_on_time, resolved_late, returned, open_delta, overdue_delta
      from dossier_stat_rollups
     where received <> 0 or resolved_early <> 0 or resolved_on_time <> 0 or resolved_late <> 0 or returned <> 0 or open_delta <> 0 or overdue_delta <> 0
     order by 1, 2, 3, 4, 5`)
  const before = await nonZeroRollups()
  await rebuildDossierStats(c.db, c.config.timeZone)
  const after = await nonZeroRollups()
  assert.equal(before, after, 'a rebuild finds what the writes kept')
})

ctx.use(rollups)
rollups.run()
