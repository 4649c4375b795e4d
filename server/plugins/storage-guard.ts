/**
 * The embedded database stalls for good when its disk fills up mid-write (PGlite cannot
 * recover from a failed WAL write). So writes are refused with 507 while there is still
 * a margin (QMS_MIN_FREE_MB); reads go on. PostgreSQL manages its own disk.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { freeBytes } from '../lib/disk-space.ts'
import { HttpProblem } from '../lib/problems.ts'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** statfs per write would be cheap, but one look a second is plenty. */
const CHECK_EVERY_MS = 1000

export const insufficientStorage = (minFreeMb: number) =>
  new HttpProblem(507, 'insufficient-storage', 'Not enough disk space', 'insufficient-storage', { minFreeMb })

export default fp(
  async function storageGuard(app: FastifyInstance, options: { dataDir: string; minFreeMb: number; free?: (dir: string) => Promise<number | undefined> }) {
    const measure = options.free ?? freeBytes
    let checkedAt = 0
    let low = false
    app.addHook('onRequest', async (request) => {
      if (READS.has(request.method) || !request.url.startsWith('/api/') || options.minFreeMb <= 0) return
      const now = Date.now()
      if (now - checkedAt >= CHECK_EVERY_MS) {
        checkedAt = now
        const free = await measure(options.dataDir)
        low = free !== undefined && free < options.minFreeMb * 1024 * 1024
      }
      if (low) throw insufficientStorage(options.minFreeMb)
    })
  },
  { name: 'storage-guard' },
)
