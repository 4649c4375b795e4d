/**
 * The signed-in user's offline data (issue 13), one IndexedDB database per user named
 * `qms-offline-<userId>` (deleted on sign-out by clearUserData): the inspections kept for
 * offline use, the device's working answers, photos not yet uploaded, and the outbox of
 * changes waiting to reach the server, in the order they were made.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Attachment, Inspection, InspectionResponse, ResponseInput, User } from '../api/types.ts'
import type { Slot } from '../features/inspections/slots.ts'

/** An inspection as the server last sent it, with the unit's active users for the people step. */
export interface KeptInspection {
  id: string
  inspection: Inspection
  unitUsers: User[]
  /** Kept for offline use by the inspections list (else stored because it was opened). */
  kept: boolean
  storedAt: string
}

/** The device's own answer to one item (and person), over the server's. */
export interface WorkingAnswer {
  key: string
  inspectionId: string
  itemId: string
  personId: string | null
  slot: Slot
  /** The answer's revision this device last saw (0: none). */
  baseRevision: number
  answeredAt: string
  /** Not ready to send yet (no result, or a number / choice without its value). */
  unsent: boolean
  /** Someone else changed it meanwhile: both versions are kept until the user chooses. */
  conflict?: { theirs: InspectionResponse; changedBy: string | null }
}

/** A photo taken on the device, kept until the server holds it. */
export interface StoredPhoto {
  id: string
  inspectionId: string
  blob: Blob
  filename: string
  /** Set once uploaded. */
  attachment?: Attachment
}

export type Mutation =
  | { kind: 'answers'; inputs: (ResponseInput & { answeredAt: string })[] }
  | { kind: 'people'; personIds: string[] }
  | { kind: 'photo'; photoId: string }
  /** A signature block: the drawing is a photo entry queued just before (photoId), or a refusal. */
  | { kind: 'signature'; role: 'unit_representative' | 'lead_inspector'; signerName: string; photoId?: string; refusalReason?: string; signedAt: string }
  | { kind: 'complete'; conclusion: string | null }

export interface OutboxEntry {
  seq?: number
  inspectionId: string
  mutation: Mutation
  /** Made when queued; a new one only when the request itself must change (a 412's new version). */
  idempotencyKey: string
  attempts: number
  lastError?: string
  /** Refused by the server for a reason a retry will not fix: waits for the user. */
  stopped?: boolean
  /** The body as first sent: a retry under the same key must send the same. */
  sentBody?: unknown
  createdAt: string
}

interface OfflineSchema extends DBSchema {
  inspections: { key: string; value: KeptInspection }
  answers: { key: string; value: WorkingAnswer; indexes: { inspectionId: string } }
  photos: { key: string; value: StoredPhoto; indexes: { inspectionId: string } }
  outbox: { key: number; value: OutboxEntry; indexes: { inspectionId: string } }
}

export type OfflineDb = IDBPDatabase<OfflineSchema>

export const answerKey = (inspectionId: string, itemId: string, personId: string | null) => `${inspectionId}|${itemId}|${personId ?? ''}`

let current: { userId: string; db: Promise<OfflineDb> } | undefined

/** The database of this user, opened once per page. */
export function offlineDb(userId: string): Promise<OfflineDb> {
  if (current?.userId === userId) return current.db
  void closeOfflineDb()
  const db = openDB<OfflineSchema>(`qms-offline-${userId}`, 1, {
    upgrade(db) {
      db.createObjectStore('inspections', { keyPath: 'id' })
      db.createObjectStore('answers', { keyPath: 'key' }).createIndex('inspectionId', 'inspectionId')
      db.createObjectStore('photos', { keyPath: 'id' }).createIndex('inspectionId', 'inspectionId')
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('inspectionId', 'inspectionId')
    },
    // Another tab signs out (deletes the database): let go at once.
    blocking() {
      void closeOfflineDb()
    },
  })
  current = { userId, db }
  return db
}

/** Closes the open database (before it is deleted on sign-out). */
export async function closeOfflineDb() {
  const open = current
  current = undefined
  if (open) (await open.db.catch(() => undefined))?.close()
}

