import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () =>
  Promise.all([import('./qms-audit-programmes-page.ts'), import('./qms-audit-programme-form.ts'), import('./qms-audit-programme-page.ts'), import('./qms-audit-form.ts')])

export const auditRoutes: RouteDef[] = [
  { load, pattern: '/audit-programmes', render: () => html`<qms-audit-programmes-page></qms-audit-programmes-page>` },
  { load, pattern: '/audit-programmes/new', render: () => html`<qms-audit-programme-form></qms-audit-programme-form>` },
  { load, pattern: '/audit-programmes/:id', render: (p) => html`<qms-audit-programme-page .programmeId=${p.id}></qms-audit-programme-page>` },
  { load, pattern: '/audit-programmes/:id/audits/new', render: (p) => html`<qms-audit-form .programmeId=${p.id}></qms-audit-form>` },
]
