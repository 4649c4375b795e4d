import { and, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { dossiers, nonconformities, orgUnits, procedures, users } from '../../db/schema/index.ts'
import { selectRows } from '../../server/lib/select-rows.ts'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const mapping = suite('list rows mapped by a mapper made once per selection', ctx)

mapping('give exactly what drizzle gives: whole tables, nested picks, SQL fields, JSON, dates and missing left joins', async ({ db }) => {
  const receiving = alias(orgUnits, 'receiving')
  const creator = alias(users, 'creator')
  const queries = [
    () =>
      db
        .select({
          dossier: dossiers,
          procedure: { id: procedures.id, code: procedures.code, days: procedures.processingDays },
          unit: { id: orgUnits.id, name: orgUnits.name },
          receivingUnit: { id: receiving.id, code: receiving.code },
          events: sql<number>`(select count(*) from dossier_events e where e.dossier_id = ${dossiers.id})::int`,
        })
        .from(dossiers)
        .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
        .innerJoin(orgUnits, eq(orgUnits.id, dossiers.orgUnitId))
        .leftJoin(receiving, and(eq(receiving.id, dossiers.receivingUnitId), eq(dossiers.channel, 'online')))
        .orderBy(dossiers.receivedAt, dossiers.id)
        .limit(60),
    () =>
      db
        .select({
          nc: nonconformities,
          creator: { id: creator.id, fullName: creator.fullName },
          units: sql<{ code: string }[]>`(select json_agg(json_build_object('code', u.code)) from org_units u where u.id = ${nonconformities.orgUnitId})`,
        })
        .from(nonconformities)
        .leftJoin(creator, eq(creator.id, nonconformities.createdById))
        .limit(60),
    () => db.select().from(orgUnits).orderBy(orgUnits.code),
  ]
  for (const [i, build] of queries.entries()) {
    const expected = await build()
    assert.ok(expected.length > 0, `query ${i} returns rows`)
    assert.equal(await selectRows(build() as PromiseLike<unknown[]>), expected, `query ${i}`)
  }
  const rows = (await selectRows(queries[0]() as PromiseLike<{ receivingUnit: unknown }[]>))
  const missing = rows.filter((r) => r.receivingUnit === null)
  assert.ok(missing.length > 0 && missing.length < 60, 'the left join found some receiving units and missed others (null, as drizzle makes it)')
})

ctx.use(mapping)
mapping.run()
