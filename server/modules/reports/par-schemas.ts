import { Type, type Static } from 'typebox'
import { DateOnly } from '../../lib/schemas.ts'

const n = Type.Integer({ minimum: 0 })

export const ParQuery = Type.Object({
  from: DateOnly,
  to: DateOnly,
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'A unit with the units below it; the whole organisation by default (a head of unit: their own unit)' })),
  format: Type.Optional(Type.Enum(['html', 'pdf', 'xlsx', 'json', 'csv'], { description: 'html (default, printable A4), pdf (A4), xlsx (one sheet per table), json (the figures and text), csv (one table: needs `table`)' })),
  table: Type.Optional(Type.Integer({ minimum: 1, description: 'With format=csv (or xlsx): only this table of the report, by its number (Bảng 1, 2, …)' })),
})
export type ParQuery = Static<typeof ParQuery>

export const ParFigures = Type.Object({
  procedures: Type.Object({ total: n, level4: n, level3: n, level2: n, level1: n, fullyOnline: n, partlyOnline: n }),
  dossiers: Type.Object({
    received: Type.Integer({ minimum: 0, description: 'Taken up in the period: carried over + received' }),
    carriedOver: n,
    receivedOnline: n,
    receivedInPersonOrPostal: n,
    resolved: n,
    resolvedEarly: n,
    resolvedOnTime: n,
    resolvedLate: n,
    pendingNotDue: n,
    pendingOverdue: n,
    returnedOrWithdrawn: n,
  }),
  complaints: Type.Object({ total: n, complaint: n, denunciation: n, feedback: n }),
  inspections: Type.Object({
    held: Type.Integer({ minimum: 0, description: 'Completed in the period' }),
    byKind: Type.Object({ self: n, internal: n, briefing: n, unannounced: n, internal_audit: n }),
    unitsInspected: n,
    peopleInspected: n,
    itemsPassed: n,
    itemsFailed: n,
    findings: n,
    remindedOnTheSpot: n,
  }),
  nonconformities: Type.Object({ raised: n, closed: n, open: n, overdue: n }),
  qms: Type.Object({
    inForce: Type.Integer({ minimum: 0, description: 'Documents with a revision in force at the end of the period' }),
    on2015: n,
    on2008: n,
    still2008: Type.Array(Type.String(), { description: 'Codes of the documents still on the 2008 edition' }),
  }),
})
export type ParFigures = Static<typeof ParFigures>

const Cell = Type.Union([Type.String(), Type.Number(), Type.Null()])
export const ParReport = Type.Object({
  from: DateOnly,
  to: DateOnly,
  agency: Type.String(),
  title: Type.String(),
  periodLabel: Type.String(),
  dateLine: Type.String(),
  sections: Type.Array(
    Type.Object({
      heading: Type.String(),
      paragraphs: Type.Array(Type.String()),
      tables: Type.Array(Type.Object({ title: Type.String(), headings: Type.Array(Type.String()), rows: Type.Array(Type.Array(Cell)), totalRow: Type.Optional(Type.Array(Cell)) })),
    }),
  ),
  figures: ParFigures,
})
export type ParReport = Static<typeof ParReport>
