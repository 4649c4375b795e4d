import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-api-tokens-page.ts'

export const apiTokenRoutes: RouteDef[] = [{ pattern: '/admin/api-tokens', render: () => html`<qms-api-tokens-page></qms-api-tokens-page>` }]
