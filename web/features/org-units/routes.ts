import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-org-units-page.ts')])

export const orgUnitRoutes: RouteDef[] = [{ load, pattern: '/admin/org-units', render: () => html`<qms-org-units-page></qms-org-units-page>` }]
