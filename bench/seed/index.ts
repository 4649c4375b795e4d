/**
 * `npm run bench:seed`: a province-sized dataset on PostgreSQL for `npm run bench`:
 * 50 units, 2,000 users, 200 procedures, 1,000,000 dossiers over three years with their
 * events, 100,000 inspections with their responses and findings, 50,000 nonconformities
 * with their actions — on top of the demo organisation (so the demo users can sign in).
 * Everything is inserted set-based (generate_series), then the rollups are rebuilt.
 * BENCH_DATABASE_URL names the database (default postgres://postgres@127.0.0.1:5432/qms_bench);
 * it is dropped and created again. BENCH_SCALE (default 1) scales the row counts.
 */
import postgres from 'postgres'
import { connectPostgres } from '../../db/client.ts'
import { loadConfig } from '../../server/config.ts'
import { loadDemoData } from '../../server/demo/index.ts'
import { serviceEnv, systemClock } from '../../server/lib/clock.ts'
import { rebuildDossierStats } from '../../server/modules/dossiers/dossier-rollups.ts'
import { rebuildInspectionRollups } from '../../server/modules/inspections/inspection-rollups.ts'
import { rebuildFindingRollups } from '../../server/modules/findings/finding-rollups.ts'
import { rebuildNonconformityRollups } from '../../server/modules/nonconformities/nonconformity-rollups.ts'

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qms_bench'
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const N = {
  units: 50,
  users: 2000,
  procedures: 200,
  dossiers: Math.round(1_000_000 * SCALE),
  inspections: Math.round(100_000 * SCALE),
  nonconformities: Math.round(50_000 * SCALE),
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  const result = await work()
  console.log(`${label.padEnd(48)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s`)
  return result
}

