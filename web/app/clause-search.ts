/**
 * Finding ISO 9001:2015 clauses by what people type: a number ("8.5" → 8.5, 8.5.1 …) or
 * words of the title in Vietnamese or English, without diacritics or case ("kiem soat",
 * "control of documented"). Pure functions, shared by `qms-clause-picker` and its tests.
 */

/** What a clause needs to be found: the outline's number and titles (`IsoClause`). */
export interface SearchableClause {
  number: string
  vi: string
  en: string
}

/** Lower case, Vietnamese diacritics removed (đ → d), punctuation as spaces, runs of spaces as one. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim()
}

/**
 * The words of the ISO 9001:2008 wording that the 2015 edition replaced: documents
 * (tài liệu) and records (hồ sơ) are both "documented information" (thông tin dạng văn
 * bản) now, and people still search for them by the old names.
 */
const FORMER_TERMS: [RegExp, string][] = [
  [/\b(tai lieu|ho so)\b/g, 'thong tin dang van ban'],
  [/\b(documents?|records?)\b/g, 'documented information'],
]

const NUMBER = /^\d+(\.\d*)*$/

interface Folded<C> {
  clause: C
  vi: string[]
  en: string[]
}

const foldedCache = new WeakMap<readonly SearchableClause[], Folded<SearchableClause>[]>()

function folded<C extends SearchableClause>(clauses: readonly C[]): Folded<C>[] {
  let rows = foldedCache.get(clauses) as Folded<C>[] | undefined
  if (!rows) {
    rows = clauses.map((clause) => ({ clause, vi: foldText(clause.vi).split(' '), en: foldText(clause.en).split(' ') }))
    foldedCache.set(clauses, rows)
  }
  return rows
}

/** Every query word starts a word of the title, in order of the title or not ("kiem soat" in "Kiểm soát thay đổi"). */
const hasWords = (title: string[], words: string[]) => words.every((w) => title.some((t) => t.startsWith(w)))

/**
 * The clauses matching `query`, in the outline's order. Each number-like word ("8.5",
 * "10.", "7") keeps the clauses whose number starts with it; the other words must each
 * start a word of the Vietnamese title, or each start a word of the English one. A blank
 * query matches every clause.
 */
export function searchClauses<C extends SearchableClause>(clauses: readonly C[], query: string): C[] {
  let text = foldText(query)
  for (const [former, current] of FORMER_TERMS) text = text.replace(former, current)
  const tokens = text.split(' ').filter(Boolean)
  const numbers = tokens.filter((t) => NUMBER.test(t))
  const words = tokens.filter((t) => !NUMBER.test(t)).map((t) => t.replace(/\./g, '')).filter(Boolean)
  return folded(clauses)
    .filter((row) => numbers.every((n) => row.clause.number.startsWith(n)))
    .filter((row) => !words.length || hasWords(row.vi, words) || hasWords(row.en, words))
    .map((row) => row.clause)
}
