/**
 * Performing an inspection: recording answers (one at a time from a phone, or a batch)
 * and completing it, which scores it and turns failures into findings. Planning and
 * reading are in service.ts.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import {
  inspectionPeople,
  inspectionResponseAttachments,
  inspectionResponses,
  inspections,
  orgUnits,
  users,
  type ChecklistTemplateItemRow,
  type InspectionKind,
} from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import type { Actor } from '../../lib/permissions.ts'
import { badRequest, fieldError, HttpProblem, unprocessable, type FieldError } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import { claimAttachments } from '../attachments/service.ts'
import { itemsOfRevisions } from '../checklist-templates/service.ts'
import { insertFindings, type NewFinding } from '../findings/service.ts'
import { addInspectionToRollups } from './inspection-rollups.ts'
import type { CompleteInspection, ResponseBatch } from './schemas.ts'
import { computeScore, missingResponses, type Missing } from './scoring.ts'
import { assertAllowed, loadInspection, lockForWrite, recordedOf, scoringItems, startValues, summaryForAudit } from './service.ts'

// ---------------------------------------------------------------------------------------
// Recording

function checkValue(item: ChecklistTemplateItemRow, value: number | string | null | undefined, result: string, path: string): FieldError | null {
  const present = value !== undefined && value !== null && value !== ''
  switch (item.responseType) {
    case 'pass_fail_na':
      return present ? fieldError(path, 'perform.value-not-used') : null
    case 'number':
      if (!present) return result === 'na' ? null : fieldError(path, 'perform.number-required')
      return typeof value === 'number' && Number.isFinite(value) ? null : fieldError(path, 'perform.not-number')
    case 'text':
      return !present || typeof value === 'string' ? null : fieldError(path, 'perform.not-text')
    case 'choice':
      if (!present) return result === 'na' ? null : fieldError(path, 'perform.choice-required')
      return typeof value === 'string' && item.choices?.includes(value)
        ? null
        : fieldError(path, 'schema.enum', { allowedValues: item.choices ?? [] })
  }
}

/** What an answer says, to tell a real difference from the same answer sent twice. */
function sameAnswer(
  stored: { result: string; value: unknown; note: string | null; handling: string | null; classification: string | null },
  storedFiles: string[],
  sent: { result: string; value: unknown; note: string | null; handling: string | null; classification: string | null },
  sentFiles: string[],
) {
  return (
    stored.result === sent.result &&
    JSON.stringify(stored.value ?? null) === JSON.stringify(sent.value ?? null) &&
    (stored.note ?? null) === (sent.note ?? null) &&
    (stored.handling ?? null) === (sent.handling ?? null) &&
    (stored.classification ?? null) === (sent.classification ?? null) &&
    storedFiles.join() === sentFiles.join()
  )
}

type AnswerOutcome = 'write' | 'unchanged' | 'older' | 'conflict'

/**
 * Whether an answer guarded by its base revision may be written: yes if nobody changed it
 * since the device saw it; if the same device changed it since (its queue arrived out of
 * order), the later of the two on the device wins; if someone else did, it is a conflict
 * unless both say the same.
 */
function outcomeOf(
  prior: { revision: number; clientId: string | null; answeredAt: Date | null; updatedAt: Date } | undefined,
  baseRevision: number,
  clientId: string | null,
  answeredAt: Date,
  same: boolean,
): AnswerOutcome {
  if (!prior || prior.revision === baseRevision) return 'write'
  if (same) return 'unchanged'
  if (clientId && prior.clientId === clientId) return answeredAt > (prior.answeredAt ?? prior.updatedAt) ? 'write' : 'older'
  return 'conflict'
}

/**
 * Upserts a batch of responses by (item, person). The first answer starts a planned
 * inspection. Each response replaces the stored one, photos included (the same photo
 * twice is kept once). The batch is guarded by If-Match on the inspection or, for
 * offline sync, by each answer's base revision: an answer someone else changed since
 * the device saw it refuses the batch with 409 answer-conflict, listing both versions.
 */