async function recreateDatabase(url: string) {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_URL must name a plain database; got "${name}"`)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} })
  await sql.unsafe(`drop database if exists ${name} with (force)`)
  await sql.unsafe(`create database ${name}`)
  await sql.end()
}

export async function seed() {
  const config = loadConfig({})
  console.log(`Seeding ${BENCH_URL}: ${Object.entries(N).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`)
  const total = performance.now()
  await timed('database created and migrated', async () => {
    await recreateDatabase(BENCH_URL)
    const h = connectPostgres(BENCH_URL, { max: 2 })
    await h.migrate()
    await loadDemoData(h.db, serviceEnv(systemClock, config))
    await h.close()
  })
  const sql = postgres(BENCH_URL, { max: 1, onnotice: () => {} })
  await sql`select setseed(0.42)`

  await timed('units, users, procedures', async () => {
    await sql.unsafe(`
      insert into org_units (id, code, name, parent_id, path)
      select x.id, 'KCN' || n, 'Ban quản lý khu công nghiệp số ' || n, root.id, root.path || x.id || '/'
        from (select gen_random_uuid() as id, n from generate_series(1, ${N.units} - (select count(*) from org_units)) n) x,
             (select id, path from org_units where parent_id is null limit 1) root`)
    await sql.unsafe(`create temp table bu as select row_number() over (order by path) - 1 as i, id from org_units`)
    await sql.unsafe(`
      insert into users (username, full_name, position, org_unit_id, roles)
      select 'cc' || n, 'Công chức số ' || n, 'Chuyên viên', (select id from bu where i = n % ${N.units}), case when n % 40 = 0 then '{dept_head}'::text[] else '{staff}'::text[] end
        from generate_series(1, ${N.users} - (select count(*) from users)) n`)
    await sql.unsafe(`create temp table bus as select row_number() over (order by id) - 1 as i, id from users`)
    await sql.unsafe(`
      insert into procedures (code, name, field, owning_unit_id, processing_days)
      select 'TT.' || lpad(n::text, 3, '0'), 'Thủ tục hành chính số ' || n, 'Lĩnh vực ' || (n % 12 + 1), (select id from bu where i = n % ${N.units}), 3 + n % 18
        from generate_series(1, ${N.procedures} - (select count(*) from procedures)) n`)
    await sql.unsafe(`
      insert into procedure_online_history (procedure_id, attribute, level, effective_from)
      select id, 'level', 4, '2020-01-01' from procedures p where not exists (select 1 from procedure_online_history h where h.procedure_id = p.id)`)
    await sql.unsafe(`create temp table bp as select row_number() over (order by code) - 1 as i, id, owning_unit_id, processing_days from procedures`)
  })

  // Applicants as the one-stop shop sees them: seven in ten people, named the way the
  // province is (Nguyễn on a third of them, a handful of middle names, a few dozen given
  // names, so a full name is shared by a few hundred dossiers), the rest businesses.
  // Search is measured on these (npm run bench search), so they must be as repetitive as
  // real names are, not unique strings.
  const list = (words: string) => `array['${words.split(',').join("','")}']`
  const pick = (words: string, r: string) => `(${list(words)})[1 + floor(${r} * ${words.split(',').length})::int]`
  const FAMILY = 'Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Trần,Lê,Lê,Lê,Phạm,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý'
  const MIDDLE = 'Văn,Văn,Văn,Thị,Thị,Thị,Hữu,Đức,Minh,Ngọc,Thanh,Quốc,Xuân,Thu,Công'
  const GIVEN = 'An,Anh,Bình,Chi,Cường,Dũng,Duy,Giang,Hà,Hải,Hạnh,Hiếu,Hoa,Hùng,Hương,Huy,Khánh,Lan,Linh,Long,Mai,Minh,Nam,Nga,Ngọc,Nhung,Phong,Phúc,Phương,Quân,Quang,Sơn,Tâm,Thảo,Thắng,Thủy,Trang,Trung,Tuấn,Tùng,Việt,Yến'
  const TRADE = 'Xây dựng,Thương mại,Dịch vụ,Vận tải,Nông sản,Thủy sản,Điện tử,May mặc,Cơ khí,Du lịch'
  const APPLICANT_NAME = `case when r6 < 0.7 then ${pick(FAMILY, 'r7')} || ' ' || ${pick(MIDDLE, 'r8')} || ' ' || ${pick(GIVEN, 'r9')}
    else 'Công ty TNHH ' || ${pick(TRADE, 'r7')} || ' ' || ${pick(GIVEN, 'r8')} || ' ' || (n % 997) end`

  // Dossiers: three years up to last week; most finished (returned, some rejected or
  // withdrawn), the recent ones partly in progress; a few paused for a supplement.
  const CHUNK = 200_000
  await timed(`${N.dossiers.toLocaleString('en')} dossiers`, async () => {
    for (let from = 1; from <= N.dossiers; from += CHUNK) {
      const to = Math.min(N.dossiers, from + CHUNK - 1)
      await sql.unsafe(`
        with g as (
          select n, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7, random() as r8, random() as r9 from generate_series(${from}, ${to}) n
        ), x as (
          select g.*, p.id as pid, p.owning_unit_id as uid, p.processing_days as pd,
                 date_trunc('minute', now() - interval '7 days' - (r2 * 1095) * interval '1 day') as recv
            from g join bp p on p.i = floor(g.r1 * ${N.procedures})::int
        ), y as (
          select x.*, recv + (pd * 1.4) * interval '1 day' as due, date_trunc('minute', recv + (0.2 + r4 * pd * 1.7) * interval '1 day') as endt from x
        ), z as (
          select y.*, case when endt > now() then 'pending' when r3 < 0.02 then 'rejected' when r3 < 0.035 then 'withdrawn' when r3 < 0.05 then 'supplement' else 'done' end as fate from y
        )
        insert into dossiers (code, procedure_id, org_unit_id, applicant_name, channel, received_at, due_at, status, timeliness,
                              resolved_at, returned_at, rejected_at, withdrawn_at, paused_at, source, created_at, updated_at)
        select 'B' || lpad(n::text, 7, '0'), pid, uid, ${APPLICANT_NAME},
               case when r5 < 0.55 then 'online' when r5 < 0.95 then 'in_person' else 'postal' end,
               recv, due,
               case fate when 'done' then 'returned' when 'pending' then 'processing' when 'supplement' then 'supplement_requested' else fate end,
               case when fate = 'done' then case when endt < due - interval '1 day' then 'early' when endt <= due then 'on_time' else 'late' end end,
               case when fate = 'done' then endt end,
               case when fate = 'done' then endt + interval '1 hour' end,
               case when fate = 'rejected' then endt end,
               case when fate = 'withdrawn' then endt end,
               case when fate = 'supplement' then recv + interval '1 day' end,
               'import', recv, coalesce(endt, recv)
          from z`)
    }
  })
  await timed('dossier events', async () => {
    await sql.unsafe(`
      insert into dossier_events (dossier_id, seq, type, at, recorded_at, status_after, due_at_after, source)
      select id, 1, 'received', received_at, received_at, 'received', due_at, 'import' from dossiers where source = 'import'
      union all
      select id, 2, 'processing_started', received_at + interval '2 hours', received_at, 'processing', due_at, 'import' from dossiers where source = 'import'
      union all
      select id, 3, 'supplement_requested', paused_at, paused_at, 'supplement_requested', due_at, 'import' from dossiers where source = 'import' and status = 'supplement_requested'
      union all
      select id, 3, case status when 'returned' then 'resolved' else status end, coalesce(resolved_at, rejected_at, withdrawn_at), coalesce(resolved_at, rejected_at, withdrawn_at),
             case status when 'returned' then 'resolved' else status end, due_at, 'import'
        from dossiers where source = 'import' and status in ('returned', 'rejected', 'withdrawn')
      union all
      select id, 4, 'result_returned', returned_at, returned_at, 'returned', due_at, 'import' from dossiers where source = 'import' and status = 'returned'`)
  })

  await timed(`${N.inspections.toLocaleString('en')} inspections, people, responses, findings`, async () => {
    await sql.unsafe(`
      create temp table bt as
      select t.id as template_id, r.id as revision_id, t.name like 'Đánh giá%' as audit
        from checklist_templates t join checklist_template_revisions r on r.template_id = t.id
       where r.revision = (select max(revision) from checklist_template_revisions r2 where r2.template_id = t.id)`)
    const lead = (await sql`select id from users where username = 'auditor'`)[0].id as string
    await sql.unsafe(`
      with g as (select n, random() as r1, random() as r2, random() as r3, random() as r4 from generate_series(1, ${N.inspections}) n),
      x as (select g.*, (current_date - 7 - floor(r2 * 1095)::int) as day from g)
      insert into inspections (number, year, seq, template_id, template_revision_id, org_unit_id, kind, status, planned_for, performed_on,
                               lead_inspector_id, score, started_at, completed_at, created_at, updated_at)
      select 'BK-' || n, 3000 + n / 1000000, n, t.template_id, t.revision_id, (select id from bu where i = floor(r1 * ${N.units})::int),
             case when t.audit then 'internal_audit' when r4 < 0.3 then 'self' when r4 < 0.7 then 'internal' when r4 < 0.9 then 'briefing' else 'unannounced' end,
             'completed', day, day, '${lead}', 95, day + time '08:00', day + time '10:00', day + time '08:00', day + time '10:00'
        from x join bt t on t.audit = (r3 < 0.2)`)
    await sql.unsafe(`
      insert into inspection_people (inspection_id, user_id)
      select i.id, (select id from bus where i = (i.seq * 5 + k) % ${N.users})
        from inspections i join bt t on t.revision_id = i.template_revision_id and not t.audit
        cross join generate_series(0, 4) k
       where i.number like 'BK-%'`)
    await sql.unsafe(`
      insert into inspection_responses (inspection_id, item_id, person_id, result, created_at, updated_at)
      select i.id, it.id, p.user_id, case when random() < 0.975 then 'pass' when random() < 0.7 then 'fail' else 'na' end, i.completed_at, i.completed_at
        from inspections i
        join checklist_template_items it on it.revision_id = i.template_revision_id
        left join inspection_people p on it.per_person and p.inspection_id = i.id
       where i.number like 'BK-%' and (not it.per_person or p.user_id is not null)`)
    await sql.unsafe(`
      insert into findings (inspection_id, response_id, org_unit_id, person_id, category, clause_numbers, classification, handling, description, status, found_on, closed_at, created_at, updated_at)
      select i.id, r.id, i.org_unit_id, r.person_id, it.category, it.clause_numbers, 'observation', 'on_spot_reminder', it.text, 'closed', i.inspection_date, i.completed_at, i.completed_at, i.completed_at
        from inspection_responses r join inspections i on i.id = r.inspection_id join checklist_template_items it on it.id = r.item_id
       where r.result = 'fail' and i.number like 'BK-%'`)
  })

  await timed(`${N.nonconformities.toLocaleString('en')} nonconformities with actions`, async () => {
    const author = (await sql`select id from users where username = 'auditor'`)[0].id as string
    await sql.unsafe(`
      with g as (select n, random() as r1, random() as r2, random() as r3 from generate_series(1, ${N.nonconformities}) n),
      x as (select g.*, current_date - 10 - floor(r2 * 1090)::int as day from g),
      y as (select x.*, case when r3 < 0.6 and day < current_date - 60 then 'closed' when r3 < 0.65 then 'cancelled' when r3 < 0.75 then 'draft' else 'in_progress' end as status from x)
      insert into nonconformities (source, org_unit_id, title, severity, status, detected_on, due_date, closed_at, closed_on, cancelled_at, cancel_reason, created_by_id, created_at, updated_at)
      select 'internal_audit', (select id from bu where i = floor(r1 * ${N.units})::int), 'Sự không phù hợp số ' || n, case when n % 10 = 0 then 'major' else 'minor' end,
             status, day, day + 60,
             case when status = 'closed' then day + (20 + floor(r3 * 70)::int) + time '15:00' end,
             case when status = 'closed' then day + (20 + floor(r3 * 70)::int) end,
             case when status = 'cancelled' then day + 3 + time '09:00' end,
             case when status = 'cancelled' then 'Trùng lặp' end,
             '${author}', day + time '09:00', day + time '09:00'
        from y`)
    await sql.unsafe(`
      insert into actions (nonconformity_id, type, description, owner_id, due_date, status, completed_at, created_at, updated_at)
      select nc.id, 'corrective', 'Khắc phục ' || nc.title, (select id from bus where i = nc.number % ${N.users}), nc.detected_on + 30,
             case when nc.status = 'closed' then 'done' else 'open' end, case when nc.status = 'closed' then nc.closed_at - interval '2 days' end,
             nc.created_at, nc.created_at
        from nonconformities nc where nc.title like 'Sự không phù hợp số %' and nc.status in ('in_progress', 'closed')`)
    // Closed NCs were checked: one in eight needed a second round.
    await sql.unsafe(`
      insert into nonconformity_verifications (nonconformity_id, round, verifier_id, effective, note, verified_at)
      select nc.id, r.round, '${author}', r.round = 2 or nc.number % 8 <> 0, 'Kiểm tra hiệu lực', nc.closed_at - interval '1 day'
        from nonconformities nc
        cross join (values (1), (2)) r(round)
       where nc.title like 'Sự không phù hợp số %' and nc.status = 'closed' and (r.round = 1 or nc.number % 8 = 0)`)
  })
  await sql.end()

  const h = connectPostgres(BENCH_URL, { max: 2 })
  await timed('dossier statistics rollups', () => rebuildDossierStats(h.db, config.timeZone))
  await timed('inspection result rollups', () => rebuildInspectionRollups(h.db))
  await timed('nonconformity rollups', () => rebuildNonconformityRollups(h.db, config.timeZone))
  await timed('finding rollups', () => rebuildFindingRollups(h.db))
  const s2 = postgres(BENCH_URL, { max: 1, onnotice: () => {} })
  // A live database appends rollup rows day after day, so a day's rows sit together;
  // a bulk rebuild writes them in key order instead. Clustering restores that locality.
  await timed('cluster rollups by period', async () => {
    for (const table of ['dossier_stat_rollups', 'inspection_result_rollups', 'nonconformity_rollups', 'nonconformity_close_days', 'finding_rollups']) {
      const [pk] = await s2`select conname from pg_constraint where conrelid = ${table}::regclass and contype = 'p'`
      await s2.unsafe(`cluster ${table} using "${pk.conname}"`)
    }
  })
  await timed('vacuum analyze', () => s2.unsafe('vacuum analyze'))
  const counts = await s2.unsafe(`select (select count(*) from org_units) units, (select count(*) from users) users, (select count(*) from dossiers) dossiers,
    (select count(*) from dossier_events) events, (select count(*) from inspections) inspections, (select count(*) from inspection_responses) responses,
    (select count(*) from findings) findings, (select count(*) from nonconformities) nonconformities, (select count(*) from dossier_stat_rollups) dossier_rollup_rows`)
  console.log(Object.entries(counts[0]).map(([k, v]) => `${k}: ${Number(v).toLocaleString('en')}`).join(', '))
  await s2.end()
  await h.close()
  console.log(`done in ${((performance.now() - total) / 1000).toFixed(0)} s`)
}

if (import.meta.url === `file://${process.argv[1]}`) await seed()
