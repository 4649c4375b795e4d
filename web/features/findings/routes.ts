import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-finding-editor.ts'
import './qms-findings-page.ts'

export const findingRoutes: RouteDef[] = [
  { pattern: '/findings', render: (_p, q) => html`<qms-findings-page .query=${q}></qms-findings-page>` },
  { pattern: '/findings/new', render: () => html`<qms-finding-editor></qms-finding-editor>` },
  { pattern: '/findings/:id', render: (p) => html`<qms-finding-editor .findingId=${p.id}></qms-finding-editor>` },
]
