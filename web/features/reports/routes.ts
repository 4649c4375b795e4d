import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-reports-page.ts'), import('./qms-report-drafts-page.ts'), import('./qms-report-draft-page.ts')])

export const reportRoutes: RouteDef[] = [
  { load, pattern: '/reports', render: (_p, q) => html`<qms-reports-page .query=${q}></qms-reports-page>` },
  { load, pattern: '/reports/drafts', render: () => html`<qms-report-drafts-page></qms-report-drafts-page>` },
  { load, pattern: '/reports/drafts/:id', render: (p) => html`<qms-report-draft-page .draftId=${p.id}></qms-report-draft-page>` },
]
