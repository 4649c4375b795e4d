import { readFileSync } from 'node:fs'
import type { IsoClause } from './schemas.ts'

interface ClauseFile {
  standard: string
  note: string
  clauses: { number: string; en: string; vi: string; described?: boolean }[]
}

const file = JSON.parse(
  readFileSync(new URL('../../../db/reference/iso9001-2015-clauses.json', import.meta.url), 'utf8'),
) as ClauseFile

const clauses: IsoClause[] = file.clauses.map((c) => ({
  ...c,
  described: c.described ?? false,
  parent: c.number.includes('.') ? c.number.slice(0, c.number.lastIndexOf('.')) : null,
}))
const numbers = new Set(clauses.map((c) => c.number))

/** The clause outline of ISO 9001:2015 (numbers and titles only): reference data shipped with the app. */
export function listIsoClauses() {
  return { standard: file.standard, note: file.note, items: clauses }
}

export const isIsoClause = (number: string) => numbers.has(number)
