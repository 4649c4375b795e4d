import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-complaint-form.ts'
import './qms-complaint-page.ts'
import './qms-complaints-page.ts'

export const complaintRoutes: RouteDef[] = [
  { pattern: '/complaints', render: (_p, q) => html`<qms-complaints-page .query=${q}></qms-complaints-page>` },
  { pattern: '/complaints/new', render: (_p, q) => html`<qms-complaint-form dossierId=${q.get('dossierId') ?? ''}></qms-complaint-form>` },
  { pattern: '/complaints/:id', render: (p) => html`<qms-complaint-page .complaintId=${p.id}></qms-complaint-page>` },
]
