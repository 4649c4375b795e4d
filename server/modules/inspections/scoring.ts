/**
 * The rules of a checklist, free of the database: what completing an inspection still
 * needs, and its score. Used by the service, the demo data and the tests.
 */
import type { ResponseResult } from '../../../db/schema/inspections.ts'

export interface ScoringItem {
  /** The item row id (what responses refer to). */
  id: string
  key: string
  weight: number
  perPerson: boolean
  required: boolean
  photoRequiredOnFail: boolean
}

export interface ScoringResponse {
  itemId: string
  personId: string | null
  result: ResponseResult
  attachmentCount: number
}

export interface Missing {
  itemId: string | null
  personId: string | null
  reason: 'response' | 'photo' | 'people'
}

const slot = (itemId: string, personId: string | null) => `${itemId}\u0000${personId ?? ''}`

/**
 * What stops completion: a required item without a response (for a per-person item:
 * without one for each person present, and at least one person present), and a
 * failure without the photo its item requires.
 */
export function missingResponses(items: ScoringItem[], personIds: string[], responses: ScoringResponse[]): Missing[] {
  const answered = new Set(responses.map((r) => slot(r.itemId, r.personId)))
  const missing: Missing[] = []
  if (personIds.length === 0 && items.some((i) => i.perPerson && i.required)) missing.push({ itemId: null, personId: null, reason: 'people' })
  for (const item of items) {
    if (!item.required) continue
    if (item.perPerson) {
      for (const personId of personIds) if (!answered.has(slot(item.id, personId))) missing.push({ itemId: item.key, personId, reason: 'response' })
    } else if (!answered.has(slot(item.id, null))) {
      missing.push({ itemId: item.key, personId: null, reason: 'response' })
    }
  }
  const byId = new Map(items.map((i) => [i.id, i]))
  for (const r of responses) {
    const item = byId.get(r.itemId)
    if (item?.photoRequiredOnFail && r.result === 'fail' && r.attachmentCount === 0) missing.push({ itemId: item.key, personId: r.personId, reason: 'photo' })
  }
  return missing
}

/**
 * The weighted share of applicable responses that pass, in percent (two decimals).
 * Each response counts with its item's weight (so a per-person item weighs once per
 * person); "not applicable" responses are left out. Null when nothing applies.
 */
export function computeScore(items: Pick<ScoringItem, 'id' | 'weight'>[], responses: Pick<ScoringResponse, 'itemId' | 'result'>[]): number | null {
  const weights = new Map(items.map((i) => [i.id, i.weight]))
  let applicable = 0
  let passed = 0
  for (const r of responses) {
    if (r.result === 'na') continue
    const weight = weights.get(r.itemId) ?? 0
    applicable += weight
    if (r.result === 'pass') passed += weight
  }
  return applicable > 0 ? Math.round((passed / applicable) * 10000) / 100 : null
}

/** Expected responses: one per item, one per person present for per-person items. */
export function progressOf(items: Pick<ScoringItem, 'perPerson'>[], personIds: string[], responses: Pick<ScoringResponse, 'result'>[]) {
  return {
    answered: responses.length,
    total: items.reduce((n, i) => n + (i.perPerson ? personIds.length : 1), 0),
    failed: responses.filter((r) => r.result === 'fail').length,
  }
}
