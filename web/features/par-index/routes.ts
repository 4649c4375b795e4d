import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-par-index-page.ts'), import('./qms-par-assessment-page.ts')])

export const parIndexRoutes: RouteDef[] = [
  { load, pattern: '/par-index', render: () => html`<qms-par-index-page></qms-par-index-page>` },
  { load, pattern: '/par-index/:id', render: (p) => html`<qms-par-assessment-page .assessmentId=${p.id}></qms-par-assessment-page>` },
]
