import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-dashboard-page.ts'

export const dashboardRoutes: RouteDef[] = [{ pattern: '/dashboard', render: () => html`<qms-dashboard-page></qms-dashboard-page>` }]
