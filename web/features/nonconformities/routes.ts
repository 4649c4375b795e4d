import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-nc-board.ts'), import('./qms-nc-form.ts'), import('./qms-nc-page.ts')])

export const nonconformityRoutes: RouteDef[] = [
  { load, pattern: '/nonconformities', render: (_p, q) => html`<qms-nc-board .query=${q}></qms-nc-board>` },
  { load, pattern: '/nonconformities/new', render: () => html`<qms-nc-form></qms-nc-form>` },
  { load, pattern: '/nonconformities/:id', render: (p) => html`<qms-nc-page .ncId=${p.id}></qms-nc-page>` },
  { load, pattern: '/nonconformities/:id/edit', render: (p) => html`<qms-nc-form .ncId=${p.id}></qms-nc-form>` },
]
