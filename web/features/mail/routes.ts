import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const loadPreferences = () => import('./qms-mail-preferences-page.ts')
const loadOutbox = () => import('./qms-mail-outbox-page.ts')

export const mailRoutes: RouteDef[] = [
  { load: loadPreferences, pattern: '/settings/mail', render: () => html`<qms-mail-preferences-page></qms-mail-preferences-page>` },
  { load: loadOutbox, pattern: '/admin/mail', render: () => html`<qms-mail-outbox-page></qms-mail-outbox-page>` },
]
