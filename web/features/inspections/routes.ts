import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-inspection-page.ts'
import './qms-inspection-perform.ts'
import './qms-inspection-plan.ts'
import './qms-inspections-page.ts'

export const inspectionRoutes: RouteDef[] = [
  { pattern: '/inspections', render: (_p, q) => html`<qms-inspections-page .query=${q}></qms-inspections-page>` },
  { pattern: '/inspections/new', render: () => html`<qms-inspection-plan></qms-inspection-plan>` },
  { pattern: '/inspections/:id', render: (p) => html`<qms-inspection-page .inspectionId=${p.id}></qms-inspection-page>` },
  { pattern: '/inspections/:id/edit', render: (p) => html`<qms-inspection-plan .inspectionId=${p.id}></qms-inspection-plan>` },
  { pattern: '/inspections/:id/perform', render: (p) => html`<qms-inspection-perform .inspectionId=${p.id}></qms-inspection-perform>` },
]
