import { Type, type Static } from 'typebox'

/** Something that references a clause: a document, a checklist item, a nonconformity. */
export const ClauseReference = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.Union([Type.String(), Type.Null()], { description: 'Document code, nonconformity number…; null when the thing has none' }),
  title: Type.String({ description: 'Document title, checklist item text, nonconformity title' }),
  status: Type.Union([Type.String(), Type.Null()]),
})
export type ClauseReference = Static<typeof ClauseReference>

export const ClauseCoverage = Type.Object({
  number: Type.String(),
  en: Type.String(),
  vi: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  documents: Type.Array(ClauseReference, { description: 'Documents in use (not withdrawn) that reference the clause itself' }),
  checklistItems: Type.Array(ClauseReference, { description: 'Checklist items that reference the clause' }),
  openNonconformities: Type.Array(ClauseReference, { description: 'Nonconformities not yet closed or cancelled that reference the clause' }),
  covered: Type.Boolean({ description: 'A published document references this clause or one of its sub-clauses' }),
})
export type ClauseCoverage = Static<typeof ClauseCoverage>

export const CoverageReport = Type.Object({
  items: Type.Array(ClauseCoverage, { description: 'Every clause of the outline, in order' }),
  summary: Type.Object({
    clauses: Type.Integer(),
    covered: Type.Integer(),
    uncovered: Type.Array(Type.String(), { description: 'Clause numbers with no published document (on the clause or below it)' }),
  }),
})
export type CoverageReport = Static<typeof CoverageReport>