/** The user the offline data is open for (set by the app shell once signed in). */
let userId: string | undefined
export const setOfflineUser = (id: string | undefined) => {
  userId = id
  if (!id) void closeOfflineDb()
}
export const offlineUser = () => userId

export function db(): Promise<OfflineDb> {
  if (!userId) return Promise.reject(new Error('not signed in'))
  return offlineDb(userId)
}

/** A stable id of this device (browser profile), sent with each answer. */
export function deviceClientId(): string {
  const key = 'qms-client-id'
  let id = localStorage.getItem(key)
  if (!id) {
    id = crypto.randomUUID()
    localStorage.setItem(key, id)
  }
  return id
}

// ---------------------------------------------------------------------------------------
// Reading

export async function keptInspection(id: string) {
  return (await db()).get('inspections', id)
}

export async function keptInspections() {
  return (await db()).getAll('inspections')
}

export async function workingAnswers(inspectionId: string) {
  return (await db()).getAllFromIndex('answers', 'inspectionId', inspectionId)
}

export async function outboxOf(inspectionId?: string) {
  const d = await db()
  return inspectionId ? d.getAllFromIndex('outbox', 'inspectionId', inspectionId) : d.getAll('outbox')
}

export async function photo(id: string) {
  return (await db()).get('photos', id)
}

