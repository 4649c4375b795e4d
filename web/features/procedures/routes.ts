import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-procedure-editor.ts'
import './qms-procedures-page.ts'

export const procedureRoutes: RouteDef[] = [
  { pattern: '/procedures', render: () => html`<qms-procedures-page></qms-procedures-page>` },
  { pattern: '/procedures/new', render: () => html`<qms-procedure-editor></qms-procedure-editor>` },
  { pattern: '/procedures/:id', render: (p) => html`<qms-procedure-editor .procedureId=${p.id}></qms-procedure-editor>` },
]
