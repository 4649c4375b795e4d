import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-inspection-page.ts'), import('./qms-inspection-perform.ts'), import('./qms-inspection-plan.ts'), import('./qms-inspections-page.ts')])

export const inspectionRoutes: RouteDef[] = [
  { load, pattern: '/inspections', render: (_p, q) => html`<qms-inspections-page .query=${q}></qms-inspections-page>` },
  { load, pattern: '/inspections/new', render: () => html`<qms-inspection-plan></qms-inspection-plan>` },
  { load, pattern: '/inspections/:id', render: (p) => html`<qms-inspection-page .inspectionId=${p.id}></qms-inspection-page>` },
  { load, pattern: '/inspections/:id/edit', render: (p) => html`<qms-inspection-plan .inspectionId=${p.id}></qms-inspection-plan>` },
  { load, pattern: '/inspections/:id/perform', render: (p) => html`<qms-inspection-perform .inspectionId=${p.id}></qms-inspection-perform>` },
]
