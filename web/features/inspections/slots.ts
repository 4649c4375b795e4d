/** The perform page's working copy of the answers: one slot per item, and per person for per-person items. */
import type { Attachment, ChecklistItem, Inspection, ResponseInput } from '../../api/types.ts'

export type Result = 'pass' | 'fail' | 'na'
export type Handling = NonNullable<ResponseInput['handling']>

export interface Slot {
  result?: Result
  value: number | string | null
  note: string
  handling: Handling | null
  attachments: Attachment[]
}

export const slotKey = (itemId: string, personId: string | null) => `${itemId}|${personId ?? ''}`
export const emptySlot = (): Slot => ({ value: null, note: '', handling: null, attachments: [] })

export function slotsFrom(inspection: Inspection): Map<string, Slot> {
  return new Map(
    inspection.responses.map((r) => [
      slotKey(r.itemId, r.personId),
      { result: r.result, value: r.value, note: r.note ?? '', handling: r.handling ?? null, attachments: r.attachments },
    ]),
  )
}

/** Number and choice items need their value before a pass or fail can be saved. */
export function readyToSave(item: ChecklistItem, slot: Slot): boolean {
  if (!slot.result) return false
  if (slot.result === 'na') return true
  if (item.responseType === 'number' || item.responseType === 'choice') return slot.value !== null && slot.value !== ''
  return true
}

export function toInput(item: ChecklistItem, personId: string | null, slot: Slot): ResponseInput {
  return {
    itemId: item.id,
    ...(personId ? { personId } : {}),
    result: slot.result!,
    value: item.responseType === 'pass_fail_na' ? null : slot.value,
    note: slot.note.trim() || null,
    handling: slot.result === 'fail' ? slot.handling : null,
    attachmentIds: slot.attachments.map((a) => a.id),
  }
}
