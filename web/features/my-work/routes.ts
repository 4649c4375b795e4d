import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
// Loaded when the page is first opened (RouteDef.load): the sign-in page does not carry it.
const load = () => Promise.all([import('./qms-my-work-page.ts')])

/** Everyone's start page. */
export const myWorkRoutes: RouteDef[] = [{ load, pattern: '/', render: () => html`<qms-my-work-page></qms-my-work-page>` }]
