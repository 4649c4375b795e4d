import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-my-work-page.ts'

/** Everyone's start page. */
export const myWorkRoutes: RouteDef[] = [{ pattern: '/', render: () => html`<qms-my-work-page></qms-my-work-page>` }]
