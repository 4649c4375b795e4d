import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-reports-page.ts')])

export const reportRoutes: RouteDef[] = [{ load, pattern: '/reports', render: (_p, q) => html`<qms-reports-page .query=${q}></qms-reports-page>` }]
