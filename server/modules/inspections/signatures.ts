/**
 * The record's signature blocks: the representative of the inspected unit and the lead
 * inspector sign on the screen at the end of the inspection (a PNG kept as an
 * attachment, with who and when), or the representative's refusal is recorded with the
 * reason. A block is signed once: a second signature of the same block is a 409, so
 * there is nothing to overwrite and no If-Match is needed (a phone that signed offline
 * can send it later).
 */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { inspections, inspectionSignatures, type InspectionRow, type SignatureRole } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import type { Actor } from '../../lib/permissions.ts'
import { conflict, illegalTransition, invalidField } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import { claimAttachments } from '../attachments/service.ts'
import type { Inspection, SignInput } from './schemas.ts'
import { loadInspection, lockForWrite } from './service.ts'

const ROLE_VI: Record<SignatureRole, string> = { unit_representative: 'đại diện đơn vị được kiểm tra', lead_inspector: 'trưởng đoàn' }

function checkInput(inspection: InspectionRow, role: SignatureRole, input: SignInput, now: Date) {
  const signed = input.attachmentId !== undefined
  const refused = input.refusalReason !== undefined && input.refusalReason.trim() !== ''
  if (signed === refused) {
    throw invalidField(signed ? 'refusalReason' : 'attachmentId', 'signature.one-of')
  }
  if (role === 'lead_inspector' && refused) throw invalidField('refusalReason', 'signature.lead-cannot-refuse')
  if (role === 'lead_inspector' && input.signerId && input.signerId !== inspection.leadInspectorId) {
    throw invalidField('signerId', 'signature.not-lead')
  }
  if (input.signedAt && Date.parse(input.signedAt) > now.getTime() + 86_400_000) throw invalidField('signedAt', 'field.clock-ahead')
}

/** Signs (or records the refusal of) one block; in progress or completed inspections only. */
export async function signInspection(db: Db, actor: Actor, id: string, role: SignatureRole, input: SignInput, env: ServiceEnv): Promise<Inspection> {
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, 'per-answer')
    const i = current.inspection
    // Signed at the end: once answers are being recorded, or after completion (the record is otherwise read-only).
    if (i.status !== 'in_progress' && i.status !== 'completed') throw illegalTransition('inspection', 'sign', i.status, [])
    checkInput(i, role, input, env.now)
    const [existing] = await tx.select({ role: inspectionSignatures.role }).from(inspectionSignatures).where(and(eq(inspectionSignatures.inspectionId, id), eq(inspectionSignatures.role, role)))
    if (existing) throw conflict('signature.already-signed', { role: ROLE_VI[role], number: i.number })
    const [file] = input.attachmentId ? await claimAttachments(tx, actor, [input.attachmentId], i.orgUnitId, 'attachmentId') : []
    if (file && file.contentType !== 'image/png') throw invalidField('attachmentId', 'signature.not-png')
    const row = {
      inspectionId: id,
      role,
      signerName: input.signerName.trim(),
      signerId: role === 'lead_inspector' ? i.leadInspectorId : (input.signerId ?? null),
      attachmentId: file?.id ?? null,
      refusalReason: file ? null : input.refusalReason!.trim(),
      signedAt: input.signedAt ? new Date(input.signedAt) : env.now,
      recordedById: actor.via === 'system' ? null : actor.userId,
    }
    await tx.insert(inspectionSignatures).values(row)
    await tx.update(inspections).set({ version: i.version + 1, updatedAt: env.now }).where(eq(inspections.id, id))
    await recordAudit(tx, actor, {
      action: file ? 'inspection.sign' : 'inspection.refuse_to_sign',
      entityType: 'inspection',
      entityId: id,
      before: { version: i.version },
      after: { version: i.version + 1, signature: { ...row, signedAt: row.signedAt.toISOString() } },
    })
    return loadInspection(tx, id)
  })
}
