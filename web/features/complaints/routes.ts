import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-complaint-form.ts'), import('./qms-complaint-page.ts'), import('./qms-complaints-page.ts')])

export const complaintRoutes: RouteDef[] = [
  { load, pattern: '/complaints', render: (_p, q) => html`<qms-complaints-page .query=${q}></qms-complaints-page>` },
  { load, pattern: '/complaints/new', render: (_p, q) => html`<qms-complaint-form dossierId=${q.get('dossierId') ?? ''}></qms-complaint-form>` },
  { load, pattern: '/complaints/:id', render: (p) => html`<qms-complaint-page .complaintId=${p.id}></qms-complaint-page>` },
]
