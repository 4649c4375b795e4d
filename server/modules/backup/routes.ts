import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems } from '../../lib/schemas.ts'
import { takeBackup } from './service.ts'

export interface BackupRoutesOptions {
  /** The embedded database's online copy (`DbHandle.backup`); absent on PostgreSQL. */
  backup?: () => Promise<Blob>
}

const backupRoutes: FastifyPluginAsyncTypebox<BackupRoutesOptions> = async (app, options) => {
  app.get('/backup', {
    config: { queryClass: 'unbounded' },
    schema: {
      summary: 'Download a backup of the embedded database while it runs (admin)',
      description:
        'The whole data folder as a gzipped tar, taken between transactions after a checkpoint, so it opens as it was at that moment. ' +
        'Restore it with `npm run db:restore -- <file>` into an empty data folder (docs/operations.md, Backups). ' +
        'On PostgreSQL the answer is 409: back it up with pg_dump. Each download is recorded in the audit log.',
      tags: ['backup'],
      response: {
        200: { description: 'The backup', content: { 'application/gzip': { schema: Type.String({ format: 'binary' }) } } },
        ...problems(403, 409),
      },
    },
    handler: async (request, reply) => {
      const { fileName, data } = await takeBackup(app.db, request.actor, options.backup, app.env())
      return reply.type('application/gzip').header('Content-Disposition', `attachment; filename="${fileName}"`).send(data as unknown as string)
    },
  })
}
export default backupRoutes
