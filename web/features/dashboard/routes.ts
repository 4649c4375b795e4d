import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-dashboard-page.ts')])

export const dashboardRoutes: RouteDef[] = [{ load, pattern: '/dashboard', render: (_p, q) => html`<qms-dashboard-page .query=${q}></qms-dashboard-page>` }]
