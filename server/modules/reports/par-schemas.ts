import { Type, type Static } from 'typebox'
import { DateOnly } from '../../lib/schemas.ts'

const n = Type.Integer({ minimum: 0 })

export const ParQuery = Type.Object({
  from: DateOnly,
  to: DateOnly,
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'A unit with the units below it; the whole organisation by default (a head of unit: their own unit)' })),
  format: Type.Optional(
    Type.Enum(['html', 'pdf', 'docx', 'xlsx', 'json', 'csv'], {
      description: 'html (default, printable A4), pdf (A4 in the layout of Nghị định 30/2020/NĐ-CP), docx (the same, to edit in Word), xlsx (one sheet per table), json (the figures and text), csv (one table: needs `table`)',
    }),
  ),
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
  agency: Type.String({ description: 'The issuing body: the whole organisation, or the unit the report is for' }),
  agencyCode: Type.String({ description: 'Its code, the last part of the document number (…/BC-BQL)' }),
  parentAgency: Type.Union([Type.String(), Type.Null()], { description: 'The body above it when the report is for a unit; null for the whole organisation' }),
  asOf: DateOnly,
  title: Type.String(),
  periodLabel: Type.String(),
  dateLine: Type.String(),
  sections: Type.Array(
    Type.Object({
      heading: Type.String(),
      paragraphs: Type.Array(Type.String()),
      tables: Type.Array(
        Type.Object({
          title: Type.String(),
          sheet: Type.String({ maxLength: 31, description: 'The worksheet name in the XLSX' }),
          headings: Type.Array(Type.String()),
          columns: Type.Array(Type.Enum(['text', 'ordinal', 'count', 'percent']), { description: 'How each column reads; a percent column holds per cent (95.2), its unit in the heading' }),
          rows: Type.Array(Type.Array(Cell)),
          totalRow: Type.Optional(Type.Array(Cell, { description: 'Each number is the sum of its column' })),
        }),
      ),
    }),
  ),
  figures: ParFigures,
})
export type ParReport = Static<typeof ParReport>
