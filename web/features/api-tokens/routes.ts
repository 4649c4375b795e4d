import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-api-tokens-page.ts')])

export const apiTokenRoutes: RouteDef[] = [{ load, pattern: '/admin/api-tokens', render: () => html`<qms-api-tokens-page></qms-api-tokens-page>` }]
