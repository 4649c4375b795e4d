import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-reports-page.ts'

export const reportRoutes: RouteDef[] = [{ pattern: '/reports', render: (_p, q) => html`<qms-reports-page .query=${q}></qms-reports-page>` }]
