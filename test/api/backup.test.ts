/**
 * Backing up the embedded database while it runs, and restoring it (issue 14: "how to
 * back it up while running"). On PostgreSQL the route says to use pg_dump.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import { restoreDataDir } from '../../db/restore.ts'
import { appContext } from '../helpers/app.ts'
import { testEngine } from '../helpers/database.ts'

const ctx = appContext()
const backup = suite('backup of the running database', ctx)

backup('only admins may download it', async ({ as }) => {
  for (const u of ['manager', 'auditor', 'head', 'staff']) assert.is((await (await as(u)).raw('/api/backup')).statusCode, 403, u)
})

if (testEngine === 'postgres') {
  backup('on PostgreSQL the answer points to pg_dump', async ({ as }) => {
    const res = await (await as('admin')).get('/api/backup', { headers: { 'accept-language': 'vi' } })
    assert.is(res.status, 409)
    assert.is(res.body.code, 'backup-use-pg-dump')
    assert.match(res.body.detail, /pg_dump/)
  })
} else {
  backup('a backup taken while the server runs restores, only into an empty folder, with everything confirmed before it', async ({ as, db }) => {
    const admin = await as('admin')
    const unit = await admin.post('/api/org-units', { code: 'BK', name: 'Phòng sao lưu' })
    assert.is(unit.status, 201)

    const [{ entries }] = await queryRows<{ entries: number }>(db, sql`select count(*)::int as entries from audit_log`)
    const res = await admin.raw('/api/backup')
    assert.is(res.statusCode, 200)
    assert.is(res.headers['content-type'], 'application/gzip')
    assert.match(String(res.headers['content-disposition']), /attachment; filename="qms-backup-\d{8}-\d{6}\.tar\.gz"/)
    const bytes = res.rawPayload

    const dir = mkdtempSync(path.join(tmpdir(), 'qms-restore-'))
    try {
      const file = path.join(dir, 'backup.tar.gz')
      writeFileSync(file, bytes)
      const dataDir = path.join(dir, 'data')
      const restored = await restoreDataDir(file, dataDir)
      assert.ok(restored.users > 0)
      // Every entry up to the new unit's, none after (the download's own comes later).
      assert.is(restored.auditEntries, entries)
      try {
        await restoreDataDir(file, dataDir)
        assert.unreachable('a second restore into the same folder must be refused')
      } catch (err) {
        assert.match(String((err as Error).message), /already holds a database/)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    const log = await admin.get('/api/audit-log?entityType=database')
    assert.is(log.body.items[0].action, 'backup.download')
    assert.match(log.body.items[0].after.fileName, /^qms-backup-/)
  })
}

ctx.use(backup)
backup.run()
