import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-user-editor.ts'), import('./qms-users-page.ts')])

export const userRoutes: RouteDef[] = [
  { load, pattern: '/admin/users', render: () => html`<qms-users-page></qms-users-page>` },
  { load, pattern: '/admin/users/new', render: () => html`<qms-user-editor></qms-user-editor>` },
  { load, pattern: '/admin/users/:id', render: (p) => html`<qms-user-editor .userId=${p.id}></qms-user-editor>` },
]