export async function recordResponses(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, batch: ResponseBatch, env: ServiceEnv) {
  const perAnswer = expectedVersion === undefined && batch.every((r) => r.baseRevision !== undefined)
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, perAnswer ? 'per-answer' : expectedVersion)
    const i = current.inspection
    assertAllowed(i, 'record')
    const items = (await itemsOfRevisions(tx, [i.templateRevisionId])).get(i.templateRevisionId)!
    const byKey = new Map(items.map((item) => [item.key, item]))
    const people = new Set((await tx.select({ id: inspectionPeople.userId }).from(inspectionPeople).where(eq(inspectionPeople.inspectionId, id))).map((p) => p.id))
    const now = env.now

    const errors: FieldError[] = []
    const seen = new Set<string>()
    batch.forEach((r, n) => {
      const item = byKey.get(r.itemId)
      if (!item) return void errors.push(fieldError(`${n}.itemId`, 'perform.unknown-item', { itemId: r.itemId }))
      const personId = r.personId ?? null
      if (item.perPerson && !personId) errors.push(fieldError(`${n}.personId`, 'perform.person-required'))
      if (item.perPerson && personId && !people.has(personId)) errors.push(fieldError(`${n}.personId`, 'perform.person-not-present'))
      if (!item.perPerson && personId) errors.push(fieldError(`${n}.personId`, 'perform.person-not-used'))
      const valueError = checkValue(item, r.value, r.result, `${n}.value`)
      if (valueError) errors.push(valueError)
      // A device clock a little ahead is normal; a day ahead is a wrong clock.
      if (r.answeredAt && Date.parse(r.answeredAt) > now.getTime() + 86_400_000) errors.push(fieldError(`${n}.answeredAt`, 'field.clock-ahead'))
      const slot = `${r.itemId}\u0000${personId ?? ''}`
      if (seen.has(slot)) errors.push(fieldError(`${n}.itemId`, 'perform.answered-twice'))
      seen.add(slot)
    })
    if (errors.length) throw badRequest('perform.invalid-batch', { count: errors.length }, errors)

    // Only the answers this batch touches: a phone syncs a few at a time into checklists of up to 200 items.
    const touched = [...new Set(batch.map((r) => byKey.get(r.itemId)!.id))]
    const existing = await tx
      .select()
      .from(inspectionResponses)
      .where(and(eq(inspectionResponses.inspectionId, id), inArray(inspectionResponses.itemId, touched)))
    const existingBySlot = new Map(existing.map((r) => [`${r.itemId}\u0000${r.personId ?? ''}`, r]))
    const links = existing.length
      ? await tx
          .select({ responseId: inspectionResponseAttachments.responseId, attachmentId: inspectionResponseAttachments.attachmentId })
          .from(inspectionResponseAttachments)
          .where(inArray(inspectionResponseAttachments.responseId, existing.map((r) => r.id)))
          .orderBy(asc(inspectionResponseAttachments.position))
      : []
    const filesOf = new Map<string, string[]>()
    for (const l of links) filesOf.set(l.responseId, [...(filesOf.get(l.responseId) ?? []), l.attachmentId])

    const planned = batch.map((r, n) => {
      const item = byKey.get(r.itemId)!
      const personId = r.personId ?? null
      const values = {
        result: r.result,
        value: r.value === undefined || r.value === '' ? null : r.value,
        note: r.note?.trim() || null,
        classification: r.classification ?? null,
        handling: r.handling ?? null,
      }
      const prior = existingBySlot.get(`${item.id}\u0000${personId ?? ''}`)
      const answeredAt = r.answeredAt ? new Date(r.answeredAt) : now
      const outcome: AnswerOutcome =
        r.baseRevision === undefined
          ? 'write'
          : outcomeOf(prior, r.baseRevision, r.clientId ?? null, answeredAt, !!prior && sameAnswer(prior, filesOf.get(prior.id) ?? [], values, r.attachmentIds ?? []))
      return { r, n, item, personId, values, prior, answeredAt, outcome }
    })

    const conflicts = planned.filter((p) => p.outcome === 'conflict')
    if (conflicts.length) {
      const stored = (await recordedOf(tx, i)).responses
      const names = new Map((await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, conflicts.map((c) => c.prior!.answeredById).filter((x): x is string => !!x)))).map((u) => [u.id, u.fullName]))
      throw new HttpProblem(
        409,
        'answer-conflict',
        'Answer changed by someone else',
        'perform.answer-conflict',
        { answers: conflicts.map((c) => ({ item: c.item.text, perPerson: !!c.personId, by: names.get(c.prior!.answeredById ?? '') ?? null })) },
        undefined,
        {},
        {
          conflicts: conflicts.map((c) => ({
            itemId: c.r.itemId,
            personId: c.personId,
            yours: c.r,
            theirs: stored.find((s) => s.itemId === c.r.itemId && s.personId === c.personId),
            changedBy: names.get(c.prior!.answeredById ?? '') ?? null,
          })),
        },
      )
    }

    const changed: { itemId: string; personId: string | null; before: unknown; after: unknown }[] = []
    for (const { r, n, item, personId, values, prior, answeredAt, outcome } of planned) {
      if (outcome !== 'write') continue
      const row = {
        ...values,
        answeredById: actor.via === 'system' ? null : actor.userId,
        answeredAt,
        clientId: r.clientId ?? null,
        updatedAt: now,
      }
      let responseId: string
      if (prior) {
        await tx.update(inspectionResponses).set({ ...row, revision: prior.revision + 1 }).where(eq(inspectionResponses.id, prior.id))
        await tx.delete(inspectionResponseAttachments).where(eq(inspectionResponseAttachments.responseId, prior.id))
        responseId = prior.id
      } else {
        const [inserted] = await tx.insert(inspectionResponses).values({ ...row, inspectionId: id, itemId: item.id, personId }).returning({ id: inspectionResponses.id })
        responseId = inserted.id
      }
      const files = dedupeBySha256(await claimAttachments(tx, actor, r.attachmentIds ?? [], i.orgUnitId, `${n}.attachmentIds`))
      if (files.length) {
        await tx.insert(inspectionResponseAttachments).values(files.map((f, position) => ({ responseId, attachmentId: f.id, position })))
      }
      changed.push({
        itemId: r.itemId,
        personId,
        before: prior ? { result: prior.result, value: prior.value, note: prior.note, revision: prior.revision } : null,
        after: { result: values.result, value: values.value, note: values.note, attachmentIds: files.map((f) => f.id), revision: prior ? prior.revision + 1 : 1 },
      })
    }
    // A replay that changed nothing leaves the inspection (and its version) as it was.
    if (!changed.length) return loadInspection(tx, id)

    await tx
      .update(inspections)
      .set({ ...(i.status === 'planned' ? startValues(i, env) : {}), version: i.version + 1, updatedAt: now })
      .where(eq(inspections.id, id))
    await recordAudit(tx, actor, {
      action: 'inspection.record_responses',
      entityType: 'inspection',
      entityId: id,
      before: { status: i.status, version: i.version, responses: changed.map((c) => ({ itemId: c.itemId, personId: c.personId, ...(c.before as object) })) },
      after: { status: i.status === 'planned' ? 'in_progress' : i.status, version: i.version + 1, responses: changed.map((c) => ({ itemId: c.itemId, personId: c.personId, ...(c.after as object) })) },
    })
    return loadInspection(tx, id)
  })
}

