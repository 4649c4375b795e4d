import { Type, type Static } from 'typebox'

/** A clause number as written in a request, checked against the outline by the services (isIsoClause). */
export const ClauseNumber = Type.String({ pattern: '^\\d{1,2}(\\.\\d{1,2}){0,3}$', maxLength: 12, description: 'An ISO 9001:2015 clause number, e.g. `7.5.3` or `10.2.1`' })

export const IsoClause = Type.Object({
  number: Type.String({ description: 'e.g. `7.5.3`' }),
  en: Type.String({ description: 'English title' }),
  vi: Type.String({ description: 'Vietnamese title (TCVN ISO 9001:2015)' }),
  parent: Type.Union([Type.String(), Type.Null()], { description: 'The enclosing clause, null for 4–10' }),
  described: Type.Boolean({ description: 'true when the standard numbers this paragraph without a title: `en`/`vi` then describe its content' }),
})
export type IsoClause = Static<typeof IsoClause>

export const IsoClauseList = Type.Object({
  standard: Type.String(),
  note: Type.String(),
  items: Type.Array(IsoClause),
})
