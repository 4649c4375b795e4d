/**
 * Sends the outbox (web/offline/store.ts) to the server, in order, one change at a time.
 * Everything it needs is in IndexedDB, so it picks up where it left off after a reload,
 * a closed tab or a restarted browser. A network failure (fetch's TypeError, 502/503/504)
 * retries with backoff (1 s doubling to 30 s) and at once when the browser says it is
 * online; each change keeps the Idempotency-Key made when it was queued, so a retry of a
 * request that did reach the server writes nothing twice.
 *
 * - photo: uploaded before the answers that reference it (they are queued after it);
 *   answers then send the server's attachment id in place of the local one.
 * - answers: consecutive answer changes go together, up to 25 a request (absorbFollowingAnswers),
 *   each with its base revision, device time and device id (no If-Match). A 409
 *   answer-conflict marks those answers as conflicts (both versions kept) and sends the
 *   rest of the batch.
 * - signature: after the photo entry of its drawing; a block is written once, so no If-Match.
 * - people, complete: If-Match with the latest version the device knows; a 412 reloads
 *   the inspection and sends again (a new request: a new key).
 * - anything else refused: the change stops the queue until the user retries or discards it.
 */
import { ApiError, get, NetworkError, patch, post, put } from '../api/client.ts'
import type { Attachment, Inspection, InspectionResponse, ResponseInput } from '../api/types.ts'
import {
  absorbFollowingAnswers,
  answerKey,
  db,
  deleteEntry,
  deviceClientId,
  firstEntry,
  keptInspection,
  offlineUser,
  outboxOf,
  pendingSlots,
  photo,
  putPhoto,
  saveServerInspection,
  updateEntry,
  type OutboxEntry,
} from './store.ts'

const FIRST_DELAY_MS = 1000
const MAX_DELAY_MS = 30_000

/** The network did not answer (or a gateway said the server is away): try again later. */
export function isNetworkError(err: unknown) {
  return err instanceof NetworkError || err instanceof TypeError || (err instanceof ApiError && [502, 503, 504].includes(err.status))
}

const describe = (err: unknown) => (err instanceof ApiError ? err.problem.detail || err.problem.title : err instanceof Error ? err.message : String(err))

interface Conflict {
  itemId: string
  personId: string | null
  theirs: InspectionResponse
  changedBy: string | null
}

type Outcome = 'done' | 'retry' | 'stopped'

class SyncQueue extends EventTarget {
  private running = false
  private again = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private delay = FIRST_DELAY_MS
  private started = false
  /** The last network failure, while waiting to retry. */
  networkError = ''

  start() {
    if (!this.started) {
      this.started = true
      window.addEventListener('online', () => this.kick())
    }
    this.kick()
  }

  /** Sends now (a change was queued, the network is back, or the user asked). */
  kick() {
    clearTimeout(this.timer)
    this.timer = undefined
    this.delay = FIRST_DELAY_MS
    void this.run()
  }

  private changed() {
    this.dispatchEvent(new Event('change'))
  }

  private async run() {
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    try {
      do {
        this.again = false
        // One tab at a time sends (the keys would make a double send harmless, but slower).
        if (navigator.locks) await navigator.locks.request('qms-sync', () => this.drain())
        else await this.drain()
      } while (this.again)
    } catch (err) {
      console.warn('sync stopped', err)
    } finally {
      this.running = false
    }
  }

  private async drain() {
    while (offlineUser()) {
      const first = await firstEntry()
      if (!first || first.stopped) {
        this.changed()
        return
      }
      const entry = await absorbFollowingAnswers(first)
      if (entry.stopped) {
        this.changed()
        return
      }
      const outcome = await this.send(entry)
      this.changed()
      if (outcome === 'retry') {
        this.timer = setTimeout(() => {
          this.timer = undefined
          void this.run()
        }, this.delay)
        this.delay = Math.min(this.delay * 2, MAX_DELAY_MS)
        return
      }
      if (outcome === 'stopped') return
      this.networkError = ''
      this.delay = FIRST_DELAY_MS
    }
  }

  private async send(entry: OutboxEntry): Promise<Outcome> {
    try {
      await this.deliver(entry)
      await deleteEntry(entry.seq!)
      return 'done'
    } catch (err) {
      if (err instanceof RetryNow) return 'done'
      const fresh = await db().then((d) => d.get('outbox', entry.seq!))
      if (!fresh) return 'done'
      fresh.attempts += 1
      fresh.lastError = describe(err)
      if (isNetworkError(err) || (err instanceof ApiError && err.status === 401)) {
        this.networkError = fresh.lastError
        await updateEntry(fresh)
        return 'retry'
      }
      fresh.stopped = true
      await updateEntry(fresh)
      return 'stopped'
    }
  }

  private async deliver(entry: OutboxEntry) {
    const m = entry.mutation
    const base = `/api/inspections/${entry.inspectionId}`
    switch (m.kind) {
      case 'photo': {
        const p = await photo(m.photoId)
        if (!p || p.attachment) return
        const form = new FormData()
        form.append('file', p.blob, p.filename)
        const attachment = await post<Attachment>('/api/attachments', form, { idempotencyKey: entry.idempotencyKey })
        await putPhoto({ ...p, attachment })
        return
      }
      case 'answers':
        return this.deliverAnswers(entry, m.inputs)
      case 'people':
        return this.withVersion(entry, (version, key) => patch<Inspection>(base, { personIds: m.personIds }, { ifMatch: version, idempotencyKey: key }))
      case 'complete':
        return this.withVersion(entry, (version, key) => post<Inspection>(`${base}/complete`, { conclusion: m.conclusion }, { ifMatch: version, idempotencyKey: key }))
      case 'signature': {
        // Written once on the server, so no If-Match; the key makes a retry safe.
        const attachmentId = m.photoId ? (await photo(m.photoId))?.attachment?.id : undefined
        if (m.photoId && !attachmentId) throw new Error('the signature image is not uploaded yet')
        const body = { signerName: m.signerName, signedAt: m.signedAt, ...(attachmentId ? { attachmentId } : { refusalReason: m.refusalReason }) }
        await saveServerInspection(await put<Inspection>(`${base}/signatures/${m.role}`, body, { idempotencyKey: entry.idempotencyKey }))
        return
      }
    }
  }

