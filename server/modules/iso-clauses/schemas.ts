import { Type, type Static } from 'typebox'

export const IsoClause = Type.Object({
  number: Type.String({ description: 'e.g. `7.5.3`' }),
  en: Type.String({ description: 'English title' }),
  vi: Type.String({ description: 'Vietnamese title (TCVN ISO 9001:2015)' }),
  parent: Type.Union([Type.String(), Type.Null()], { description: 'The enclosing clause, null for 4–10' }),
})
export type IsoClause = Static<typeof IsoClause>

export const IsoClauseList = Type.Object({
  standard: Type.String(),
  note: Type.String(),
  items: Type.Array(IsoClause),
})
