import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-holidays-page.ts')])

export const calendarRoutes: RouteDef[] = [{ load, pattern: '/admin/calendar', render: () => html`<qms-holidays-page></qms-holidays-page>` }]