/** Slots with a change still in the outbox. */
export function pendingSlots(entries: OutboxEntry[]): Set<string> {
  const keys = new Set<string>()
  for (const e of entries) {
    if (e.mutation.kind === 'answers') for (const r of e.mutation.inputs) keys.add(answerKey(e.inspectionId, r.itemId, r.personId ?? null))
  }
  return keys
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * Keeps the server's inspection (its version, revisions and answers) and lets go of the
 * working answers it now holds: those sent, with nothing left to send, and no conflict.
 */
export async function saveServerInspection(inspection: Inspection, extra: { unitUsers?: User[]; kept?: boolean } = {}) {
  const d = await db()
  const tx = d.transaction(['inspections', 'answers', 'outbox'], 'readwrite')
  const before = await tx.objectStore('inspections').get(inspection.id)
  await tx.objectStore('inspections').put({
    id: inspection.id,
    inspection,
    unitUsers: extra.unitUsers ?? before?.unitUsers ?? [],
    kept: extra.kept ?? before?.kept ?? false,
    storedAt: new Date().toISOString(),
  })
  const pending = pendingSlots(await tx.objectStore('outbox').index('inspectionId').getAll(inspection.id))
  for (const answer of await tx.objectStore('answers').index('inspectionId').getAll(inspection.id)) {
    if (!answer.unsent && !answer.conflict && !pending.has(answer.key)) await tx.objectStore('answers').delete(answer.key)
  }
  await tx.done
}

/** Forgets a kept inspection that is no longer the user's work, unless changes of it wait. */
export async function forgetInspection(id: string) {
  const d = await db()
  const tx = d.transaction(['inspections', 'answers', 'outbox'], 'readwrite')
  const waiting = (await tx.objectStore('outbox').index('inspectionId').count(id)) + (await tx.objectStore('answers').index('inspectionId').count(id))
  if (!waiting) await tx.objectStore('inspections').delete(id)
  await tx.done
}

export async function putPhoto(p: StoredPhoto) {
  await (await db()).put('photos', p)
}

/** Queues a change; its Idempotency-Key is made now, so every retry carries the same. */
export async function enqueue(inspectionId: string, mutation: Mutation) {
  const entry: OutboxEntry = { inspectionId, mutation, idempotencyKey: crypto.randomUUID(), attempts: 0, createdAt: new Date().toISOString() }
  await (await db()).add('outbox', entry)
}

/** Writes the working answers and queues what is ready to send, in one transaction. */
export async function recordAnswers(inspectionId: string, answers: WorkingAnswer[], inputs: (ResponseInput & { answeredAt: string })[]) {
  const d = await db()
  const tx = d.transaction(['answers', 'outbox'], 'readwrite')
  for (const a of answers) await tx.objectStore('answers').put(a)
  if (inputs.length) {
    await tx.objectStore('outbox').add({ inspectionId, mutation: { kind: 'answers', inputs }, idempotencyKey: crypto.randomUUID(), attempts: 0, createdAt: new Date().toISOString() })
  }
  await tx.done
}

export async function updateEntry(entry: OutboxEntry) {
  await (await db()).put('outbox', entry)
}

export async function deleteEntry(seq: number) {
  await (await db()).delete('outbox', seq)
}

/** At most this many answers go in one request: a long offline spell syncs in a few requests, not one per tap. */
export const ANSWERS_PER_REQUEST = 25

/**
 * Folds the answer changes queued right after `entry` (same inspection, nothing in
 * between, never sent) into it, up to ANSWERS_PER_REQUEST answers, the later change of
 * an answer replacing the earlier. Only an entry that was never sent grows: once a body
 * went out under its key, that body is what a retry sends.
 */
export async function absorbFollowingAnswers(entry: OutboxEntry): Promise<OutboxEntry> {
  if (entry.mutation.kind !== 'answers' || entry.sentBody !== undefined || entry.seq === undefined) return entry
  const tx = (await db()).transaction('outbox', 'readwrite')
  const current = await tx.store.get(entry.seq)
  if (!current || current.mutation.kind !== 'answers' || current.sentBody !== undefined) {
    await tx.done
    return current ?? entry
  }
  const slot = (r: ResponseInput) => `${r.itemId}|${r.personId ?? ''}`
  const merged = new Map(current.mutation.inputs.map((r) => [slot(r), r]))
  const absorbed: number[] = []
  let cursor = await tx.store.openCursor(IDBKeyRange.lowerBound(entry.seq, true))
  while (cursor) {
    const next = cursor.value
    if (next.inspectionId !== current.inspectionId || next.mutation.kind !== 'answers' || next.stopped || next.sentBody !== undefined) break
    const slots = new Set([...merged.keys(), ...next.mutation.inputs.map(slot)])
    if (slots.size > ANSWERS_PER_REQUEST) break
    for (const r of next.mutation.inputs) merged.set(slot(r), r)
    absorbed.push(next.seq!)
    cursor = await cursor.continue()
  }
  const grown = { ...current, mutation: { kind: 'answers' as const, inputs: [...merged.values()] } }
  if (absorbed.length) {
    for (const seq of absorbed) await tx.store.delete(seq)
    await tx.store.put(grown)
  }
  await tx.done
  return grown
}

export async function firstEntry(): Promise<OutboxEntry | undefined> {
  const cursor = await (await db()).transaction('outbox').store.openCursor()
  return cursor?.value
}

/** How many changes wait to be synced, all inspections together. */
export async function outboxCount(): Promise<number> {
  if (!userId) return 0
  return (await db()).count('outbox')
}

export async function answer(key: string) {
  return (await db()).get('answers', key)
}

/** The user kept the other person's answer: it becomes the device's view of the server's. */
export async function adoptResponse(inspectionId: string, response: InspectionResponse) {
  const d = await db()
  const tx = d.transaction(['inspections', 'answers', 'outbox'], 'readwrite')
  // Changes of that answer still waiting (not yet sent) would overwrite theirs: drop them.
  const key = answerKey(inspectionId, response.itemId, response.personId)
  for (const entry of await tx.objectStore('outbox').index('inspectionId').getAll(inspectionId)) {
    if (entry.mutation.kind !== 'answers' || entry.sentBody) continue
    const rest = entry.mutation.inputs.filter((r) => answerKey(inspectionId, r.itemId, r.personId ?? null) !== key)
    if (rest.length === entry.mutation.inputs.length) continue
    if (rest.length) await tx.objectStore('outbox').put({ ...entry, mutation: { kind: 'answers', inputs: rest } })
    else await tx.objectStore('outbox').delete(entry.seq!)
  }
  const kept = await tx.objectStore('inspections').get(inspectionId)
  if (kept) {
    const others = kept.inspection.responses.filter((r) => !(r.itemId === response.itemId && r.personId === response.personId))
    await tx.objectStore('inspections').put({ ...kept, inspection: { ...kept.inspection, responses: [...others, response] } })
  }
  await tx.objectStore('answers').delete(answerKey(inspectionId, response.itemId, response.personId))
  await tx.done
}
