import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-notifications-page.ts'

export const notificationRoutes: RouteDef[] = [{ pattern: '/notifications', render: () => html`<qms-notifications-page></qms-notifications-page>` }]
