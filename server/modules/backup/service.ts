import type { Db } from '../../../db/client.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { HttpProblem } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'

export interface Backup {
  fileName: string
  data: Buffer
}

/**
 * A backup of the embedded database while the server runs (admins). On PostgreSQL there
 * is nothing to take it from here: pg_dump is the tool (409 saying so). Who took a copy
 * of everything is worth knowing, so the download is audited.
 */
export async function takeBackup(db: Db, actor: Actor, backup: (() => Promise<Blob>) | undefined, env: ServiceEnv): Promise<Backup> {
  requirePermission(actor, 'backup.download')
  if (!backup) throw new HttpProblem(409, 'backup-use-pg-dump', 'Use pg_dump', 'backup-use-pg-dump', undefined)
  const data = Buffer.from(await (await backup()).arrayBuffer())
  const stamp = env.now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
  const fileName = `qms-backup-${stamp}.tar.gz`
  await recordAudit(db, actor, { action: 'backup.download', entityType: 'database', after: { fileName, bytes: data.length } })
  return { fileName, data }
}
