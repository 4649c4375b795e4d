import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-finding-editor.ts'), import('./qms-findings-page.ts')])

export const findingRoutes: RouteDef[] = [
  { load, pattern: '/findings', render: (_p, q) => html`<qms-findings-page .query=${q}></qms-findings-page>` },
  { load, pattern: '/findings/new', render: () => html`<qms-finding-editor></qms-finding-editor>` },
  { load, pattern: '/findings/:id', render: (p) => html`<qms-finding-editor .findingId=${p.id}></qms-finding-editor>` },
]