/** The same photo attached twice to one answer (a retried upload, a double tap) is kept once. */
function dedupeBySha256<T extends { sha256: string }>(files: T[]): T[] {
  const seen = new Set<string>()
  return files.filter((f) => !seen.has(f.sha256) && seen.add(f.sha256))
}

// ---------------------------------------------------------------------------------------
// Completing

function missingAsErrors(missing: Missing[]): FieldError[] {
  return missing.map((m) => {
    switch (m.reason) {
      case 'people':
        return fieldError('personIds', 'perform.people-needed')
      case 'photo':
        return fieldError(`responses.${m.itemId}${m.personId ? `.${m.personId}` : ''}.attachmentIds`, 'perform.photo-needed', { itemId: m.itemId, personId: m.personId })
      default:
        return fieldError(`responses.${m.itemId}${m.personId ? `.${m.personId}` : ''}`, 'perform.response-needed', { itemId: m.itemId, personId: m.personId })
    }
  })
}

const defaultClassification = (kind: InspectionKind) => (kind === 'internal_audit' ? 'minor_nc' : 'observation')

/**
 * Completes the inspection: 422 listing what is missing, else the score is computed,
 * one finding is created per failed response (for items that create findings) and the
 * inspection becomes read-only.
 */
export async function completeInspection(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: CompleteInspection, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, expectedVersion)
    const i = current.inspection
    assertAllowed(i, 'complete')
    const before = await summaryForAudit(tx, id)
    const recorded = await recordedOf(tx, i)
    const items = scoringItems(recorded.items)
    const missing = missingResponses(items, before.personIds, recorded.scoring)
    if (missing.length) {
      const responses = missing.filter((m) => m.reason === 'response').length
      const photos = missing.filter((m) => m.reason === 'photo').length
      const people = missing.some((m) => m.reason === 'people')
      throw unprocessable('inspection.incomplete', { people, responses, photos }, missingAsErrors(missing))
    }
    const score = computeScore(items, recorded.scoring)
    const started = i.status === 'planned' ? startValues(i, env) : { startedAt: i.startedAt, performedOn: i.performedOn ?? agencyToday(env) }

    // A person's finding belongs to their own unit when it lies inside the inspected one.
    const personUnits = new Map<string, string>()
    if (before.personIds.length) {
      const rows = await tx
        .select({ id: users.id, unitId: users.orgUnitId, path: orgUnits.path })
        .from(users)
        .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
        .where(inArray(users.id, before.personIds))
      for (const p of rows) personUnits.set(p.id, p.unitId && p.path?.startsWith(current.unit.path) ? p.unitId : i.orgUnitId)
    }
    const itemById = new Map(recorded.items.map((item) => [item.id, item]))
    const newFindings: NewFinding[] = []
    recorded.scoring.forEach((s, n) => {
      const item = itemById.get(s.itemId)!
      if (s.result !== 'fail' || !item.createsFindingOnFail) return
      const response = recorded.responses[n]
      newFindings.push({
        inspectionId: id,
        responseId: response.id,
        orgUnitId: s.personId ? (personUnits.get(s.personId) ?? i.orgUnitId) : i.orgUnitId,
        personId: s.personId,
        category: item.category,
        clauseNumbers: item.clauseNumbers,
        classification: response.classification ?? defaultClassification(i.kind),
        handling: response.handling,
        description: response.note ? `${item.text} — ${response.note}` : item.text,
        foundOn: started.performedOn!,
      })
    })
    await insertFindings(tx, actor, newFindings, env.now)

    const now = env.now
    await tx
      .update(inspections)
      .set({
        status: 'completed',
        startedAt: started.startedAt ?? now,
        performedOn: started.performedOn,
        completedAt: now,
        score,
        conclusion: input.conclusion === undefined ? i.conclusion : input.conclusion?.trim() || null,
        version: i.version + 1,
        updatedAt: now,
      })
      .where(eq(inspections.id, id))
    await addInspectionToRollups(tx, id)
    await recordAudit(tx, actor, { action: 'inspection.complete', entityType: 'inspection', entityId: id, before, after: await summaryForAudit(tx, id) })
    return loadInspection(tx, id)
  })
}
