import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows } from '../../db/client.ts'
import { systemActor } from '../../server/lib/permissions.ts'
import { nonconformityMetrics, nonconformityMetricsScan } from '../../server/modules/nonconformities/metrics.ts'
import { rebuildNonconformityRollups } from '../../server/modules/nonconformities/nonconformity-rollups.ts'
import { appContext } from '../helpers/app.ts'
import { random } from '../helpers/random.ts'
import { addAction, addDays, complete, raise, ROOT_CAUSE, step, today } from '../helpers/nonconformities.ts'

const ctx = appContext()
const rollups = suite('the nonconformity rollups', ctx)

rollups('on randomised NCs moved through the workflow, edited and cancelled, the rollups answer exactly as the scan', async (c) => {
  const [auditor, head, staff, manager] = [await c.as('auditor'), await c.as('head'), await c.as('staff'), await c.as('manager')]
  const units = [await c.unitId('VP'), await c.unitId('TNTKQ')]
  const staffId = await c.userId('staff')
  const rng = random(20261125)
  const now = today()
  const current = async (id: string) => (await head.get(`/api/nonconformities/${id}`)).body

  for (let n = 0; n < 24; n++) {
    const detectedOn = addDays(now, -rng.int(0, 150))
    let nc = await raise(auditor, rng.pick(units), { title: `NC ngẫu nhiên ${n}`, detectedOn, dueDate: addDays(detectedOn, rng.int(5, 90)) })
    const fate = rng.int(0, 7)
    // Action due dates around today (some past), never before the detection.
    const actionDue = (lo: number, hi: number) => {
      const due = addDays(now, rng.int(lo, hi))
      return due < detectedOn ? detectedOn : due
    }
    if (fate === 0) {
      // A draft corrected: its detection day, due date or unit move its figures.
      const res = await auditor.patch(`/api/nonconformities/${nc.id}`, { detectedOn: addDays(detectedOn, -rng.int(0, 40)), orgUnitId: rng.pick(units) }, { ifMatch: nc.version })
      assert.is(res.status, 200, res.text)
      continue
    }
    if (fate === 1) {
      await step(auditor, nc, 'cancel', { reason: 'Trùng lặp' })
      continue
    }
    nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
    const actions = [await addAction(head, nc.id, staffId, { dueDate: actionDue(-30, 30) })]
    if (rng.next() < 0.5) actions.push(await addAction(head, nc.id, staffId, { type: 'correction', dueDate: actionDue(-30, 30) }))
    nc = await step(head, nc, 'plan')
    nc = await step(head, nc, 'start')
    if (fate === 2) {
      // The plan re-dated: the NC's next action due date follows.
      const a = actions[0]
      const res = await head.patch(`/api/actions/${a.id}`, { dueDate: actionDue(-10, 40) }, { ifMatch: a.version })
      assert.is(res.status, 200, res.text)
      continue
    }
    if (fate === 3) {
      await step(manager, nc, 'cancel', { reason: 'Không còn phù hợp' })
      continue
    }
    await complete(staff, actions[0])
    if (fate === 4) continue // done, or one of two done, but not sent for verification
    for (const a of actions.slice(1)) await complete(staff, (await staff.get(`/api/actions/${a.id}`)).body)
    nc = await step(head, await current(nc.id), 'submit-verification')
    const effective = fate !== 5
    nc = await step(auditor, nc, 'verify', { effective, note: effective ? 'Hiệu quả' : 'Chưa hiệu quả' })
    if (!effective) {
      await addAction(head, nc.id, staffId, { dueDate: actionDue(-5, 20) })
      continue
    }
    if (fate === 7) await step(head, nc, 'close', { note: 'Đã khắc phục' })
  }

  // Whole calendar years are read from the year rows: a period from two New Years back.
  const periods: [string | undefined, string | undefined][] = [[undefined, undefined], [addDays(now, -150), now], [addDays(now, -60), addDays(now, -10)], [`${Number(now.slice(0, 4)) - 2}-01-01`, now]]
  for (let i = 0; i < 6; i++) {
    const from = addDays(now, -rng.int(0, 700))
    periods.push([from, addDays(from, rng.int(0, 400))])
  }
  const env = { now: new Date(), config: c.config }
  const compare = async (label: string) => {
    for (const [from, to] of periods) {
      for (const orgUnitId of [undefined, units[0], units[1]]) {
        const q = { from, to, orgUnitId }
        const fast = await nonconformityMetrics(c.db, systemActor, q, env)
        const scan = await nonconformityMetricsScan(c.db, systemActor, q, env)
        assert.equal(fast, scan, `${label} ${from}..${to} ${orgUnitId ?? 'all units'}`)
      }
    }
  }
  await compare('kept on write:')
  const [sample] = await queryRows<{ raised: number }>(c.db, sql`select coalesce(sum(raised), 0)::int as raised from nonconformity_rollups where grain = 'month'`)
  assert.ok(sample.raised >= 20, 'the randomised NCs are in the rollups')

  const [stale] = await queryRows<{ n: number }>(
    c.db,
    sql`select count(*)::int as n from nonconformities nc
         where nc.next_action_due is distinct from (select min(a.due_date) from actions a where a.nonconformity_id = nc.id and a.status = 'open')`,
  )
  assert.is(stale.n, 0, 'every NC knows the due date of its earliest open action')

  // Rows that cancel out to zero may stay behind after corrections; they change no sum.
  const nonZeroRollups = () =>
    queryRows(c.db, sql`select grain, to_char(start, 'YYYY-MM-DD') as start, org_unit_id, raised, cancelled, closed, closed_on_time, days_to_close_sum, checked, effective_first, closures
      from nonconformity_rollups
     where raised <> 0 or cancelled <> 0 or closed <> 0 or closed_on_time <> 0 or days_to_close_sum <> 0 or checked <> 0 or effective_first <> 0 or closures <> 0
     order by 1, 2, 3`)
  const closeDays = () => queryRows(c.db, sql`select grain, to_char(start, 'YYYY-MM-DD') as start, org_unit_id, days, closed from nonconformity_close_days where closed <> 0 order by 1, 2, 3, 4`)
  const before = await nonZeroRollups()
  const daysBefore = await closeDays()
  assert.ok(daysBefore.length > 0, 'closed NCs are counted by their days to close')
  await rebuildNonconformityRollups(c.db, c.config.timeZone)
  assert.equal(await nonZeroRollups(), before, 'a rebuild finds what the writes kept')
  assert.equal(await closeDays(), daysBefore, 'a rebuild finds the same days to close')
  await compare('after a rebuild:')
})

rollups('a head of unit asking about their own subtree gets the figures of every NC in it', async (c) => {
  const head = await c.as('head')
  const office = await c.unitId('VP')
  const own = await head.get(`/api/nonconformities/metrics?orgUnitId=${office}`)
  assert.is(own.status, 200, own.text)
  const scan = await nonconformityMetricsScan(c.db, systemActor, { orgUnitId: office }, { now: new Date(), config: c.config })
  assert.equal(own.body, scan)
})

ctx.use(rollups)
rollups.run()
