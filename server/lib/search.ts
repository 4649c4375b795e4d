import { sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * How a list's `q` finds records (docs/api.md, "Search"). Each searchable table keeps its
 * code and names folded (`qms_fold`, migration 0002: lower case, Vietnamese diacritics
 * removed) in a stored `search` column, code first (`searchText`, db/schema/columns.ts),
 * with a trigram index (pg_trgm, migration 0022); the term is folded the same way, so a
 * search reads the index and compares plain text instead of folding every row:
 * - `contains`: the term anywhere in the code or the names;
 * - `prefix`: a term with no word of three letters or digits and a single word ("A1",
 *   "Na") has too few trigrams to narrow anything down, so it matches only the start of
 *   the search text, which is the code;
 * - `words`: a term of two or more words of letters only (a name, "nguyen van an") where
 *   the table has a word index (dossiers): the text must contain each word whole, the last
 *   as a prefix, and the phrase as typed. Common names share their trigrams with a third
 *   of all dossiers ("nguyen", "van", "cong ty tnhh"), which makes intersecting trigram
 *   lists cost 40–300 ms; their words are few and the index starts from the rarest. The
 *   phrase must therefore start at a word ("van an" finds "Nguyễn Văn An", "guyen van"
 *   does not);
 * - the record whose code is the term (ignoring case) comes first (`exactFirst`).
 */
export type SearchKind = 'contains' | 'prefix'

export interface Search {
  kind: SearchKind
  /** The LIKE pattern, escaped; folded by the database like the stored text. */
  pattern: string
  /** The term as typed, trimmed: compared with codes for the exact match. */
  term: string
  /** For a name of two or more words: its words as a text-search query, and the folded phrase. */
  words?: { query: string; phrase: string }
}

// qms_fold's table (migration 0002), lower case: a phrase folded here equals the database's.
const ACCENTED = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
const PLAIN = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'
const FOLD = new Map([...ACCENTED].map((c, i) => [c, PLAIN[i]]))

/** The words of a name (letters only, two or more words), folded as `qms_fold` does; undefined for anything else. */
function nameWords(term: string): string[] | undefined {
  const folded = [...term.normalize('NFC').toLowerCase()].map((c) => FOLD.get(c) ?? c).join('')
  if (!/^[a-z]+( [a-z]+)+$/.test(folded)) return undefined
  return folded.split(' ')
}

/** A blank `q` is no search. */
export function parseSearch(q: string | undefined): Search | undefined {
  // Runs of spaces count as one: "Nguyễn  Văn" is "Nguyễn Văn".
  const term = q?.trim().replace(/\s+/g, ' ')
  if (!term) return undefined
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`)
  const parts = term.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const kind: SearchKind = parts.length >= 2 || parts.some((w) => [...w].length >= 3) ? 'contains' : 'prefix'
  const names = nameWords(term)
  const words = names && { query: [...names.slice(0, -1), `${names.at(-1)}:*`].join(' & '), phrase: names.join(' ') }
  return { kind, term, pattern: kind === 'contains' ? `%${escaped}%` : `${escaped}%`, words }
}

/** The condition for a name search (`Search.words`) on a table with a word index over `to_tsvector('simple', search)`. */
export function wordsCondition(search: AnyPgColumn, query: string | Placeholder, phrase: string | Placeholder): SQL {
  // strpos, not LIKE: the phrase check must not send the planner to the trigram index too.
  return sql`to_tsvector('simple', ${search}) @@ to_tsquery('simple', ${query}) and strpos(${search}, ${phrase}) > 0`
}

/** The condition for a search pattern (a placeholder in a prepared list query) on a table's `search` column. */
export function searchCondition(search: AnyPgColumn, pattern: string | Placeholder): SQL {
  return sql`${search} like qms_fold(${pattern})`
}

/** `searchCondition` for a list queried directly (not prepared): undefined for a blank `q`. */
export function matchesSearch(search: Search | undefined, column: AnyPgColumn): SQL | undefined {
  return search && searchCondition(column, search.pattern)
}

/** The page request as `keyset` gives it: the values of its cursor and the limit (+ 1) it fetches. */
interface KeysetPage {
  hasCursor: boolean
  params: Record<string, unknown>
}

/**
 * The rows of a search page (limit + 1 of them, for `keyset(…).page`) with the record whose
 * code is the term first, then the other matches in the list's own order without it.
 * Codes are unique ignoring case, so there is at most one such record; `exact` finds it
 * with the list's other filters. Cursors stay the list's own: a cursor that points at the
 * exact record (a page that ended with it) continues with the others from their start,
 * any other continues after its row, the exact record left out. `idOf` reads a row's id,
 * the list's last sort key (`cursor{keyCount - 1}`).
 */
export async function exactFirst<R>(
  page: KeysetPage,
  keyCount: number,
  idOf: (row: R) => string,
  exact: (() => Promise<R[]>) | undefined,
  rest: (part: { exclude: string | undefined; cursor: boolean; limit: number }) => Promise<R[]>,
): Promise<R[]> {
  const limit = page.params.limit as number
  const [hit] = exact ? await exact() : []
  if (!hit) return rest({ exclude: undefined, cursor: page.hasCursor, limit })
  const id = idOf(hit)
  if (!page.hasCursor) return [hit, ...(await rest({ exclude: id, cursor: false, limit: limit - 1 }))]
  const fromStart = page.params[`cursor${keyCount - 1}`] === id
  return rest({ exclude: id, cursor: !fromStart, limit })
}
