import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-notifications-page.ts')])

export const notificationRoutes: RouteDef[] = [{ load, pattern: '/notifications', render: () => html`<qms-notifications-page></qms-notifications-page>` }]