  /** If-Match with the latest version known; on 412 the inspection is read again and the change sent again. */
  private async withVersion(entry: OutboxEntry, send: (version: number, key: string) => Promise<Inspection>) {
    for (let tries = 0; ; tries++) {
      const kept = await keptInspection(entry.inspectionId)
      const version = (entry.sentBody as { version?: number } | undefined)?.version ?? kept?.inspection.version
      if (version === undefined) throw new Error('inspection not kept on this device')
      if (!entry.sentBody) {
        entry.sentBody = { version }
        await updateEntry(entry)
      }
      try {
        await saveServerInspection(await send(version, entry.idempotencyKey))
        return
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 412) || tries >= 3) throw err
        await saveServerInspection(await get<Inspection>(`/api/inspections/${entry.inspectionId}`))
        entry.sentBody = undefined
        entry.idempotencyKey = crypto.randomUUID()
        await updateEntry(entry)
      }
    }
  }

  private async deliverAnswers(entry: OutboxEntry, inputs: (ResponseInput & { answeredAt: string })[]) {
    const clientId = deviceClientId()
    let body = entry.sentBody as ResponseInput[] | undefined
    if (!body) {
      // Frozen at the first attempt: a retry under the same key sends exactly this.
      const kept = await keptInspection(entry.inspectionId)
      const d = await db()
      body = []
      for (const input of inputs) {
        const key = answerKey(entry.inspectionId, input.itemId, input.personId ?? null)
        const working = await d.get('answers', key)
        const stored = kept?.inspection.responses.find((r) => r.itemId === input.itemId && r.personId === (input.personId ?? null))
        const attachmentIds: string[] = []
        for (const id of input.attachmentIds ?? []) {
          if (!id.startsWith('local:')) attachmentIds.push(id)
          else {
            const uploaded = (await photo(id))?.attachment?.id
            if (uploaded) attachmentIds.push(uploaded)
          }
        }
        body.push({ ...input, attachmentIds: [...new Set(attachmentIds)], baseRevision: working?.baseRevision ?? stored?.revision ?? 0, clientId })
      }
      entry.sentBody = body
      await updateEntry(entry)
    }
    try {
      const inspection = await put<Inspection>(`/api/inspections/${entry.inspectionId}/responses`, body, { idempotencyKey: entry.idempotencyKey })
      // What this device sent is now what it last saw of those answers.
      const d = await db()
      for (const r of body) {
        const key = answerKey(entry.inspectionId, r.itemId, r.personId ?? null)
        const working = await d.get('answers', key)
        const stored = inspection.responses.find((s) => s.itemId === r.itemId && s.personId === (r.personId ?? null))
        if (working && stored) await d.put('answers', { ...working, baseRevision: stored.revision })
      }
      await deleteEntry(entry.seq!)
      await saveServerInspection(inspection)
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409 && err.problem.type === 'urn:qms:problem:answer-conflict')) throw err
      const conflicts = ((err.problem as unknown as { conflicts?: Conflict[] }).conflicts ?? []).filter((c) => c.theirs)
      const d = await db()
      const refused = new Set<string>()
      for (const c of conflicts) {
        const key = answerKey(entry.inspectionId, c.itemId, c.personId ?? null)
        refused.add(key)
        const working = await d.get('answers', key)
        if (working) await d.put('answers', { ...working, conflict: { theirs: c.theirs, changedBy: c.changedBy } })
      }
      // The rest of the batch is sent again, as a new request.
      const rest = inputs.filter((r) => !refused.has(answerKey(entry.inspectionId, r.itemId, r.personId ?? null)))
      if (!rest.length || rest.length === inputs.length) return
      await updateEntry({ ...entry, mutation: { kind: 'answers', inputs: rest }, sentBody: undefined, idempotencyKey: crypto.randomUUID(), attempts: 0 })
      throw new RetryNow()
    }
  }

  /** The user asks to send a stopped change again. */
  async retry(seq: number) {
    const entry = await db().then((d) => d.get('outbox', seq))
    if (entry) await updateEntry({ ...entry, stopped: false })
    this.kick()
  }

  /** The user gives up one stopped change: it is removed, and its answers show the server's again. */
  async discard(seq: number) {
    const d = await db()
    const entry = await d.get('outbox', seq)
    if (!entry) return
    await deleteEntry(seq)
    if (entry.mutation.kind === 'answers') {
      const still = pendingSlots(await outboxOf(entry.inspectionId))
      for (const r of entry.mutation.inputs) {
        const key = answerKey(entry.inspectionId, r.itemId, r.personId ?? null)
        if (!still.has(key)) await d.delete('answers', key)
      }
    }
    if (entry.mutation.kind === 'photo') await d.delete('photos', entry.mutation.photoId)
    this.kick()
  }
}

/** The batch shrank after a conflict: send what is left at once. */
class RetryNow extends Error {}

export const syncQueue = new SyncQueue()
