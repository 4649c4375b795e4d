/**
 * The figures our own data gives for the criteria that name a `dataSource`, for the
 * year assessed (1 January to 31 December, or to today for the current year). Each is
 * read from the counter that already answers it elsewhere, never counted a second time:
 * the one-stop-shop statistics (dossiers/dossier-stats.ts, from the rollups), the
 * complaint counts (complaints/service.ts) and the inspection section of the reports
 * (reports/compliance.ts, from the inspection rollups).
 */
import type { Db } from '../../../db/client.ts'
import type { ParDataSource } from '../../../db/schema/par-index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import type { Actor } from '../../lib/permissions.ts'
import { localDayRange } from '../calendar/working-days.ts'
import { complaintCounts } from '../complaints/service.ts'
import { dossierStats } from '../dossiers/dossier-stats.ts'
import { inspectionSection } from '../reports/compliance.ts'
import type { ParFigure } from './schemas.ts'

const percent = (part: number, base: number) => (base ? Math.round((part / base) * 1000) / 10 : null)

/** The figures of `sources` for `year`; only the counters a source needs are read. */
export async function yearFigures(db: Db, actor: Actor, year: number, sources: ReadonlySet<ParDataSource>, env: ServiceEnv): Promise<Map<ParDataSource, ParFigure>> {
  const out = new Map<ParDataSource, ParFigure>()
  const today = agencyToday(env)
  const from = `${year}-01-01`
  const to = `${year}-12-31` < today ? `${year}-12-31` : today
  if (!sources.size || from > to) return out
  const figure = (source: ParDataSource, value: number | null, part: number | null, base: number | null) => out.set(source, { source, from, to, value, part, base })
  const wants = (...s: ParDataSource[]) => s.some((x) => sources.has(x))
  const jobs: Promise<void>[] = []
  if (wants('dossiers_on_time_pct', 'dossiers_online_pct')) {
    jobs.push(
      dossierStats(db, actor, { from, to, groupBy: 'channel' }, env).then(({ total: t }) => {
        const onTime = t.resolvedEarly + t.resolvedOnTime
        const received = t.receivedOnline + t.receivedInPerson + t.receivedPostal
        figure('dossiers_on_time_pct', percent(onTime, t.resolvedTotal), onTime, t.resolvedTotal)
        figure('dossiers_online_pct', percent(t.receivedOnline, received), t.receivedOnline, received)
      }),
    )
  }
  if (wants('complaints_handled_pct')) {
    const { start, end } = localDayRange(from, to, env.config.timeZone)
    jobs.push(complaintCounts(db, start, end, {}).then((c) => void figure('complaints_handled_pct', percent(c.closed, c.total), c.closed, c.total)))
  }
  if (wants('inspections_held', 'iso_maintained')) {
    jobs.push(
      inspectionSection(db, from, to, undefined, 'year').then(({ inspections, completedByKind }) => {
        // Civil-service inspections: every kind completed but the ISO internal audits, counted apart.
        const audits = completedByKind.internal_audit
        const held = inspections.byStatus.completed - audits
        figure('inspections_held', held, held, null)
        figure('iso_maintained', audits > 0 ? 1 : 0, audits, null)
      }),
    )
  }
  await Promise.all(jobs)
  for (const s of [...out.keys()]) if (!sources.has(s)) out.delete(s)
  return out
}

