/**
 * A dossier handled late is a nonconformity of the on-time process (ISO 9001 8.5):
 * raise one from it (source `late_dossier`). The dossier itself is not changed, so no
 * If-Match is needed; the nonconformity points back at it and one dossier has at most
 * one open nonconformity (enforced by the nonconformity register).
 */
import type { Db } from '../../../db/client.ts'
import { localDate, type ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict } from '../../lib/problems.ts'
import type { RaiseNonconformity } from '../nonconformities/schemas.ts'
import { raiseNonconformity } from '../nonconformities/service.ts'
import { findDossier, toDossier } from './service.ts'

export async function raiseNcFromDossier(db: Db, actor: Actor, id: string, input: RaiseNonconformity, env: ServiceEnv) {
  requirePermission(actor, 'nonconformity.create')
  return db.transaction(async (tx) => {
    const row = await findDossier(tx, id)
    requirePermission(actor, 'dossier.read')
    const dossier = toDossier(row, env.now)
    if (dossier.timeliness !== 'late' && !dossier.overdue) {
      throw conflict('dossier.not-late', { code: dossier.code })
    }
    const tz = env.config.timeZone
    const when = (iso: string | null) => (iso ? localDate(new Date(iso), tz) : '—')
    const state = dossier.overdue ? 'quá hạn giải quyết' : 'giải quyết trễ hạn'
    return raiseNonconformity(
      tx,
      actor,
      {
        source: 'late_dossier',
        sourceId: dossier.id,
        orgUnitId: row.dossier.orgUnitId,
        title: input.title ?? `Hồ sơ ${dossier.code} ${state}`,
        description:
          input.description ??
          [
            `Thủ tục: ${row.procedure.code} – ${row.procedure.name}.`,
            `Người nộp: ${dossier.applicantName}.`,
            `Tiếp nhận ${when(dossier.receivedAt)}, hẹn trả ${when(dossier.dueAt)}${dossier.resolvedAt ? `, giải quyết ${when(dossier.resolvedAt)}` : ''}.`,
          ].join('\n'),
        severity: input.severity ?? 'minor',
        clauseNumbers: input.clauseNumbers ?? ['8.5'],
        containment: input.containment,
        detectedOn: dossier.resolvedAt && !dossier.overdue ? when(dossier.resolvedAt) : undefined,
        dueDate: input.dueDate,
      },
      env,
    )
  })
}
