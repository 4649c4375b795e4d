import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-nc-board.ts'
import './qms-nc-form.ts'
import './qms-nc-page.ts'

export const nonconformityRoutes: RouteDef[] = [
  { pattern: '/nonconformities', render: (_p, q) => html`<qms-nc-board .query=${q}></qms-nc-board>` },
  { pattern: '/nonconformities/new', render: () => html`<qms-nc-form></qms-nc-form>` },
  { pattern: '/nonconformities/:id', render: (p) => html`<qms-nc-page .ncId=${p.id}></qms-nc-page>` },
  { pattern: '/nonconformities/:id/edit', render: (p) => html`<qms-nc-form .ncId=${p.id}></qms-nc-form>` },
]
