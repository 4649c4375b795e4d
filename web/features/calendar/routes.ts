import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-holidays-page.ts'

export const calendarRoutes: RouteDef[] = [{ pattern: '/admin/calendar', render: () => html`<qms-holidays-page></qms-holidays-page>` }]
