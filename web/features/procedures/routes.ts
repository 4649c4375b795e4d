import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-procedure-editor.ts'), import('./qms-procedures-page.ts')])

export const procedureRoutes: RouteDef[] = [
  { load, pattern: '/procedures', render: () => html`<qms-procedures-page></qms-procedures-page>` },
  { load, pattern: '/procedures/new', render: () => html`<qms-procedure-editor></qms-procedure-editor>` },
  { load, pattern: '/procedures/:id', render: (p) => html`<qms-procedure-editor .procedureId=${p.id}></qms-procedure-editor>` },
]
