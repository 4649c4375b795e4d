import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-risk-form.ts'), import('./qms-risk-page.ts'), import('./qms-risks-page.ts')])

export const riskRoutes: RouteDef[] = [
  { load, pattern: '/risks', render: (_p, q) => html`<qms-risks-page .query=${q}></qms-risks-page>` },
  { load, pattern: '/risks/new', render: () => html`<qms-risk-form></qms-risk-form>` },
  { load, pattern: '/risks/:id', render: (p) => html`<qms-risk-page .riskId=${p.id}></qms-risk-page>` },
]
