import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-org-units-page.ts'

export const orgUnitRoutes: RouteDef[] = [{ pattern: '/admin/org-units', render: () => html`<qms-org-units-page></qms-org-units-page>` }]
